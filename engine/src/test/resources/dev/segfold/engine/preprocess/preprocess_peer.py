"""Reference preprocessing for Segfold's real-data test, written from nnU-Net v1's description
(crop to the hole-filled nonzero mask, resample with skimage, z-score) with the libraries it uses.

Usage: preprocess_peer.py <job.json>. The job lists cases (image and label NIfTI paths), the
target spacing and the mask flag, and an output folder. For each case it writes the raw arrays
(z, y, x; float32 little-endian) that the Java side starts from, and the expected results.
"""
import json
import os
import sys

import nibabel as nib
import numpy as np
from scipy.ndimage import binary_fill_holes
from skimage.transform import resize


def load(path):
    img = nib.load(path)
    arr = np.asanyarray(img.dataobj).astype(np.float32)
    # nibabel gives (x, y, z); SimpleITK's array order, which nnU-Net uses, is (z, y, x)
    return np.ascontiguousarray(arr.transpose(2, 1, 0)), [float(z) for z in img.header.get_zooms()[:3]][::-1]


def resize_labels(seg, shape):
    out = np.zeros(shape, dtype=seg.dtype)
    for label in np.unique(seg):
        m = resize((seg == label).astype(float), shape, 1, mode="edge", clip=True, anti_aliasing=False)
        out[m >= 0.5] = label
    return out


def main():
    job = json.load(open(sys.argv[1]))
    out_dir = job["output"]
    target = np.array(job["targetSpacing"], dtype=float)
    results = []
    for case in job["cases"]:
        data, spacing = load(case["image"])
        seg, _ = load(case["label"])
        cid = case["id"]
        data.astype("<f4").tofile(os.path.join(out_dir, cid + "_raw_image.f32"))
        seg.astype("<f4").tofile(os.path.join(out_dir, cid + "_raw_seg.f32"))
        raw_shape = list(data.shape)

        mask = binary_fill_holes(data != 0)
        where = np.where(mask)
        box = [[int(w.min()), int(w.max()) + 1] for w in where]
        sl = tuple(slice(b[0], b[1]) for b in box)
        data = data[sl]
        seg = seg[sl].copy()
        seg[(seg == 0) & (~mask[sl])] = -1

        new_shape = np.round(np.array(spacing) / target * np.array(data.shape)).astype(int)
        if np.any(new_shape != np.array(data.shape)):
            data = resize(data.astype(float), new_shape, 3, mode="edge", anti_aliasing=False).astype(np.float32)
            seg = resize_labels(seg, new_shape)
        seg[seg < -1] = 0

        if job["useMask"]:
            m = seg >= 0
            data[m] = (data[m] - data[m].mean()) / (data[m].std() + 1e-8)
            data[~m] = 0
        else:
            data = (data - data.mean()) / (data.std() + 1e-8)
        data.astype("<f4").tofile(os.path.join(out_dir, cid + "_expected_data.f32"))
        seg.astype("<f4").tofile(os.path.join(out_dir, cid + "_expected_seg.f32"))
        results.append({"id": cid, "rawShape": raw_shape, "spacing": spacing, "box": box,
                        "shape": [int(s) for s in data.shape]})
    json.dump(results, open(os.path.join(out_dir, "results.json"), "w"))


if __name__ == "__main__":
    main()
