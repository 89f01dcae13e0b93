"""Independent numpy re-statement of nnU-Net v1's ExperimentPlanner3D_v21 (written for Segfold's
tests from a reading of the v1 source; not a copy). Reads a JSON fingerprint on stdin:
{"spacings": [[z,y,x],...], "sizes": [[z,y,x],...], "modalities": {"0": "CT"},
 "all_classes": [1, 2], "size_reductions": [...]}
and prints the plans (nnU-Net key names) as JSON. Uses numpy's own rounding, percentile,
median and argsort, which is the point of having a peer."""
import json
import sys

import numpy as np

BASE, MAX_FILTERS, MIN_EDGE, MAX_POOL = 32, 320, 4, 999
ANISO, STAGE0, MAX_FRACTION, MIN_BATCH, CPS = 3, 4, 0.05, 2, 2
REF = 520000000 * BASE / 30


def topology(spacing, patch):
    sp = [float(s) for s in spacing]
    size = [float(p) for p in patch]
    pools, convs, npool = [], [], [0, 0, 0]
    while True:
        lo = min(sp)
        group = []
        for a in range(3):
            g = [i for i in range(3) if sp[i] / sp[a] < 2 and sp[a] / sp[i] < 2]
            if len(g) > len(group):
                group = g
        conv = [3 if i in group else 1 for i in range(3)]
        ok = [i for i in range(3) if sp[i] / lo < 2 and size[i] >= 2 * MIN_EDGE and npool[i] < MAX_POOL]
        if not ok:
            break
        pool = [1, 1, 1]
        for i in ok:
            pool[i] = 2
            npool[i] += 1
            sp[i] *= 2
            size[i] = np.ceil(size[i] / 2)
        pools.append(pool)
        convs.append(conv)
    convs.append([3, 3, 3])
    div = 2 ** np.array(npool)
    padded = np.array([p if p % d == 0 else p + d - p % d for p, d in zip(patch, div)]).astype(int)
    return npool, pools, convs, padded, div


def vram(patch, pools, nmod, ncls):
    m = np.array(patch)
    total = np.int64((CPS * 2 + 1) * np.prod(m, dtype=np.int64) * BASE + (nmod + ncls) * np.prod(m, dtype=np.int64))
    feat = BASE
    for p, k in enumerate(pools):
        m = m // np.array(k)
        feat = min(feat * 2, MAX_FILTERS)
        blocks = CPS * 2 + 1 if p < len(pools) - 1 else CPS
        total += blocks * np.prod(m, dtype=np.int64) * feat
    return total


def stage(cur, orig, shape, ncases, nmod, ncls):
    cur = np.array(cur, dtype=float)
    median = np.round(np.array(orig) / cur * np.array(shape)).astype(int)
    start = 1 / cur
    start = start / start.mean()
    start = np.round(start * (1 / start.min() * 512)).astype(int)
    patch = [min(a, b) for a, b in zip(start, median)]
    npool, pools, convs, shp, div = topology(cur, patch)
    here = vram(shp, pools, nmod, ncls)
    while here > REF:
        axis = np.argsort(shp / median)[-1]
        tmp = shp.copy()
        tmp[axis] -= div[axis]
        shp[axis] -= topology(cur, tmp)[4][axis]
        npool, pools, convs, shp, div = topology(cur, shp)
        here = vram(shp, pools, nmod, ncls)
    batch = int(np.floor(max(REF / here, 1) * 2))
    cap = max(int(np.round(MAX_FRACTION * np.prod(median, dtype=np.int64) * ncases / np.prod(shp, dtype=np.int64))), MIN_BATCH)
    batch = max(1, min(batch, cap))
    return {"batch_size": batch, "num_pool_per_axis": [int(x) for x in npool], "patch_size": [int(x) for x in shp],
            "median_patient_size_in_voxels": [int(x) for x in median], "current_spacing": [float(x) for x in cur],
            "original_spacing": [float(x) for x in orig], "do_dummy_2D_data_aug": bool(max(shp) / shp[0] > ANISO),
            "pool_op_kernel_sizes": pools, "conv_kernel_sizes": convs}


def target_spacing(spacings, sizes):
    t = np.percentile(np.vstack(spacings), 50, 0)
    ts = np.percentile(np.vstack(sizes), 50, 0)
    w = np.argmax(t)
    others = [i for i in range(3) if i != w]
    if t[w] > ANISO * max(t[others]) and ts[w] * ANISO < min(ts[others]):
        v = np.percentile(np.vstack(spacings)[:, w], 10)
        if v < max(t[others]):
            v = max(max(t[others]), v) + 1e-5
        t[w] = v
    return t


def plan(fp):
    spacings, sizes = fp["spacings"], fp["sizes"]
    nmod = len(fp["modalities"])
    ncls = len(fp["all_classes"]) + 1
    n = len(spacings)
    t = target_spacing(spacings, sizes)
    shapes = [np.array(s) / t * np.array(z) for s, z in zip(spacings, sizes)]
    w = int(np.argmax(t))
    fwd = [w] + [i for i in range(3) if i != w]
    bwd = [int(np.argwhere(np.array(fwd) == i)[0][0]) for i in range(3)]
    med = np.median(np.vstack(shapes), 0)
    tT, mT = t[fwd], med[fwd]
    stages = [stage(tT, tT, mT, n, nmod, ncls)]
    arch = np.prod(stages[0]["patch_size"], dtype=np.int64)
    if np.prod(med) / arch >= STAGE0:
        low = t.copy()
        nv = np.prod(med, dtype=np.float64)
        new = None
        while nv > STAGE0 * arch:
            mx = max(low)
            if np.any(mx / low > 2):
                low[(mx / low) > 2] *= 1.01
            else:
                low *= 1.01
            nv = np.prod(t / low * med, dtype=np.float64)
            new = stage(low[fwd], tT, mT, n, nmod, ncls)
            arch = np.prod(new["patch_size"], dtype=np.int64)
        if new is not None and 2 * np.prod(new["median_patient_size_in_voxels"], dtype=np.int64) < np.prod(
                stages[0]["median_patient_size_in_voxels"], dtype=np.int64):
            stages.append(new)
    stages = stages[::-1]
    mods = fp["modalities"]
    red = np.median(fp["size_reductions"])
    return {"num_stages": len(stages), "transpose_forward": fwd, "transpose_backward": bwd,
            "target_spacing": [float(x) for x in t], "median_shape": [float(x) for x in med],
            "plans_per_stage": {str(i): s for i, s in enumerate(stages)},
            "use_mask_for_norm": {k: bool("CT" not in v and red < 0.75) for k, v in mods.items()}}


if __name__ == "__main__":
    print(json.dumps(plan(json.load(sys.stdin))))
