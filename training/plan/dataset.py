"""Builds (and caches) the per-case inputs: geometry features and the largest-slice crop of every
KiTS mask, joined with the clinical table. The cache lives under ``training/runs/`` (ignored by
git): it is derived from the non-commercial KiTS data and is never committed.

    /usr/bin/python3 -m plan.dataset        # builds training/runs/plan/cases.npz
"""
from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np

from .clinical import load_cases, shared_data_dir
from .geometry import GEOMETRY_FEATURES, CropSpec, geometry_features, largest_slice_crop, load_mask

__all__ = ["RUNS_DIR", "CROP", "CLINICAL_FEATURES", "build", "load"]

RUNS_DIR = Path(__file__).resolve().parents[1] / "runs" / "plan"
#: The crop of the shipped model (fixed before any evaluation).
CROP = CropSpec(size_px=48, spacing_mm=3.5, channels=("kidney", "tumour"))
#: Clinical inputs in model order.
CLINICAL_FEATURES = ("ageYears", "bmi", "sizeCm")


def build(out: Path = RUNS_DIR / "cases.npz") -> Path:
    """Computes features and crops for all KiTS23 cases 0–299 that have a mask."""
    cases = {c.case_id: c for c in load_cases("kits23")}
    kits19 = {c.case_id: c for c in load_cases("kits19")}
    masks = shared_data_dir() / "kits" / "masks"
    ids, geo, crops = [], [], []
    t0 = time.time()
    for cid in sorted(cases):
        path = masks / f"{cid}.nii.gz"
        if not path.exists():
            continue
        m = load_mask(path)
        f = geometry_features(m)
        ids.append(cid)
        geo.append([f[k] for k in GEOMETRY_FEATURES])
        crops.append(largest_slice_crop(m, CROP))
        if len(ids) % 25 == 0:
            print(f"{len(ids)} masks, {time.time() - t0:.0f} s", flush=True)

    def column(table, attr):
        return np.array([
            (getattr(table[c], attr) if c in table and getattr(table[c], attr) is not None
             else math.nan) for c in ids], dtype=np.float64)

    arrays = {
        "ids": np.array(ids),
        "geometry": np.array(geo),
        "crops": np.stack(crops),
    }
    for table_name, table in (("k23", cases), ("k19", kits19)):
        arrays[f"{table_name}_clinical"] = np.stack(
            [column(table, "age"), column(table, "bmi"), column(table, "size_cm")], axis=1)
        for attr in ("procedure", "approach", "time_min"):
            arrays[f"{table_name}_{attr}"] = column(table, attr)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)
    (out.parent / "cases_meta.json").write_text(json.dumps({
        "geometry": list(GEOMETRY_FEATURES), "clinical": list(CLINICAL_FEATURES),
        "crop": CROP.__dict__}, default=list, indent=1))
    return out


def load(path: Path = RUNS_DIR / "cases.npz") -> dict:
    """The cached arrays, building them first when missing."""
    if not path.exists():
        build(path)
    with np.load(path) as z:
        return {k: z[k] for k in z.files}


if __name__ == "__main__":
    print(build())
