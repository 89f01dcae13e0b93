#!/usr/bin/env bash
# Five folds of the shared Hippocampus data through the embedded stack with a time budget per fold
# and nothing else set (the trainer chooses the network and fits the iterations), then the table of
# docs/BENCHMARKS.md "A 12- and 30-minute time budget per fold": training time against the budget
# and validation Dice per fold, the CV row, each trainer's peak RSS during each fold (sampled every 30 s)
# and each process's peak RSS (VmHWM).
#   bench/hippocampus_budget.sh [BUDGET] [DATA_DIR]   (defaults 12m, ../shared/data/Task04_Hippocampus)
# Environment: FOLDS (0,1,2,3,4), OUT (out/bench-budget); MALLOC_CONF, when set, replaces the
# launcher's jemalloc settings for every service. Stops nothing it did not start: run it on a
# quiet machine with no other run in the stack (`./segfold up` resumes unfinished runs first).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
budget="${1:-12m}"
data="${2:-$root/../shared/data/Task04_Hippocampus}"
[ -f "$data/dataset.json" ] || { echo "no data set at $data (see ../shared/data/README.md)" >&2; exit 2; }
out="${OUT:-out/bench-budget}"
mkdir -p "$out"
./segfold up
# every trainer's resident memory every 30 s ("epoch-seconds kB"), for the table's peak-RSS-per-fold column
for f in .segfold/pids/trainer-service-*.pid; do
  pid=$(cat "$f")
  while kill -0 "$pid" 2>/dev/null; do
    echo "$(date +%s) $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
    sleep 30
  done > "$out/$(basename "$f" .pid)-rss.txt" &
done
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
start=$(date +%s)
/usr/bin/time -v ./segfold run "$data" --folds "${FOLDS:-0,1,2,3,4}" --time-budget "$budget" --out "$out/run" \
  2>&1 | tee "$out/run.log" | grep -E "accepted|training took|EVALUATED|submission|Maximum resident|Elapsed" || true
echo "client wall time: $(( $(date +%s) - start )) s"
run=$(grep -oE "run r-[0-9]+-[0-9]+-[a-z0-9]+ accepted" "$out/run.log" | head -1 | cut -d' ' -f2)
[ -n "$run" ] || { echo "the run was not accepted; see $out/run.log" >&2; exit 1; }
python3 bench/budget_table.py "$run" --logs .segfold/logs --rss "$out"
for f in .segfold/pids/*.pid; do
  echo "$(basename "$f" .pid) $(grep VmHWM "/proc/$(cat "$f")/status" 2>/dev/null | tr -s ' \t' ' ')"
done
