#!/usr/bin/env bash
# The two-stage cascade on the shared Hippocampus data with a forced low-res stage (2 mm, as
# nnU-Net's own integration test forces one on Hippocampus): all five 3d_lowres folds (each
# predicting its validation cases for the next stage), then 3d_cascade_fullres fold FOLD, with
# the same network, batch and iterations as bench/hippocampus_fold.sh uses for 3d_fullres, so the
# two Dice values compare at the same CPU budget for the full-resolution network.
#   bench/hippocampus_cascade.sh [DATA_DIR]     (default ../shared/data/Task04_Hippocampus)
# Environment: ITERATIONS (2000, cascade fold), LOWRES_ITERATIONS (1000, each low-res fold),
#   BASE (16), BATCH (4), PRECISION (bf16), FOLD (0), WORK (out/bench-cascade)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${1:-$root/../shared/data/Task04_Hippocampus}"
[ -f "$data/dataset.json" ] || { echo "no data set at $data (see ../shared/data/README.md)" >&2; exit 2; }
work="${WORK:-out/bench-cascade}"
iterations="${ITERATIONS:-2000}" lowres="${LOWRES_ITERATIONS:-1000}" base="${BASE:-16}" batch="${BATCH:-4}"
precision="${PRECISION:-bf16}" fold="${FOLD:-0}"
rm -rf "$work" "$work.log"
mkdir -p "$(dirname "$work")"

start=$(date +%s)
/usr/bin/time -f '{"wall_s":%e,"cpu_user_s":%U,"cpu_sys_s":%S,"peak_rss_mb":%M}' -o "$work.time" \
  ./segfold engine run -d "$data" -w "$work" -c 3d_cascade_fullres --folds "$fold" \
    --lowres-spacing 2 2 2 --base "$base" --batch "$batch" --precision "$precision" \
    --iterations "$iterations" --lowres-iterations "$lowres" --save-interval "$iterations" --log-iters 200 2>&1 |
  while IFS= read -r line; do printf '%6ds %s\n' "$(( $(date +%s) - start ))" "$line"; done |
  tee "$work.log" | grep -E "Dice|training on|validating|predicting|preprocessing|iter [0-9]+000/" || true
python3 - "$work" "$fold" "$work.time" <<'PY'
import json, sys
work, fold, timing = sys.argv[1], sys.argv[2], sys.argv[3]
def dice(path):
    m = json.load(open(path))["results"]["mean"]
    fg = [k for k in m if k not in ("0", "mean")]
    return {k: round(m[k]["Dice"], 4) for k in fg}, round(sum(m[k]["Dice"] for k in fg) / len(fg), 4)
low = {f: dice(f"{work}/3d_lowres/fold{f}/validation/summary.json")[1] for f in range(5)}
per_class, mean = dice(f"{work}/3d_cascade_fullres/fold{fold}/validation/summary.json")
t = json.load(open(timing))
t["peak_rss_mb"] = round(t["peak_rss_mb"] / 1024)
print(json.dumps({"lowres_fold_mean_dice": low, "cascade_fold": int(fold), "cascade_dice_per_class": per_class,
                  "cascade_mean_foreground_dice": mean, **t}))
PY
