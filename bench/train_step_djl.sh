#!/usr/bin/env bash
# Runs dev.segfold.engine.bench.TrainStepBenchmark with the engine's runtime classpath.
# usage: bench/train_step_djl.sh [--batch 9 --patch 40 56 40 --base 32 --pools 3 --steps 5 --warmup 2]
# Set JEMALLOC=1 to preload Debian's libjemalloc2 with decay disabled (see NOTES-infra.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -o -pl engine compile
cp_file="$root/engine/target/bench.classpath"
if [ ! -s "$cp_file" ] || [ engine/pom.xml -nt "$cp_file" ]; then
  mvn -q -B -o -pl engine dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
fi
if [ "${JEMALLOC:-0}" = 1 ]; then
  export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
  export MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1
fi
exec java -Dai.djl.offline=true -Xmx4g -cp "$root/engine/target/classes:$(cat "$cp_file")" \
  dev.segfold.engine.bench.TrainStepBenchmark "$@"
