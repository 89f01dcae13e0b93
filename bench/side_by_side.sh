#!/usr/bin/env bash
# Runs the engine's benchmark and its PyTorch-Python peer alternately, ROUNDS times each, with the
# same environment on both sides, and prints one JSON line per run prefixed by the load average
# and the machine's busy share of the minute before it (other people's jobs share these cores).
#   bench/side_by_side.sh train-step [ROUNDS] [benchmark options...]
#   bench/side_by_side.sh inference  [ROUNDS] [benchmark options...]
# Environment for both sides: jemalloc with decay off (what ./segfold sets for the engine), and
# OMP_WAIT_POLICY=PASSIVE unless set: on cores shared with other jobs, spinning OpenMP workers
# make PyTorch's oneDNN backward-by-weights several times slower (docs/BENCHMARKS.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what=${1:?train-step or inference}; shift
rounds=${1:-3}; [ $# -gt 0 ] && shift
case "$what" in
  train-step) peer="$ROOT/bench/train_step_torch.py" ;;
  inference) peer="$ROOT/bench/inference_torch.py" ;;
  *) echo "usage: $0 train-step|inference [ROUNDS] [options]" >&2; exit 2 ;;
esac
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
export MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

busy() { # share of the two cores in use over the last 5 s, in percent
  local a b
  read -r -a a < <(head -1 /proc/stat); sleep 5; read -r -a b < <(head -1 /proc/stat)
  local used=$(( b[1] + b[2] + b[3] - a[1] - a[2] - a[3] ))
  local all=$(( used + b[4] + b[5] - a[4] - a[5] ))
  echo $(( 100 * used / (all > 0 ? all : 1) ))
}

for r in $(seq 1 "$rounds"); do
  for side in djl torch; do
    state="load $(cut -d' ' -f1-3 /proc/loadavg), busy before $(busy)%, $(date -u +%FT%TZ)"
    if [ "$side" = djl ]; then
      line=$("$ROOT/segfold" bench "$what" "$@" 2>/dev/null | tail -1)
    else
      line=$(LD_PRELOAD="$jemalloc" /usr/bin/python3 "$peer" "$@" | tail -1)
    fi
    echo "[$state] $line"
  done
done
