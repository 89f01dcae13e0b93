"""nibabel side of the NIfTI cross-check (NiftiNibabelCrossCheckTest).

Each command takes its three arguments once or repeated, to save interpreter start-ups.

describe IN OUT_JSON OUT_F32: load IN with nibabel; write its geometry as JSON and its scaled
    voxel values as little-endian float32 in file order (x fastest).
write SPEC_JSON OUT_NII OUT_F32: write an image as the spec says (dtype, shape x,y,z[,c],
    affine, scaling, codes, byte order) and the values a reader must produce to OUT_F32.
"""
import json
import sys

import nibabel as nib
import numpy as np


def describe(path, out_json, out_f32):
    img = nib.load(path)
    hdr = img.header
    qform, qcode = img.get_qform(coded=True)
    sform, scode = img.get_sform(coded=True)
    info = {
        "shape": list(img.shape),
        "dtype": str(hdr.get_data_dtype()),
        "affine": img.affine.tolist(),
        "qform": img.get_qform().tolist(),
        "sform": img.get_sform().tolist(),
        "qform_code": int(hdr["qform_code"]),
        "sform_code": int(hdr["sform_code"]),
        "zooms": [float(z) for z in hdr.get_zooms()],
        "endianness": hdr.endianness,
    }
    with open(out_json, "w") as f:
        json.dump(info, f)
    data = np.asarray(img.dataobj, dtype=np.float64).astype("<f4")
    data.ravel(order="F").tofile(out_f32)


def write(spec_path, out_path, out_f32):
    with open(spec_path) as f:
        spec = json.load(f)
    shape = tuple(spec["shape"])
    n = int(np.prod(shape))
    dtype = np.dtype(spec["dtype"])
    rng = np.random.default_rng(spec.get("seed", 0))
    if dtype.kind == "f":
        raw = rng.normal(0, 100, n).astype(dtype)
    else:
        info = np.iinfo(dtype)
        raw = rng.integers(info.min, int(info.max) + 1, n, dtype=np.int64).astype(dtype)
    raw = raw.reshape(shape, order="F")
    affine = np.array(spec["affine"], dtype=np.float64)
    endianness = ">" if spec.get("byteorder") == "big" else "<"
    img = nib.Nifti1Image(raw, affine, header=nib.Nifti1Header(endianness=endianness))
    hdr = img.header
    hdr.set_data_dtype(dtype)
    img.set_qform(affine, code=spec.get("qform_code", 1))
    img.set_sform(affine, code=spec.get("sform_code", 1))
    slope = spec.get("slope")
    inter = spec.get("inter", 0.0)
    if slope is not None:
        hdr.set_slope_inter(slope, inter)
    # with slope set, nibabel stores dataobj as is (no rescaling) when the array already has the
    # on-disk dtype; what a reader must see is raw * slope + inter
    nib.save(img, out_path)
    back = nib.load(out_path)
    np.asarray(back.dataobj, dtype=np.float64).astype("<f4").ravel(order="F").tofile(out_f32)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd not in ("describe", "write") or len(args) % 3 != 0:
        sys.exit("usage: describe|write (A B C)...")
    for i in range(0, len(args), 3):
        (describe if cmd == "describe" else write)(*args[i:i + 3])
