"""Reference resampling for Segfold's tests: skimage/scipy as nnU-Net v1 calls them.

Usage: skimage_peer.py <jobs.json>. Each job names a raw little-endian float32 input file, its
shape, the operation and an output file to write (float32, little-endian).
"""
import json
import sys

import numpy as np
from scipy.ndimage import map_coordinates
from skimage.transform import resize


def resize_data(a, shape, order):
    return resize(a.astype(float), shape, order, mode="edge", anti_aliasing=False)


def resize_labels(seg, shape, order=1):
    # batchgenerators resize_segmentation with order > 0
    out = np.zeros(shape, dtype=seg.dtype)
    for label in np.unique(seg):
        multihot = resize((seg == label).astype(float), shape, order, mode="edge", clip=True,
                          anti_aliasing=False)
        out[multihot >= 0.5] = label
    return out


def resample_separate(a, shape, axis, order, is_seg):
    # in-plane slice by slice, then order 0 along the low-resolution axis
    shape = np.array(shape)
    in_plane = [s for i, s in enumerate(shape) if i != axis]
    fn = resize_labels if is_seg else (lambda s, sh, o: resize_data(s, sh, o))
    slices = [fn(np.take(a, k, axis=axis), in_plane, order) for k in range(a.shape[axis])]
    stacked = np.stack(slices, axis)
    if stacked.shape[axis] == shape[axis]:
        return stacked
    grids = np.mgrid[:shape[0], :shape[1], :shape[2]].astype(float)
    coords = [(grids[i] + 0.5) * (stacked.shape[i] / shape[i]) - 0.5 for i in range(3)]
    return map_coordinates(stacked.astype(float), np.array(coords), order=0, mode="nearest")


def main():
    jobs = json.load(open(sys.argv[1]))
    for job in jobs:
        a = np.fromfile(job["input"], dtype="<f4").reshape(job["shape"])
        new_shape = tuple(job["newShape"])
        op = job["op"]
        if op == "resize":
            out = resize_data(a, new_shape, job["order"])
        elif op == "labels":
            out = resize_labels(a, new_shape)
        elif op == "separate":
            out = resample_separate(a, new_shape, job["axis"], job["order"], job["isSeg"])
        else:
            raise ValueError(op)
        np.ascontiguousarray(out, dtype="<f4").tofile(job["output"])


if __name__ == "__main__":
    main()
