"""Reference implementation of Segfold's 3D U-Net, loss and optimiser in PyTorch.

The network mirrors nnU-Net v1's Generic_UNet (3D, strided-conv pooling, transposed-conv
upsampling, deep supervision, InstanceNorm + LeakyReLU, decoder convs with conv_kernel_sizes[s+1])
and uses the same state-dict names, so parameter files written by the Java engine (npz) load here
unchanged. Used by train_step_torch.py (speed peer) and by the engine's tests (numerical peer).

Run with Debian's /usr/bin/python3 (torch 1.13, numpy).
"""
import json
import math

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


class ConvDropoutNormNonlin(nn.Module):
    def __init__(self, cin, cout, kernel, stride):
        super().__init__()
        self.conv = nn.Conv3d(cin, cout, kernel, stride, [k // 2 for k in kernel], bias=True)
        self.instnorm = nn.InstanceNorm3d(cout, eps=1e-5, affine=True)
        self.lrelu = nn.LeakyReLU(0.01, inplace=True)

    def forward(self, x):
        return self.lrelu(self.instnorm(self.conv(x)))


class StackedConvLayers(nn.Module):
    def __init__(self, cin, cout, n, kernel, first_stride=None):
        super().__init__()
        stride = first_stride if first_stride is not None else [1, 1, 1]
        self.blocks = nn.Sequential(
            ConvDropoutNormNonlin(cin, cout, kernel, stride),
            *[ConvDropoutNormNonlin(cout, cout, kernel, [1, 1, 1]) for _ in range(n - 1)])

    def forward(self, x):
        return self.blocks(x)


def features(cfg, d):
    return min(cfg["baseFeatures"] * 2 ** d, cfg["maxFeatures"])


class UNet3d(nn.Module):
    """Generic_UNet for a Segfold network config (UNet3dConfig JSON)."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        pools, convs, cps = cfg["poolKernels"], cfg["convKernels"], cfg["convsPerStage"]
        p = len(pools)
        self.conv_blocks_context = nn.ModuleList()
        cin = cfg["inputChannels"]
        for d in range(p):
            stride = pools[d - 1] if d > 0 else None
            self.conv_blocks_context.append(StackedConvLayers(cin, features(cfg, d), cps, convs[d], stride))
            cin = features(cfg, d)
        fb = features(cfg, p)
        self.conv_blocks_context.append(nn.Sequential(
            StackedConvLayers(cin, fb, cps - 1, convs[p], pools[p - 1]),
            StackedConvLayers(fb, fb, 1, convs[p])))
        self.tu = nn.ModuleList()
        self.conv_blocks_localization = nn.ModuleList()
        self.seg_outputs = nn.ModuleList()
        for u in range(p):
            s = p - 1 - u
            skip = features(cfg, s)
            self.tu.append(nn.ConvTranspose3d(features(cfg, s + 1), skip, pools[s], pools[s], bias=False))
            self.conv_blocks_localization.append(nn.Sequential(
                StackedConvLayers(2 * skip, skip, cps - 1, convs[s + 1]),
                StackedConvLayers(skip, skip, 1, convs[s + 1])))
            self.seg_outputs.append(nn.Conv3d(skip, cfg["numClasses"], 1, 1, 0, bias=False))
        for m in self.modules():
            if isinstance(m, (nn.Conv3d, nn.ConvTranspose3d)):
                nn.init.kaiming_normal_(m.weight, a=0.01)
                if m.bias is not None:
                    nn.init.constant_(m.bias, 0)

    def forward(self, x):
        skips = []
        for d in range(len(self.conv_blocks_context) - 1):
            x = self.conv_blocks_context[d](x)
            skips.append(x)
        x = self.conv_blocks_context[-1](x)
        seg = []
        for u in range(len(self.tu)):
            x = self.tu[u](x)
            x = torch.cat((x, skips[-(u + 1)]), dim=1)
            x = self.conv_blocks_localization[u](x)
            seg.append(self.seg_outputs[u](x))
        if self.cfg["deepSupervision"]:
            return seg[::-1]
        return [seg[-1]]


def ds_weights(n):
    w = np.array([1 / 2 ** i for i in range(n)])
    if n > 1:
        w[-1] = 0
    return w / w.sum()


def soft_dice(p, y, batch_dice, smooth=1e-5):
    axes = [0, 2, 3, 4] if batch_dice else [2, 3, 4]
    tp = (p * y).sum(axes)
    fp = (p * (1 - y)).sum(axes)
    fn = ((1 - p) * y).sum(axes)
    dc = (2 * tp + smooth) / (2 * tp + fp + fn + smooth + 1e-8)
    dc = dc[1:] if batch_dice else dc[:, 1:]
    return -dc.mean()


def dc_and_ce(logits, target, batch_dice):
    """target: (N, z, y, x) long."""
    ce = F.cross_entropy(logits, target)
    y = F.one_hot(target, logits.shape[1]).permute(0, 4, 1, 2, 3).float()
    return ce + soft_dice(torch.softmax(logits, 1), y, batch_dice)


def downsample_nearest(target, shape):
    """skimage resize(order=0) indices: floor((o + 0.5) * in / out)."""
    idx = [torch.tensor([min(i - 1, int(math.floor((o + 0.5) * i / n))) for o in range(n)])
           for i, n in zip(target.shape[1:], shape)]
    return target[:, idx[0]][:, :, idx[1]][:, :, :, idx[2]]


def ds_loss(outputs, target, cfg, batch_dice):
    w = ds_weights(len(outputs))
    pools = cfg["poolKernels"]
    total = 0
    scale = np.ones(3)
    for i, out in enumerate(outputs):
        if i > 0:
            scale = scale / np.array(pools[i - 1])
        if w[i] == 0:
            continue
        shape = [int(round(s * f)) for s, f in zip(target.shape[1:], scale)]
        t = downsample_nearest(target, shape)
        total = total + w[i] * dc_and_ce(out, t, batch_dice)
    return total


def load_npz_into(model, path):
    data = np.load(path)
    state = {k: torch.from_numpy(np.array(data[k])) for k in data.files}
    missing = set(model.state_dict()) - set(state)
    # InstanceNorm without running stats has no buffers, so the sets must agree exactly
    assert not missing and not (set(state) - set(model.state_dict())), (missing, set(state) - set(model.state_dict()))
    model.load_state_dict(state)


def load_config(path):
    with open(path) as f:
        return json.load(f)
