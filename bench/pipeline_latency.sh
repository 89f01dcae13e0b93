#!/usr/bin/env bash
# Manifest landing -> evaluation start, and status-event end-to-end latency, on a devstack with the
# packaged evaluator-service: see bench/README.md ("Pipeline latency"). Same as `./segfold bench pipeline-latency`.
exec "$(cd "$(dirname "$0")/.." && pwd)/segfold" bench pipeline-latency "$@"
