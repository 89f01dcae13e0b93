"""Learnability check for the synthetic data set (run by hand, not by the build).

Trains a tiny 3D U-Net (torch, CPU) on imagesTr/labelsTr of a generated data set for a time
budget and reports the per-class Dice on imagesTs/labelsTs (generate with optWriteTestLabels).

    /usr/bin/python3 learnability_check.py DATASET_DIR [SECONDS]
"""
import glob
import os
import sys
import time

import nibabel as nib
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(folder, label_folder):
    xs, ys = [], []
    for f in sorted(glob.glob(os.path.join(folder, "*.nii.gz"))):
        img = np.asarray(nib.load(f).dataobj, dtype=np.float32)
        mask = img > 0
        img = (img - img[mask].mean()) / (img[mask].std() + 1e-6)
        xs.append(img[None])
        ys.append(np.asarray(nib.load(os.path.join(label_folder, os.path.basename(f))).dataobj, dtype=np.int64))
    return torch.tensor(np.stack(xs)), torch.tensor(np.stack(ys))


def block(i, o):
    return nn.Sequential(nn.Conv3d(i, o, 3, padding=1), nn.InstanceNorm3d(o, affine=True), nn.LeakyReLU(0.01),
                         nn.Conv3d(o, o, 3, padding=1), nn.InstanceNorm3d(o, affine=True), nn.LeakyReLU(0.01))


class TinyUNet(nn.Module):
    def __init__(self, classes, f=8):
        super().__init__()
        self.e1, self.e2, self.e3 = block(1, f), block(f, 2 * f), block(2 * f, 4 * f)
        self.u2, self.d2 = nn.ConvTranspose3d(4 * f, 2 * f, 2, 2), block(4 * f, 2 * f)
        self.u1, self.d1 = nn.ConvTranspose3d(2 * f, f, 2, 2), block(2 * f, f)
        self.out = nn.Conv3d(f, classes, 1)

    def forward(self, x):
        a = self.e1(x)
        b = self.e2(F.max_pool3d(a, 2))
        c = self.e3(F.max_pool3d(b, 2))
        b = self.d2(torch.cat([self.u2(c), b], 1))
        a = self.d1(torch.cat([self.u1(b), a], 1))
        return self.out(a)


def dice_per_class(pred, y, classes):
    out = []
    for k in range(1, classes):
        tp = ((pred == k) & (y == k)).sum().item()
        denom = (pred == k).sum().item() + (y == k).sum().item()
        out.append(2 * tp / denom if denom else float("nan"))
    return out


def main():
    root = sys.argv[1]
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 180
    torch.manual_seed(0)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    x, y = load(os.path.join(root, "imagesTr"), os.path.join(root, "labelsTr"))
    xt, yt = load(os.path.join(root, "imagesTs"), os.path.join(root, "labelsTs"))
    classes = int(max(y.max(), yt.max())) + 1
    net = TinyUNet(classes)
    opt = torch.optim.Adam(net.parameters(), 3e-3)
    start, step = time.time(), 0
    while time.time() - start < budget:
        idx = torch.randint(0, len(x), (2,))
        xb, yb = x[idx], y[idx]
        if torch.rand(1).item() < 0.5:  # mirror x: a cheap augmentation that keeps the anatomy
            xb, yb = xb.flip(-1), yb.flip(-1)
        logits = net(xb)
        prob = logits.softmax(1)
        onehot = F.one_hot(yb, classes).permute(0, 4, 1, 2, 3).float()
        dice = (2 * (prob * onehot).sum((0, 2, 3, 4)) + 1) / (prob.sum((0, 2, 3, 4)) + onehot.sum((0, 2, 3, 4)) + 1)
        loss = F.cross_entropy(logits, yb) + 1 - dice[1:].mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 50 == 0:
            print(f"step {step} t={time.time() - start:.0f}s loss={loss.item():.3f}", flush=True)
    net.eval()
    with torch.no_grad():
        pred = torch.cat([net(xt[i:i + 1]).argmax(1) for i in range(len(xt))])
    d = dice_per_class(pred, yt, classes)
    fg = dice_per_class((pred > 0).long(), (yt > 0).long(), 2)[0]
    print(f"steps {step} in {time.time() - start:.0f}s; test Dice per class {['%.3f' % v for v in d]},"
          f" mean {np.nanmean(d):.3f}, foreground {fg:.3f}")


if __name__ == "__main__":
    main()
