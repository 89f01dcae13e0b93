#!/usr/bin/env bash
# Trains and validates one fold of the shared Hippocampus data on this machine, with a network
# small enough for CPUs, and prints wall times, peak memory and the validation Dice per class.
#   bench/hippocampus_fold.sh [DATA_DIR]     (default ../shared/data/Task04_Hippocampus)
# Environment: ITERATIONS (1500), BASE (16), BATCH (4), PRECISION (bf16), FOLD (0), WORK (out/bench-hippocampus)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${1:-$root/../shared/data/Task04_Hippocampus}"
[ -f "$data/dataset.json" ] || { echo "no data set at $data (see ../shared/data/README.md)" >&2; exit 2; }
work="${WORK:-out/bench-hippocampus}"
iterations="${ITERATIONS:-1500}" base="${BASE:-16}" batch="${BATCH:-4}" precision="${PRECISION:-bf16}" fold="${FOLD:-0}"
rm -rf "$work"

step() { # step NAME COMMAND...: runs it under GNU time, prints seconds and peak RSS
  local name=$1; shift
  local start; start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work.$name.rss" "$@" | tee "$work.$name.log" | grep -E "iter [0-9]+/|Dice|trained|cases in" || true
  echo "{\"step\":\"$name\",\"seconds\":$(echo "$(date +%s.%N) - $start" | bc),\"peak_rss_mb\":$(( $(cat "$work.$name.rss") / 1024 ))}"
}

mkdir -p "$(dirname "$work")"
./segfold engine plan -d "$data" -w "$work" --base "$base" --batch "$batch" >/dev/null
step preprocess ./segfold engine preprocess -d "$data" -w "$work"
step train ./segfold engine train -d "$data" -w "$work" --fold "$fold" --iterations "$iterations" \
  --save-interval "$iterations" --log-iters 100 --precision "$precision"
step evaluate ./segfold engine evaluate -d "$data" -w "$work" --fold "$fold"
/usr/bin/python3 - "$work/3d_fullres/fold$fold/validation/summary.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["results"]["mean"]
fg = [k for k in m if k not in ("0", "mean")]
print(json.dumps({"dice_per_class": {k: round(m[k]["Dice"], 4) for k in fg},
                  "mean_foreground_dice": round(sum(m[k]["Dice"] for k in fg) / len(fg), 4)}))
PY
