"""Evaluate a checkpoint on data the training never saw, split by patient.

    /usr/bin/python3 -m seg.evaluate --ckpt runs/main/final.pt --json ../models/segmentation/evaluation.json

Kidney Dice counts kidney and tumour labels together (the KiTS "kidney and masses" region):
3D-IRCADb-01 as one 3D volume, and the held-out CURVAS patients (pixels pooled over a
patient's slices). Tumour Dice on the 32 real KiTS19 slices, pooled per patient. 95 %
confidence intervals by bootstrap over patients (over slices for the single IRCADb patient).
Also checks that 3D-IRCADb-01 clipped to [0, 255] HU gives the same labels as the raw HU.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

import numpy as np
import torch

from .data import HELDOUT_CURVAS, evaluation_sets
from .infer import load_checkpoint, network_input, predict_labels, predict_probs
from .losses import dice_score
from .manifest import load_manifest

__all__ = ["bootstrap_ci", "pooled_dice", "evaluate"]


def bootstrap_ci(values: List[float], n: int = 10000, seed: int = 0, alpha: float = 0.05):
    """Mean and percentile bootstrap CI of the mean; (nan, nan, nan) for no values."""
    v = np.asarray([x for x in values if not np.isnan(x)], dtype=np.float64)
    if v.size == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = v[rng.integers(0, v.size, size=(n, v.size))].mean(1)
    return float(v.mean()), float(np.quantile(means, alpha / 2)), float(np.quantile(means, 1 - alpha / 2))


def keep_kidneys(labels: np.ndarray, spacing_mm, max_kidneys: int = 2, min_ml: float = 5.0) -> np.ndarray:
    """The app's first two clean-up steps (src/core/segmentation/postprocessLabels.ts), for a
    volume [slice, row, column]: keep the largest 26-connected kidney-or-tumour components, then
    drop tumour islands that touch no kidney voxel. Hole filling is not reproduced."""
    from scipy import ndimage as ndi

    out = labels.copy()
    comps, n = ndi.label(out > 0, structure=np.ones((3, 3, 3)))
    if n:
        sizes = ndi.sum(np.ones_like(comps), comps, index=np.arange(1, n + 1))
        voxel_ml = float(np.prod(spacing_mm)) / 1000.0
        keep = [i + 1 for i in np.argsort(-sizes)[:max_kidneys] if sizes[i] * voxel_ml >= min_ml]
        out[~np.isin(comps, keep)] = 0
    tum, n = ndi.label(out == 2, structure=np.ones((3, 3, 3)))
    near_kidney = ndi.binary_dilation(out == 1, structure=np.ones((3, 3, 3)))
    for i in range(1, n + 1):
        c = tum == i
        if not (c & near_kidney).any():
            out[c] = 0
    return out


def pooled_dice(preds: List[np.ndarray], truths: List[np.ndarray]) -> float:
    inter = sum(int(np.logical_and(p, t).sum()) for p, t in zip(preds, truths))
    total = sum(int(p.sum()) + int(t.sum()) for p, t in zip(preds, truths))
    return float("nan") if total == 0 else 2.0 * inter / total


def evaluate(ckpt: str, norm: str = None, check_clipping: bool = True) -> Dict:
    torch.set_num_threads(2)
    m = load_manifest()
    model, cfg = load_checkpoint(ckpt)
    norm = norm or cfg.get("norm", "window")
    sets = evaluation_sets(m)
    res: Dict = {"checkpoint": str(ckpt), "config": cfg, "norm": norm, "manifest": m.raw}

    # 3D-IRCADb-01: one patient, 3D Dice; CI from a bootstrap over slices (within-patient only).
    v = sets["ircadb-01"]
    sp = (v.spacing_mm[1], v.spacing_mm[2])
    t0 = time.time()
    labs = predict_labels(model, list(v.data), sp, m, norm)
    sec_per_slice = (time.time() - t0) / len(labs)
    pred = np.stack(labs) > 0
    truth = v.labels > 0
    post_labels = keep_kidneys(np.stack(labs), v.spacing_mm)
    post = post_labels > 0
    voxel_ml = float(np.prod(v.spacing_mm)) / 1000.0
    per_slice = [dice_score(p, t) for p, t in zip(pred, truth)]
    mean, lo, hi = bootstrap_ci(per_slice)
    res["ircadb-01"] = {"kidney_dice_3d": dice_score(pred, truth), "n_slices": len(labs),
                        "per_slice_mean": mean, "per_slice_ci95": [lo, hi],
                        "sec_per_slice_torch_cpu": sec_per_slice,
                        "kidney_dice_3d_postprocessed": dice_score(post, truth),
                        # IRCADb-01 has no kidney tumour: every tumour voxel is a false positive.
                        "false_tumour_ml": float((np.stack(labs) == 2).sum() * voxel_ml),
                        "false_tumour_ml_postprocessed": float((post_labels == 2).sum() * voxel_ml)}
    if check_clipping:
        clipped = predict_labels(model, [np.clip(s, 0, 255) for s in v.data], sp, m, norm)
        same = np.mean([np.mean(a == b) for a, b in zip(labs, clipped)])
        pc = np.stack(clipped) > 0
        res["ircadb-01"]["clipped_0_255"] = {"label_agreement": float(same),
                                             "kidney_dice_3d": dice_score(pc, truth)}

    # Held-out CURVAS patients: kidney Dice pooled over each patient's slices.
    by_patient = defaultdict(lambda: ([], []))
    cs = sets["curvas-heldout"]
    labs = predict_labels(model, [s.hu for s in cs], [s.spacing_rc for s in cs], m, norm)
    for s, l in zip(cs, labs):
        by_patient[s.patient][0].append(l > 0)
        by_patient[s.patient][1].append(s.labels > 0)
    per_patient = {p: pooled_dice(*v_) for p, v_ in by_patient.items()}
    mean, lo, hi = bootstrap_ci(list(per_patient.values()))
    res["curvas-heldout"] = {"patients": per_patient, "n_slices": len(cs), "mean_patient_dice": mean,
                             "ci95": [lo, hi], "pooled_dice": pooled_dice([l > 0 for l in labs],
                                                                          [s.labels > 0 for s in cs])}

    # KiTS19 tumour slices: tumour Dice, pooled per patient.
    ks = sets["kits-jpg"]
    labs = predict_labels(model, [s.hu for s in ks], [s.spacing_rc for s in ks], m, norm)
    by_patient = defaultdict(lambda: ([], []))
    per_slice = {}
    for s, l in zip(ks, labs):
        by_patient[s.patient][0].append(l == 2)
        by_patient[s.patient][1].append(s.labels == 2)
        per_slice[s.name] = dice_score(l == 2, s.labels == 2)
    per_patient = {p: pooled_dice(*v_) for p, v_ in by_patient.items()}
    mean, lo, hi = bootstrap_ci(list(per_patient.values()))
    res["kits-jpg"] = {"patients": per_patient, "slices": per_slice, "n_slices": len(ks),
                       "mean_patient_tumour_dice": mean, "ci95": [lo, hi],
                       "pooled_tumour_dice": pooled_dice([l == 2 for l in labs], [s.labels == 2 for s in ks]),
                       "tumour_or_kidney_dice": pooled_dice([l > 0 for l in labs], [s.labels == 2 for s in ks])}
    return res


def _kidney_figures(ev: Dict) -> Dict:
    """A network's kidney and false-tumour figures, as the trial tables list them."""
    ir = ev["ircadb-01"]
    return {"ircadb_kidney_dice_3d": ir["kidney_dice_3d"],
            "ircadb_kidney_dice_3d_postprocessed": ir["kidney_dice_3d_postprocessed"],
            "ircadb_false_tumour_ml": ir["false_tumour_ml"],
            "ircadb_false_tumour_ml_postprocessed": ir["false_tumour_ml_postprocessed"],
            "curvas_kidney_dice": ev["curvas-heldout"]["mean_patient_dice"]}


def trial_summary(folder: Path) -> Dict:
    """One fine-tuning recipe: its cross-validated tumour figure and its all-patients network on the rest."""
    cv = json.loads((folder / "cv.json").read_text())
    ev = json.loads((folder / "all" / "eval.json").read_text())
    ft = ev["config"]["finetune"]
    return {"run": folder.name, "steps": ft["steps"], "lr": ft["lr"], "p_real": ft["p_real"],
            "cv_tumour_dice": cv["mean_patient_tumour_dice"], "cv_ci95": cv["ci95"],
            "synthetic_only_tumour_dice": cv["synthetic_only"]["mean_patient_tumour_dice"],
            "paired_difference": cv["paired_difference"], **_kidney_figures(ev)}


def _last_step(log: Path):
    lines = [l for l in log.read_text().splitlines() if l.strip()] if log.exists() else []
    return json.loads(lines[-1])["step"] if lines else None


def stage_summary(folder: Path, base: Dict) -> Dict:
    """A second training stage (seg.train --init): its eval.json (this script run on its final.pt),
    the tumour Dice paired per KiTS patient against `base` (the shipped network's results), and its
    tumour_study.json (the synthetic tumour study of e2e/fixtures) when there is one."""
    ev = json.loads((folder / "eval.json").read_text())
    cfg, ki = ev["config"], ev["kits-jpg"]
    pats = sorted(set(ki["patients"]) & set(base["kits-jpg"]["patients"]))
    diffs = [ki["patients"][p] - base["kits-jpg"]["patients"][p] for p in pats]
    d_mean, d_lo, d_hi = bootstrap_ci(diffs)
    out = {"run": folder.name, "synth_version": cfg.get("synth_version"), "lr": cfg["lr"],
           "minutes": cfg["minutes"], "steps": _last_step(folder / "log.jsonl"),
           "kits_tumour_dice": ki["mean_patient_tumour_dice"], "kits_ci95": ki["ci95"],
           "paired_difference": {"mean": d_mean, "ci95": [d_lo, d_hi]}, **_kidney_figures(ev)}
    study = folder / "tumour_study.json"
    if study.exists():
        out["tumour_study"] = json.loads(study.read_text())
    return out


def comparison_summaries(folder: Path) -> List[Dict]:
    """The short comparison runs of seg/run_comparisons.sh (each folder's config and eval.json)."""
    out = []
    for d in sorted(folder.glob("*/eval.json")):
        ev = json.loads(d.read_text())
        cfg = ev["config"]
        out.append({"run": d.parent.name, "loss": cfg["loss"], "norm": cfg["norm"], "arch": cfg["arch"],
                    "steps": cfg["steps"], "ircadb_kidney_dice_3d": ev["ircadb-01"]["kidney_dice_3d"],
                    "curvas_kidney_dice": ev["curvas-heldout"]["mean_patient_dice"],
                    "kits_tumour_dice": ev["kits-jpg"]["mean_patient_tumour_dice"]})
    return out


def first_stage_log(log: Path) -> Dict:
    """Steps and minutes of the first training stage, from its log.jsonl ({} without one)."""
    lines = [l for l in log.read_text().splitlines() if l.strip()] if log.exists() else []
    return {"steps": json.loads(lines[-1])["step"], "minutes": json.loads(lines[-1])["min"]} if lines else {}


CARRIED = ("comparisons", "first_stage_log")  # kept from an earlier results file when not measured anew


def add_trials(res: Dict, earlier: Dict, finetune: List[Dict], stages: List[Dict]) -> None:
    """Trial summaries into `res`: those of `earlier` (a results file from before, whose run folders
    are gone) first, each replaced by a new summary of the same run name. The comparison runs and
    the first stage's log figures are carried the same way when `res` has none of its own."""
    for key in CARRIED:
        if not res.get(key) and earlier.get(key):
            res[key] = earlier[key]
    first_paint = earlier.get("tumour_study_kidney_grain") or earlier.get("tumour_study")
    if first_paint and "grain_sd_hu" not in first_paint and "grain_sd_hu" in res.get("tumour_study", {}):
        # The study as first made (grain at the kidney's texture), for the kept trials measured on it.
        res["tumour_study_kidney_grain"] = first_paint
    for key, new in (("finetune_trials", finetune), ("stage_trials", stages)):
        kept = [t for t in earlier.get(key, []) if t["run"] not in {n["run"] for n in new}]
        if kept or new:
            res[key] = kept + new


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--norm", choices=("window", "minmax"), help="default: the checkpoint's")
    ap.add_argument("--no-clip-check", action="store_true")
    ap.add_argument("--kits-cv", help="cv.json of `seg.finetune --report`: the cross-validated tumour figure "
                                      "of a network fine-tuned on the KiTS slices")
    ap.add_argument("--trial", action="append",
                    help="a fine-tuning run folder (seg/finetune_cv.sh) to summarise in the results: its "
                         "cv.json and all/eval.json (this script run on all/final.pt); repeatable")
    ap.add_argument("--stage-trial", action="append",
                    help="a second-stage training run folder (seg.train --init) to summarise: its eval.json "
                         "(this script run on its final.pt) and tumour_study.json; repeatable")
    ap.add_argument("--tumour-study", help="seg.tumour_study's JSON for this checkpoint, to keep with the results")
    ap.add_argument("--train-log", default="runs/main/log.jsonl",
                    help="the first stage's log, for its steps and minutes in the card")
    ap.add_argument("--comparisons", default="runs/cmp", help="folder of seg/run_comparisons.sh")
    ap.add_argument("--keep-trials", metavar="JSON",
                    help="an earlier results file whose trial summaries to keep (their run folders are not "
                         "committed); a --trial or --stage-trial of the same run name replaces its entry")
    args = ap.parse_args(argv)
    res = evaluate(args.ckpt, args.norm, not args.no_clip_check)
    if res["config"].get("finetune"):
        # Fine-tuned on the KiTS slices: its own figure on them is a training figure.
        res["kits-jpg"]["seen_in_training"] = res["config"]["finetune"]["train_patients"]
        if not args.kits_cv:
            ap.error("this network was fine-tuned on the KiTS slices: give --kits-cv for its test figure")
    if args.kits_cv:
        res["kits-jpg-cv"] = json.loads(Path(args.kits_cv).read_text())
    if args.tumour_study:
        res["tumour_study"] = json.loads(Path(args.tumour_study).read_text())
    res["comparisons"] = comparison_summaries(Path(args.comparisons))
    res["first_stage_log"] = first_stage_log(Path(args.train_log))
    earlier = json.loads(Path(args.keep_trials).read_text()) if args.keep_trials else {}
    add_trials(res, earlier, [trial_summary(Path(f)) for f in args.trial or []],
               [stage_summary(Path(f), res) for f in args.stage_trial or []])
    ir, cu, ki = res["ircadb-01"], res["curvas-heldout"], res["kits-jpg"]
    print(f"ircadb-01 kidney Dice (3D): {ir['kidney_dice_3d']:.4f}, "
          f"after keeping the two largest components: {ir['kidney_dice_3d_postprocessed']:.4f}")
    print(f"  false tumour (IRCADb-01 has none): {ir['false_tumour_ml']:.1f} mL raw, "
          f"{ir['false_tumour_ml_postprocessed']:.1f} mL after clean-up")
    if "clipped_0_255" in ir:
        print(f"  clipped [0,255]: Dice {ir['clipped_0_255']['kidney_dice_3d']:.4f}, "
              f"label agreement {ir['clipped_0_255']['label_agreement']:.6f}")
    print(f"CURVAS held-out kidney Dice, mean over {len(cu['patients'])} patients: {cu['mean_patient_dice']:.4f} "
          f"[{cu['ci95'][0]:.4f}, {cu['ci95'][1]:.4f}]  {cu['patients']}")
    print(f"KiTS19 slices tumour Dice, mean over {len(ki['patients'])} patients: {ki['mean_patient_tumour_dice']:.4f} "
          f"[{ki['ci95'][0]:.4f}, {ki['ci95'][1]:.4f}], pooled {ki['pooled_tumour_dice']:.4f}")
    if "kits-jpg-cv" in res:
        cv = res["kits-jpg-cv"]
        print(f"KiTS19 slices tumour Dice, {cv['n_folds']}-fold cross-validation by patient: "
              f"{cv['mean_patient_tumour_dice']:.4f} [{cv['ci95'][0]:.4f}, {cv['ci95'][1]:.4f}]; synthetic tumours only: "
              f"{cv['synthetic_only']['mean_patient_tumour_dice']:.4f}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1, default=float))


if __name__ == "__main__":
    main()
