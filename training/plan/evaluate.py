"""Repeated, patient-level 5-fold cross-validation of the planning model, its ablations and the
trivial baselines, on the KiTS19 207-patient cohort and on all eligible KiTS23 cases 0–299.

    cd training && /usr/bin/python3 -m plan.evaluate      # writes models/planning/evaluation.json

Everything a fold needs (standardisation, early stopping, the approach threshold, the size
cut-off, the median time) is fitted on that fold's training patients only.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from . import dataset
from .clinical import kits19_cohort_ids
from .metrics import summarise
from .train import FitConfig, fit, predict

__all__ = ["VARIANTS", "SHIPPED", "cohorts", "folds", "run", "EVALUATION_PATH"]

EVALUATION_PATH = Path(__file__).resolve().parents[2] / "models" / "planning" / "evaluation.json"
CLINICAL = {"age": 0, "bmi": 1, "size": 2}

#: Variant → (image branch on, clinical inputs, geometry on). The paper's ablation, then ours.
VARIANTS = {
    "image": (True, [], False),
    "image+age": (True, ["age"], False),
    "image+bmi": (True, ["bmi"], False),
    "image+size": (True, ["size"], False),
    "image+bmi+size": (True, ["bmi", "size"], False),
    "image+age+bmi+size": (True, ["age", "bmi", "size"], False),
    "image+age+bmi+size+geometry": (True, ["age", "bmi", "size"], True),
    "age+bmi+size+geometry (no image)": (False, ["age", "bmi", "size"], True),
    "image+age+bmi+size+geometry, class-weighted approach": (True, ["age", "bmi", "size"], True),
}
#: The variants run on the larger cohort (all are run on KiTS19-207), to keep compute modest.
ALL_ELIGIBLE_VARIANTS = ("image", "image+age+bmi+size", "image+age+bmi+size+geometry",
                         "age+bmi+size+geometry (no image)",
                         "image+age+bmi+size+geometry, class-weighted approach")
#: The model that ships, chosen before any evaluation.
SHIPPED = "image+age+bmi+size+geometry"


def cohorts(d: dict) -> dict[str, dict]:
    """The two evaluation cohorts: index into the cache, clinical inputs and targets."""
    ids = list(d["ids"])
    k19 = set(kits19_cohort_ids())
    out = {}
    for name, table, keep in (
        ("kits19_207", "k19", [i for i, c in enumerate(ids) if c in k19]),
        ("all_eligible", "k23", list(range(len(ids)))),
    ):
        idx = np.array(keep)
        targets = np.stack([d[f"{table}_procedure"], d[f"{table}_approach"],
                            d[f"{table}_time_min"]], axis=1)[idx]
        eligible = ~np.all(np.isnan(targets), axis=1)
        idx, targets = idx[eligible], targets[eligible]
        out[name] = {"idx": idx, "clinical": d[f"{table}_clinical"][idx],
                     "geometry": d["geometry"][idx], "crops": d["crops"][idx],
                     "targets": targets}
    return out


def folds(targets: np.ndarray, seed: int, k: int = 5) -> np.ndarray:
    """Fold number per patient, stratified by procedure (missing procedure as its own stratum)."""
    rng = np.random.default_rng(seed)
    strata = np.nan_to_num(targets[:, 0], nan=2.0)
    fold = np.zeros(len(targets), int)
    for s in np.unique(strata):
        idx = np.flatnonzero(strata == s)
        rng.shuffle(idx)
        fold[idx] = np.arange(len(idx)) % k
    return fold


def tabular(c: dict, variant: str) -> np.ndarray:
    _, clin, geo = VARIANTS[variant]
    cols = [c["clinical"][:, [CLINICAL[n] for n in clin]]]
    if geo:
        cols.append(c["geometry"])
    return np.concatenate(cols, axis=1)


def _baselines(tr: dict, te: dict) -> dict:
    """Majority class, one radiographic-size cut-off and the median time, fitted on ``tr``."""
    y, size = tr["targets"], tr["clinical"][:, 2]
    n_te = len(te["targets"])
    proc_prev = np.nanmean(y[:, 0])
    appr_prev = np.nanmean(y[:, 1])
    ok = ~np.isnan(y[:, 0])
    cuts = np.unique(size[ok])
    accs = [np.mean((size[ok] >= t) == y[ok, 0]) for t in cuts]
    cut = float(cuts[int(np.argmax(accs))])
    return {
        "majority": {
            "procedure": np.full(n_te, proc_prev),
            "procedure_label": np.full(n_te, float(proc_prev > 0.5)),
            "approach": np.full(n_te, appr_prev),
            "approach_label": np.full(n_te, float(appr_prev > 0.5)),
            "time": np.full(n_te, float(np.nanmedian(y[:, 2]))),
        },
        "size_cutoff": {
            "procedure": te["clinical"][:, 2],  # the size itself ranks patients for the AUC
            "procedure_label": (te["clinical"][:, 2] >= cut).astype(float),
            "cut_cm": cut,
        },
    }


def run(seeds: list[int], variants: list[str], cohort_names: list[str], log=print) -> dict:
    """Cross-validates ``variants`` (restricted to :data:`ALL_ELIGIBLE_VARIANTS` on the larger
    cohort) and the baselines; returns the summaries per cohort."""
    torch.set_num_threads(1)
    d = dataset.load()
    all_cohorts = cohorts(d)
    results = {}
    for cname in cohort_names:
        c = all_cohorts[cname]
        n = len(c["targets"])
        cvars = [v for v in variants if cname == "kits19_207" or v in ALL_ELIGIBLE_VARIANTS]
        oof = {v: [] for v in cvars}
        base = {"majority": [], "size_cutoff": []}
        extras = {"size_cuts": []}
        for seed in seeds:
            fold = folds(c["targets"], seed)
            runs = {v: {k: np.full(n, np.nan) for k in
                        ("procedure", "procedure_label", "approach", "approach_label", "time")}
                    for v in cvars}
            bruns = {"majority": {k: np.full(n, np.nan) for k in
                                  ("procedure", "procedure_label", "approach", "approach_label",
                                   "time")},
                     "size_cutoff": {k: np.full(n, np.nan) for k in
                                     ("procedure", "procedure_label")}}
            for f in range(5):
                te, tr = fold == f, fold != f
                sub = lambda m: {k: c[k][m] for k in ("clinical", "targets")}
                b = _baselines(sub(tr), sub(te))
                for bn in bruns:
                    for k in bruns[bn]:
                        bruns[bn][k][te] = b[bn][k]
                extras["size_cuts"].append(b["size_cutoff"]["cut_cm"])
                for v in cvars:
                    t0 = time.time()
                    tab = tabular(c, v)
                    cfg = FitConfig(use_image=VARIANTS[v][0],
                                    class_weighted_approach="class-weighted" in v)
                    fitted = fit(c["crops"][tr], tab[tr], c["targets"][tr], cfg,
                                 seed=1000 * seed + f)
                    p = predict(fitted, c["crops"][te], tab[te])
                    r = runs[v]
                    r["procedure"][te] = p["procedure"]
                    r["procedure_label"][te] = (p["procedure"] >= 0.5).astype(float)
                    r["approach"][te] = p["approach"]
                    r["approach_label"][te] = (p["approach"] >= fitted.approach_threshold)
                    r["time"][te] = p["time"]
                    log(f"{cname} seed {seed} fold {f} {v}: {time.time() - t0:.1f} s", flush=True)
            for v in cvars:
                oof[v].append(runs[v])
            for bn in base:
                base[bn].append(bruns[bn])
        res = {"n_patients": n,
               "n_per_head": {h: int(np.sum(~np.isnan(c["targets"][:, i])))
                              for i, h in enumerate(("procedure", "approach", "time"))},
               "variants": {v: summarise(c["targets"], oof[v]) for v in cvars},
               "baselines": {bn: summarise(c["targets"], base[bn]) for bn in base},
               "targets_summary": {"time_median_min": float(np.nanmedian(c["targets"][:, 2])),
                                   "procedure_radical_share": float(np.nanmean(c["targets"][:, 0])),
                                   "approach_retro_share": float(np.nanmean(c["targets"][:, 1]))},
               "size_cut_cm_median": float(np.median(extras["size_cuts"]))}
        if SHIPPED in cvars:
            res["shipped_fit"] = {}
            resid = np.concatenate([r["time"] - c["targets"][:, 2] for r in oof[SHIPPED]])
            resid = resid[~np.isnan(resid)]
            res["shipped_fit"]["time_residual_quantiles_min"] = {
                q: float(np.percentile(resid, float(q))) for q in ("10", "50", "90")}
        # The size is a score, not a probability: no Brier score for the cut-off.
        res["baselines"]["size_cutoff"].pop("procedure_brier", None)
        # A constant prediction has AUC 0.5 by definition (fold-to-fold prevalence would blur it).
        for m in ("procedure_auc", "approach_auc"):
            res["baselines"]["majority"].pop(m, None)
        results[cname] = res
        np.savez_compressed(dataset.RUNS_DIR / f"oof_{cname}.npz",
                            **{f"{v}|{s}|{k}": a for v in cvars
                               for s, r in enumerate(oof[v]) for k, a in r.items()})
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--variants", default="all", help="'all' or comma-separated names")
    ap.add_argument("--cohorts", default="kits19_207,all_eligible")
    ap.add_argument("--out", type=Path, default=EVALUATION_PATH)
    a = ap.parse_args()
    variants = list(VARIANTS) if a.variants == "all" else a.variants.split(",")
    t0 = time.time()
    res = run(list(range(a.seeds)), variants, a.cohorts.split(","))
    res["settings"] = {"seeds": a.seeds, "folds": 5, "bootstrap": 1000,
                       "shipped_variant": SHIPPED, "fit": FitConfig().__dict__,
                       "minutes": round((time.time() - t0) / 60, 1)}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, indent=1))
    print(f"wrote {a.out} in {res['settings']['minutes']} min")


if __name__ == "__main__":
    main()
