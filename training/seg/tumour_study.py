"""A network on the synthetic tumour study of the end-to-end tests, the way the app runs it.

    /usr/bin/python3 -m seg.tumour_study --ckpt runs/v3/final.pt --json runs/v3/tumour_study.json

Writes the study with `e2e/fixtures/make_tumour_study.py` (3D-IRCADb-01 with a KiTS23 tumour
inserted in 3D; truth volume and largest slice in its truth.json) into a temporary folder, runs
the network slice by slice, applies the app's clean-up (`evaluate.keep_kidneys`) and reports the
tumour volume found against the truth and whether the largest tumour slice is the true one: the
figures the end-to-end test `e2e/segment-tumour.spec.ts` checks in the browser.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from .evaluate import keep_kidneys
from .infer import load_checkpoint, predict_labels
from .loaders import load_dicom_series
from .manifest import load_manifest

FIXTURES = Path(__file__).resolve().parents[2] / "e2e" / "fixtures"


def run(ckpt: str) -> dict:
    sys.path.insert(0, str(FIXTURES))
    import make_tumour_study

    with tempfile.TemporaryDirectory() as tmp:
        make_tumour_study.main([tmp])
        truth = json.loads((Path(tmp) / "truth.json").read_text())
        v = load_dicom_series(str(Path(tmp) / "dicom"))
    model, _ = load_checkpoint(ckpt)
    labels = np.stack(predict_labels(model, list(v.data), (v.spacing_mm[1], v.spacing_mm[2]), load_manifest()))
    post = keep_kidneys(labels, v.spacing_mm)
    voxel_ml = float(np.prod(v.spacing_mm)) / 1000
    areas = (post == 2).reshape(len(post), -1).sum(1)
    found = float((post == 2).sum() * voxel_ml)
    return {"truth_ml": truth["tumourVolumeMl"], "found_ml": found,
            "found_raw_ml": float((labels == 2).sum() * voxel_ml),
            "relative_error": found / truth["tumourVolumeMl"] - 1,
            "largest_slice_found": int(np.argmax(areas)) if areas.any() else None,
            "largest_slice_truth": truth["largestSlice"]["sortedIndex"],
            "kits_case": truth["kitsCase"], "grain_sd_hu": truth["grainSdHu"]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    res = run(args.ckpt)
    print(json.dumps(res))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
