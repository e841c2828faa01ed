"""PyTorch reference of the whole planning chain, for the parity test against tfjs in Node:
reads ``[{"mask", "ageYears", "bmi", "sizeCm"}, ...]`` JSON on stdin, prints one prediction per
case (features from geometry.py, normalisation from manifest.json, weights from plan_net.pt).

    echo '[{"mask": "m.nii.gz", "ageYears": 60, "bmi": 28, "sizeCm": 4}]' | \\
        /usr/bin/python3 -m plan.predict_json [--model-dir ../models/planning]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

from .geometry import CropSpec, geometry_features, largest_slice_crop, load_mask
from .model import PlanNet

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "planning"


def load_model(model_dir: Path) -> tuple[PlanNet, dict]:
    manifest = json.loads((model_dir / "manifest.json").read_text())
    img = manifest["input"]["image"]
    net = PlanNet(in_channels=len(img["channels"]), n_tabular=len(manifest["input"]["tabular"]))
    net.load_state_dict(torch.load(model_dir / manifest["torchFile"], map_location="cpu"))
    net.eval()
    return net, manifest


def predict_case(net: PlanNet, manifest: dict, case: dict) -> dict:
    img = manifest["input"]["image"]
    spec = CropSpec(size_px=img["sizePx"], spacing_mm=img["spacingMm"],
                    channels=tuple(img["channels"]), ct_window_hu=tuple(img["ctWindowHu"]))
    m = load_mask(case["mask"])
    values = {**geometry_features(m), **{k: case[k] for k in ("ageYears", "bmi", "sizeCm")}}
    tab = np.array([(values[f["name"]] - f["mean"]) / f["sd"] for f in manifest["input"]["tabular"]])
    crop = largest_slice_crop(m, spec)
    with torch.no_grad():
        out = net(torch.from_numpy(crop[None]), torch.from_numpy(tab[None].astype(np.float32)))
    out = out[0].double().numpy()
    t = manifest["output"]["time"]
    return {"probabilityRadical": float(1 / (1 + np.exp(-out[0]))),
            "probabilityRetroperitoneal": float(1 / (1 + np.exp(-out[1]))),
            "timeMin": float(out[2] * t["sdMin"] + t["meanMin"]),
            "raw": out.tolist()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", type=Path, default=DEFAULT_DIR)
    a = ap.parse_args()
    torch.set_num_threads(1)
    net, manifest = load_model(a.model_dir)
    print(json.dumps([predict_case(net, manifest, c) for c in json.load(sys.stdin)]))


if __name__ == "__main__":
    main()
