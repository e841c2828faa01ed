"""Prints the planning features of NIfTI masks as JSON, one object per mask: the reference that
the TypeScript parity test (src/core/planning/featuresParity.test.ts) compares with.

    /usr/bin/python3 -m plan.features_json mask.nii.gz [...] [--crop-size 48 --crop-spacing 3.5]
"""
from __future__ import annotations

import argparse
import json

from .geometry import CropSpec, geometry_features, largest_slice_crop, load_mask, tumour_kidney


def describe(path: str, spec: CropSpec) -> dict:
    m = load_mask(path)
    kidney, t = tumour_kidney(m)
    crop = largest_slice_crop(m, spec)
    return {
        "path": path,
        "dims": list(m.labels.shape),
        "spacingMm": m.spacing_mm.tolist(),
        "tumourCount": int(t.sum()),
        "kidneyCount": int(kidney.sum()),
        "largestSlice": int(t.sum(axis=(0, 1)).argmax()),
        "geometry": geometry_features(m),
        "crop": [round(float(v), 6) for v in crop.ravel()],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("masks", nargs="+")
    ap.add_argument("--crop-size", type=int, default=48)
    ap.add_argument("--crop-spacing", type=float, default=3.5)
    a = ap.parse_args()
    spec = CropSpec(size_px=a.crop_size, spacing_mm=a.crop_spacing)
    print(json.dumps([describe(p, spec) for p in a.masks]))


if __name__ == "__main__":
    main()
