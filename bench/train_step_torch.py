"""PyTorch peer of dev.segfold.engine.bench.TrainStepBenchmark: times one nnU-Net training step
(forward, deep-supervision DC_and_CE, backward, clip 12, Nesterov SGD) of the same network on
random data and prints the same JSON line.

usage: /usr/bin/python3 bench/train_step_torch.py [--batch 9] [--patch 40 56 40] [--base 32]
       [--pools 3] [--classes 3] [--channels 1] [--steps 5] [--warmup 2] [--precision fp32|bf16]
       [--threads T] [--profile trace.json]

--profile records the timed steps with torch.profiler (a Chrome trace); profile_summary.py sums
it per operator, as for the engine's trace.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unet3d_torch import UNet3d, ds_loss  # noqa: E402


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=9)
    ap.add_argument("--patch", type=int, nargs=3, default=[40, 56, 40])
    ap.add_argument("--base", type=int, default=32)
    ap.add_argument("--pools", type=int, default=3)
    ap.add_argument("--classes", type=int, default=3)
    ap.add_argument("--channels", type=int, default=1)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--profile")
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    cfg = {"inputChannels": a.channels, "numClasses": a.classes, "baseFeatures": a.base, "maxFeatures": 320,
           "poolKernels": [[2, 2, 2]] * a.pools, "convKernels": [[3, 3, 3]] * (a.pools + 1),
           "convsPerStage": 2, "deepSupervision": True}
    torch.manual_seed(0)
    net = UNet3d(cfg).train()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.99, weight_decay=3e-5, nesterov=True)
    rng = np.random.default_rng(1)
    x = torch.from_numpy(rng.standard_normal((a.batch, a.channels, *a.patch)).astype(np.float32))
    y = torch.from_numpy(rng.integers(0, a.classes, (a.batch, *a.patch)))
    times, losses = [], []
    cpu0 = None
    prof = None
    for it in range(a.warmup + a.steps):
        if a.profile and it == a.warmup:
            prof = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True)
            prof.__enter__()
        if it == a.warmup:
            cpu0 = time.process_time()
        for g in opt.param_groups:
            g["lr"] = 0.01 * (1 - it / 1000) ** 0.9
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.precision == "bf16"):
            out = net(x)
        loss = ds_loss([o.float() for o in out], y, cfg, False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 12)
        opt.step()
        losses.append(float(loss))
        if it >= a.warmup:
            times.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (time.process_time() - cpu0) * 1000 / a.steps if a.steps else float("nan")
    if prof is not None:
        prof.__exit__(None, None, None)
        prof.export_chrome_trace(a.profile)
    print(json.dumps({
        "impl": "torch-python", "batch": a.batch, "patch": a.patch, "base": a.base, "pools": a.pools,
        "classes": a.classes, "threads": torch.get_num_threads(), "precision": a.precision,
        "warmup": a.warmup, "steps": a.steps, "ms_per_step": round(float(np.mean(times)), 1),
        "ms_min": round(float(np.min(times)), 1), "cpu_ms_per_step": round(cpu_ms, 1),
        "loss_first": losses[a.warmup] if a.steps else None,
        "loss_last": losses[-1], "peak_rss_mb": round(peak_rss_mb()), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
