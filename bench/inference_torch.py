"""PyTorch peer of dev.segfold.engine.bench.InferenceBenchmark: a case that fits one patch goes
through F folds (distinct random weights of the same network as unet3d_torch.UNet3d) x M mirror
flips, the flips of a fold in one batch, softmax flipped back and averaged over flips and folds
(what nnU-Net's ensemble does per tile). Prints the same JSON line.

usage: /usr/bin/python3 bench/inference_torch.py [--patch 40 56 40] [--base 32] [--pools 3]
       [--classes 3] [--channels 1] [--folds 5] [--mirrors 8] [--precision fp32|bf16] [--threads T]
       [--cases 3] [--warmup 1]
"""
import argparse
import itertools
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unet3d_torch import UNet3d  # noqa: E402
from train_step_torch import peak_rss_mb  # noqa: E402


def flips(mirrors):
    """The flipped axes of each mirror, identity first: all subsets of the last log2(M) spatial axes."""
    axes = [4, 3, 2][: mirrors.bit_length() - 1]
    return [list(s) for k in range(len(axes) + 1) for s in itertools.combinations(sorted(axes), k)]


def predict(net, x, mirror_axes, bf16):
    """Mean softmax over the flips of x (1, C, z, y, x), all flips in one batch."""
    batch = torch.cat([torch.flip(x, a) if a else x for a in mirror_axes])
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        logits = net(batch)[0]
    p = torch.softmax(logits.float(), 1)
    out = torch.zeros_like(p[:1])
    for i, a in enumerate(mirror_axes):
        out += torch.flip(p[i:i + 1], a) if a else p[i:i + 1]
    return out / len(mirror_axes)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--patch", type=int, nargs=3, default=[40, 56, 40])
    ap.add_argument("--base", type=int, default=32)
    ap.add_argument("--pools", type=int, default=3)
    ap.add_argument("--classes", type=int, default=3)
    ap.add_argument("--channels", type=int, default=1)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--mirrors", type=int, choices=[1, 2, 4, 8], default=8)
    ap.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--cases", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    cfg = {"inputChannels": a.channels, "numClasses": a.classes, "baseFeatures": a.base, "maxFeatures": 320,
           "poolKernels": [[2, 2, 2]] * a.pools, "convKernels": [[3, 3, 3]] * (a.pools + 1),
           "convsPerStage": 2, "deepSupervision": False}
    nets = []
    for f in range(a.folds):
        torch.manual_seed(f)
        nets.append(UNet3d(cfg).eval())
    mirror_axes = flips(a.mirrors)
    rng = np.random.default_rng(1)
    times, foreground = [], 0.0
    cpu0 = None
    with torch.inference_mode():
        for c in range(a.warmup + a.cases):
            x = torch.from_numpy(rng.standard_normal((1, a.channels, *a.patch)).astype(np.float32))
            if c == a.warmup:
                cpu0 = time.process_time()
            t0 = time.perf_counter()
            mean = sum(predict(net, x, mirror_axes, a.precision == "bf16") for net in nets) / len(nets)
            if c >= a.warmup:
                times.append((time.perf_counter() - t0) * 1000)
                foreground += float(mean[0, 1:].mean()) / a.cases
    cpu_ms = (time.process_time() - cpu0) * 1000 / a.cases
    print(json.dumps({
        "impl": "torch-python", "patch": a.patch, "base": a.base, "pools": a.pools, "classes": a.classes,
        "folds": a.folds, "mirrors": a.mirrors, "precision": a.precision, "threads": torch.get_num_threads(),
        "warmup": a.warmup, "cases": a.cases, "ms_per_case": round(float(np.mean(times)), 1),
        "ms_min": round(float(np.min(times)), 1), "cpu_ms_per_case": round(cpu_ms, 1),
        "mean_foreground": foreground, "peak_rss_mb": round(peak_rss_mb()), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
