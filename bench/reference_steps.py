"""Numerical peer for the engine's tests: runs N nnU-Net training steps in PyTorch from a
parameter file and a batch file written by the Java engine, and writes losses, learning rates,
gradient norms and the final parameters and momentum buffers back.

usage: /usr/bin/python3 bench/reference_steps.py DIR
DIR holds network.json, training.json (TrainingConfig JSON), params.npz, batches.npz (data_i,
target_i for each step i); writes DIR/reference.json and DIR/reference_params.npz,
DIR/reference_momentum.npz.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unet3d_torch import UNet3d, ds_loss, load_config, load_npz_into  # noqa: E402


def main(d):
    torch.set_num_threads(1)
    cfg = load_config(os.path.join(d, "network.json"))
    tc = load_config(os.path.join(d, "training.json"))
    net = UNet3d(cfg)
    load_npz_into(net, os.path.join(d, "params.npz"))
    net.train()
    batches = np.load(os.path.join(d, "batches.npz"))
    steps = len([k for k in batches.files if k.startswith("data_")])
    opt = torch.optim.SGD(net.parameters(), lr=tc["initialLearningRate"], momentum=tc["momentum"],
                          weight_decay=tc["weightDecay"], nesterov=True)
    losses, lrs, norms = [], [], []
    for it in range(steps):
        lr = tc["initialLearningRate"] * (1 - it / tc["iterations"]) ** tc["polyPower"]
        for g in opt.param_groups:
            g["lr"] = lr
        x = torch.from_numpy(batches["data_%d" % it])
        y = torch.from_numpy(batches["target_%d" % it]).long()
        opt.zero_grad(set_to_none=True)
        loss = ds_loss(net(x), y, cfg, tc["batchDice"])
        loss.backward()
        clip = tc["gradientClipNorm"] if tc["gradientClipNorm"] > 0 else float("inf")
        norm = torch.nn.utils.clip_grad_norm_(net.parameters(), clip)
        opt.step()
        losses.append(float(loss))
        lrs.append(lr)
        norms.append(float(norm))
    with open(os.path.join(d, "reference.json"), "w") as f:
        json.dump({"losses": losses, "learningRates": lrs, "gradientNorms": norms}, f)
    np.savez(os.path.join(d, "reference_params.npz"),
             **{k: v.detach().numpy() for k, v in net.state_dict().items()})
    mom = {}
    for name, p in net.named_parameters():
        st = opt.state.get(p, {})
        if "momentum_buffer" in st:
            mom[name] = st["momentum_buffer"].numpy()
    np.savez(os.path.join(d, "reference_momentum.npz"), **mom)


if __name__ == "__main__":
    main(sys.argv[1])
