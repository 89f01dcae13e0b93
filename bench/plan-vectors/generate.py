"""Generates engine/src/test/resources/plan/v1-plan-vectors.json: fingerprints and the plans that
nnU-Net v1's own ExperimentPlanner3D_v21 makes for them, for PlannerVectorsTest.

Usage: /usr/bin/python3 generate.py <dir holding nnU-Net v1's `nnunet` package> <output.json>
  e.g. git -C nnUNet archive nnunetv1 nnunet | tar x -C /tmp/v1 && python3 generate.py /tmp/v1 out.json
Needs numpy, scipy, scikit-image and torch (imported by nnU-Net's modules); the modules nnU-Net
imports but planning never calls (SimpleITK, batchgenerators, sklearn, ...) are stubbed.
nnU-Net's code is only imported from that directory, never copied here."""
import importlib.abc
import importlib.machinery
import json
import os
import sys
import tempfile
import types

import numpy as np

STUB_FFO = '''
import os, pickle, json
from os.path import join, isfile, isdir
def subfiles(folder, join=True, prefix=None, suffix=None, sort=True): return []
def subdirs(*a, **k): return []
def maybe_mkdir_p(d): pass
def load_pickle(f):
    with open(f, 'rb') as fh: return pickle.load(fh)
def save_pickle(o, f): pass
def load_json(f):
    with open(f) as fh: return json.load(fh)
def save_json(*a, **k): pass
'''


class _Any(types.ModuleType):
    __path__ = []

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return type(name, (), {"__init__": lambda self, *a, **k: None})


class _Stubs(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    PREFIXES = ("batchgenerators", "SimpleITK", "sklearn", "dicom2nifti", "nibabel", "tifffile", "medpy")
    REAL = ("batchgenerators", "batchgenerators.utilities", "batchgenerators.utilities.file_and_folder_operations")

    def find_spec(self, name, path, target=None):
        if name in self.REAL or name.split(".")[0] not in self.PREFIXES:
            return None
        return importlib.machinery.ModuleSpec(name, self, is_package=True)

    def create_module(self, spec):
        return _Any(spec.name)

    def exec_module(self, m):
        pass


def setup(nnunet_parent):
    stubs = tempfile.mkdtemp()
    pkg = os.path.join(stubs, "batchgenerators", "utilities")
    os.makedirs(pkg)
    open(os.path.join(stubs, "batchgenerators", "__init__.py"), "w").close()
    open(os.path.join(pkg, "__init__.py"), "w").close()
    with open(os.path.join(pkg, "file_and_folder_operations.py"), "w") as f:
        f.write(STUB_FFO)
    sys.path[:0] = [nnunet_parent, stubs]
    sys.meta_path.append(_Stubs())


def v1_plan(fp):
    from nnunet.experiment_planning.experiment_planner_baseline_3DUNet_v21 import ExperimentPlanner3D_v21
    p = ExperimentPlanner3D_v21.__new__(ExperimentPlanner3D_v21)
    # what the constructors set, without their file reading
    p.plans_per_stage, p.plans = {}, {}
    p.data_identifier = "nnUNetData_plans_v2.1"
    p.transpose_forward, p.transpose_backward = [0, 1, 2], [0, 1, 2]
    p.unet_base_num_features, p.unet_max_num_filters, p.unet_max_numpool = 32, 320, 999
    p.unet_min_batch_size, p.unet_featuremap_min_edge_length, p.target_spacing_percentile = 2, 4, 50
    p.anisotropy_threshold, p.how_much_of_a_patient_must_the_network_see_at_stage0 = 3, 4
    p.batch_size_covers_max_percent_of_dataset, p.conv_per_stage = 0.05, 2
    p.preprocessor_name, p.preprocessed_output_folder = "GenericPreprocessor", "/tmp"
    n = len(fp["spacings"])
    p.list_of_cropped_npz_files = ["c%d.npz" % i for i in range(n)]
    p.dataset_properties = {
        "all_spacings": [np.array(s, dtype=float) for s in fp["spacings"]],
        "all_sizes": [tuple(s) for s in fp["sizes"]], "all_classes": fp["all_classes"],
        "modalities": {int(k): v for k, v in fp["modalities"].items()},
        "size_reductions": {i: r for i, r in enumerate(fp["size_reductions"])}}
    p.save_my_plans = lambda: None
    p.determine_whether_to_use_mask_for_norm = lambda: {}
    p.plan_experiment()

    def lst(x):
        return [int(a) if isinstance(a, (int, np.integer)) else float(a) for a in (x.tolist() if hasattr(x, "tolist") else x)]

    stages = {}
    for k, s in p.plans["plans_per_stage"].items():
        stages[str(k)] = {
            "batch_size": int(s["batch_size"]), "num_pool_per_axis": lst(s["num_pool_per_axis"]),
            "patch_size": lst(s["patch_size"]), "median_patient_size_in_voxels": lst(s["median_patient_size_in_voxels"]),
            "current_spacing": [float(a) for a in s["current_spacing"]],
            "original_spacing": [float(a) for a in s["original_spacing"]],
            "do_dummy_2D_data_aug": bool(s["do_dummy_2D_data_aug"]),
            "pool_op_kernel_sizes": [lst(a) for a in s["pool_op_kernel_sizes"]],
            "conv_kernel_sizes": [lst(a) for a in s["conv_kernel_sizes"]]}
    return {"num_stages": p.plans["num_stages"], "transpose_forward": lst(p.plans["transpose_forward"]),
            "transpose_backward": lst(p.plans["transpose_backward"]), "plans_per_stage": stages}


rng = np.random.RandomState(7)


def rand_fp(kind):
    n = int(rng.randint(5, 40))
    if kind == "iso":
        base = rng.uniform(0.5, 2.0)
        sp = [[base] * 3 for _ in range(n)]
        sz = [[int(rng.randint(20, 300)) for _ in range(3)] for _ in range(n)]
    elif kind == "aniso":
        ax = int(rng.randint(0, 3))
        inpl = rng.uniform(0.4, 1.2)
        sp, sz = [], []
        for _ in range(n):
            s = [inpl] * 3
            s[ax] = float(rng.choice([1.5, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0]))
            sp.append(s)
            z = [int(rng.randint(150, 520)) for _ in range(3)]
            z[ax] = int(rng.randint(10, 120))
            sz.append(z)
    else:
        sp = [[float(rng.uniform(0.5, 5.0)) for _ in range(3)] for _ in range(n)]
        sz = [[int(rng.randint(20, 400)) for _ in range(3)] for _ in range(n)]
    nmod = int(rng.randint(1, 4))
    mods = {str(i): str(rng.choice(["CT", "MRI", "T2"])) for i in range(nmod)}
    return {"spacings": sp, "sizes": sz, "modalities": mods, "all_classes": list(range(1, int(rng.randint(2, 6)))),
            "size_reductions": [float(rng.uniform(0.4, 1.0)) for _ in range(n)]}


ZS = [2.5, 3, 4, 5, 5, 5, 5, 5, 6, 6]
SLICES = [80, 70, 50, 40, 40, 40, 40, 40, 35, 35]
NAMED = {
    "hippocampus": {"spacings": [[1, 1, 1]] * 260, "sizes": [[36, 50, 35]] * 260, "modalities": {"0": "MRI"},
                    "all_classes": [1, 2], "size_reductions": [1.0] * 260},
    "aniso_ct": {"spacings": [[z, 0.8, 0.8] for z in ZS], "sizes": [[n, 400, 420] for n in SLICES],
                 "modalities": {"0": "CT"}, "all_classes": [1], "size_reductions": [1.0] * 10},
    "large_ct": {"spacings": [[1, 1, 1]] * 20, "sizes": [[300, 400, 400]] * 20, "modalities": {"0": "CT"},
                 "all_classes": [1, 2, 3], "size_reductions": [0.9] * 20},
    "aniso_x_mri": {"spacings": [[0.7, 0.7, x] for x in ZS], "sizes": [[300, 310, n] for n in SLICES],
                    "modalities": {"0": "MRI", "1": "MRI"}, "all_classes": [1], "size_reductions": [0.5] * 10},
}


def main(nnunet_parent, out):
    setup(nnunet_parent)
    vectors = [{"name": k, "fingerprint": fp, "v1_plans": v1_plan(fp)} for k, fp in NAMED.items()]
    for i in range(36):
        kind = ["iso", "aniso", "rand"][i % 3]
        fp = rand_fp(kind)
        if i >= 30:
            kind = "large"
            n = len(fp["spacings"])
            base = float(rng.uniform(0.6, 1.5))
            fp["spacings"] = [[base * float(rng.uniform(1, 1.3)), base, base] for _ in range(n)]
            fp["sizes"] = [[int(rng.randint(200, 500)) for _ in range(3)] for _ in range(n)]
        vectors.append({"name": "%s_%02d" % (kind, i), "fingerprint": fp, "v1_plans": v1_plan(fp)})
    print(sum(v["v1_plans"]["num_stages"] == 2 for v in vectors), "two-stage of", len(vectors), file=sys.stderr)
    with open(out, "w") as f:
        json.dump(vectors, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
