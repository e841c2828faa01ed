"""Trains the shipped planning model on all eligible cases and writes ``models/planning/``:
``model.json`` + ``weights.bin`` (tfjs, via export_tfjs.ts), ``plan_net.pt`` (the same weights for
PyTorch), ``manifest.json`` and ``MODEL_CARD.md`` (figures from ``evaluation.json``).

    cd training && /usr/bin/python3 -m plan.export
"""
from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import numpy as np
import torch

from . import dataset
from .card import write_model_card
from .evaluate import EVALUATION_PATH, SHIPPED, VARIANTS, cohorts, tabular
from .geometry import GEOMETRY_FEATURES
from .train import FitConfig, fit

__all__ = ["MODEL_DIR", "export", "FINAL_SEED"]

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO / "models" / "planning"
FINAL_SEED = 0
DISCLAIMER = ("NephroPlan is a research tool, not a medical device. Its recommendations come from "
              "a model trained on 300 patients of one centre (KiTS) and must not guide treatment.")


def _tfjs_weights(model: torch.nn.Module) -> dict:
    """Layer name → [kernel, bias] in tfjs layouts."""
    layers = {}
    for name, mod in model.named_children():
        if isinstance(mod, torch.nn.Conv2d):
            k = mod.weight.detach().permute(2, 3, 1, 0)  # [out,in,kh,kw] → [kh,kw,in,out]
        elif isinstance(mod, torch.nn.Linear):
            k = mod.weight.detach().t()  # [out,in] → [in,out]
        else:
            continue
        layers[name] = [{"shape": list(t.shape), "values": t.reshape(-1).tolist()}
                        for t in (k, mod.bias.detach())]
    return layers


def _figure(summary: dict, key: str) -> dict:
    f = summary[key]
    return {"value": round(f["value"], 4), "ci95": [round(v, 4) for v in f["ci95"]]}


def _comparison(cohort: dict, key: str) -> dict:
    """Paired model − baseline difference of one metric (see compare.py)."""
    p = cohort.get("paired_differences", {}).get(key)
    if p is None:
        return {}
    return {"comparison": {"metric": key, "difference": round(p["difference"], 4),
                           "ci95": [round(v, 4) for v in p["ci95"]],
                           "significantlyBetter": p["significantly_better"]}}


def _performance(ev: dict) -> dict:
    cohort = ev["all_eligible"]
    m = cohort["variants"][SHIPPED]
    maj = cohort["baselines"]["majority"]
    size = cohort["baselines"]["size_cutoff"]
    return {
        "evaluation": (f"5-fold cross-validation repeated with {ev['settings']['seeds']} seeds on "
                       f"all eligible KiTS23 cases 0–299 (n = {cohort['n_patients']}); "
                       "95 % CI by patient bootstrap"),
        "procedure": {
            "model": {"accuracy": _figure(m, "procedure_accuracy"),
                      "auc": _figure(m, "procedure_auc"),
                      "brier": _figure(m, "procedure_brier")},
            "baseline": {"name": f"one radiographic-size cut-off (≈ {cohort['size_cut_cm_median']}"
                                 " cm, fitted per fold)",
                         "figures": {"accuracy": _figure(size, "procedure_accuracy"),
                                     "auc": _figure(size, "procedure_auc")}},
            **_comparison(cohort, "procedure_auc"),
        },
        "approach": {
            "model": {"accuracy": _figure(m, "approach_accuracy"),
                      "balancedAccuracy": _figure(m, "approach_balanced_accuracy"),
                      "retroF1": _figure(m, "approach_retro_f1"),
                      "auc": _figure(m, "approach_auc"),
                      "brier": _figure(m, "approach_brier")},
            "baseline": {"name": "always transperitoneal",
                         "figures": {"accuracy": _figure(maj, "approach_accuracy"),
                                     "balancedAccuracy": _figure(maj, "approach_balanced_accuracy"),
                                     "retroF1": _figure(maj, "approach_retro_f1")}},
            **_comparison(cohort, "approach_accuracy"),
        },
        "time": {
            "model": {"maeMin": _figure(m, "time_mae_min")},
            "baseline": {"name": "the training median time",
                         "figures": {"maeMin": _figure(maj, "time_mae_min")}},
            **_comparison(cohort, "time_mae_min"),
        },
    }


def export(out_dir: Path = MODEL_DIR, evaluation_path: Path = EVALUATION_PATH) -> Path:
    torch.set_num_threads(1)
    ev = json.loads(evaluation_path.read_text())
    d = dataset.load()
    c = cohorts(d)["all_eligible"]
    tab = tabular(c, SHIPPED)
    cfg = FitConfig(use_image=VARIANTS[SHIPPED][0])
    fitted = fit(c["crops"], tab, c["targets"], cfg, seed=FINAL_SEED)
    model = fitted.model

    out_dir.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out_dir / "plan_net.pt")
    crop = dataset.CROP
    weights = {"inChannels": model.in_channels, "sizePx": crop.size_px,
               "nTabular": model.n_tabular,
               "widths": {"conv": model.conv1.out_channels, "tab": model.tab.out_features,
                          "shared": model.shared.out_features},
               "dropout": cfg.dropout, "layers": _tfjs_weights(model)}
    wpath = dataset.RUNS_DIR / "tfjs_weights.json"
    wpath.write_text(json.dumps(weights))
    subprocess.run(["npx", "tsx", "training/plan/export_tfjs.ts", str(wpath), str(out_dir)],
                   cwd=REPO, check=True)

    names = list(dataset.CLINICAL_FEATURES) + list(GEOMETRY_FEATURES)
    clinical = c["clinical"]
    ranges = {n: [float(np.nanmin(clinical[:, i])), float(np.nanmax(clinical[:, i]))]
              for i, n in enumerate(dataset.CLINICAL_FEATURES)}
    q = ev["all_eligible"]["shipped_fit"]["time_residual_quantiles_min"]
    manifest = {
        "name": "nephroplan-plan-net",
        "version": "0.1.0",
        "modelFile": "model.json",
        "torchFile": "plan_net.pt",
        "input": {
            "image": {"layout": "NHWC", "sizePx": crop.size_px, "spacingMm": crop.spacing_mm,
                      "channels": list(crop.channels), "ctWindowHu": list(crop.ct_window_hu),
                      "slice": "axial slice with the most voxels of the largest tumour",
                      "centre": "bounding box of that tumour and its kidney on the slice",
                      "orientation": "rows anterior→posterior, columns patient right→left"},
            "tabular": [{"name": n, "mean": float(fitted.tab_mean[i]), "sd": float(fitted.tab_sd[i]),
                         "source": "clinical" if n in dataset.CLINICAL_FEATURES else "geometry"}
                        for i, n in enumerate(names)],
        },
        "output": {
            "order": ["procedureLogit", "approachLogit", "timeZ"],
            "procedure": {"positive": "radical_nephrectomy", "threshold": 0.5},
            "approach": {"positive": "retroperitoneal", "threshold": cfg.approach_threshold},
            "time": {"meanMin": fitted.time_mean, "sdMin": fitted.time_sd,
                     "residualQuantilesMin": {"low": q["10"], "high": q["90"], "coverage": 0.8}},
        },
        "trainingRange": {"ageYears": ranges["ageYears"], "bmi": ranges["bmi"],
                          "sizeCm": ranges["sizeCm"]},
        "performance": _performance(ev),
        "training": {"cases": int(len(c["targets"])), "seed": FINAL_SEED, "fit": cfg.__dict__,
                     "missingAge": int(np.sum(np.isnan(clinical[:, 0]))),
                     "sizeVsAxialDiameterR": float(np.corrcoef(
                         clinical[:, 2], c["geometry"][:, list(GEOMETRY_FEATURES).index(
                             "largestAxialDiameterMm")])[0, 1]),
                     "parameters": int(sum(p.numel() for p in model.parameters()))},
        "disclaimer": DISCLAIMER,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    write_model_card(out_dir / "MODEL_CARD.md", ev, manifest)
    return out_dir


if __name__ == "__main__":
    print(export())
