#!/usr/bin/env bash
# Kept for old notes: the training-step benchmark is `./segfold bench train-step` (jemalloc included).
exec "$(cd "$(dirname "$0")/.." && pwd)/segfold" bench train-step "$@"
