"""Paired comparison of the shipped model with the baseline it must beat, on the same patients
and folds: the bootstrap 95 % CI of the difference (model − baseline), so that "beats the
baseline" means the interval excludes 0. Adds ``paired_differences`` to evaluation.json.

    cd training && /usr/bin/python3 -m plan.compare
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from . import dataset
from .evaluate import EVALUATION_PATH, SHIPPED, _baselines, cohorts, folds
from .metrics import accuracy, auc, mae

#: metric → (target column, model key, baseline, baseline key, function, higher is better)
COMPARISONS = {
    "procedure_accuracy": (0, "procedure_label", "size_cutoff", "procedure_label", accuracy, True),
    "procedure_auc": (0, "procedure", "size_cutoff", "procedure", auc, True),
    "approach_accuracy": (1, "approach_label", "majority", "approach_label", accuracy, True),
    "time_mae_min": (2, "time", "majority", "time", mae, False),
}


def _baseline_oof(c: dict, seeds: int) -> list[dict]:
    """Recomputes the baselines' out-of-fold predictions (deterministic given the folds)."""
    n = len(c["targets"])
    out = []
    for seed in range(seeds):
        fold = folds(c["targets"], seed)
        r = {"majority": {}, "size_cutoff": {}}
        for f in range(5):
            te, tr = fold == f, fold != f
            b = _baselines({k: c[k][tr] for k in ("clinical", "targets")},
                           {k: c[k][te] for k in ("clinical", "targets")})
            for bn in r:
                for k, v in b[bn].items():
                    if k == "cut_cm":
                        continue
                    r[bn].setdefault(k, np.full(n, np.nan))[te] = v
        out.append(r)
    return out


def paired_differences(cname: str, c: dict, seeds: int, n_boot: int = 1000) -> dict:
    oof = np.load(dataset.RUNS_DIR / f"oof_{cname}.npz")
    model = [{k: oof[f"{SHIPPED}|{s}|{k}"] for k in ("procedure", "procedure_label",
                                                    "approach_label", "time")}
             for s in range(seeds)]
    base = _baseline_oof(c, seeds)
    rng = np.random.default_rng(54321)
    n = len(c["targets"])
    boots = [rng.integers(0, n, n) for _ in range(n_boot)]
    res = {}
    for name, (col, mk, bn, bk, fn, higher) in COMPARISONS.items():
        def diff(idx):
            y = c["targets"][idx, col]
            ok = ~np.isnan(y)
            return float(np.mean([fn(y[ok], m[mk][idx][ok]) - fn(y[ok], b[bn][bk][idx][ok])
                                  for m, b in zip(model, base)]))
        point = diff(np.arange(n))
        dist = np.array([diff(b) for b in boots])
        lo, hi = np.nanpercentile(dist, [2.5, 97.5])
        better = lo > 0 if higher else hi < 0
        res[name] = {"baseline": bn, "difference": point, "ci95": [float(lo), float(hi)],
                     "significantly_better": bool(better)}
    return res


def main(path: Path = EVALUATION_PATH):
    ev = json.loads(path.read_text())
    d = dataset.load()
    cs = cohorts(d)
    for cname in ("kits19_207", "all_eligible"):
        if cname in ev and SHIPPED in ev[cname]["variants"]:
            ev[cname]["paired_differences"] = paired_differences(
                cname, cs[cname], ev["settings"]["seeds"])
    path.write_text(json.dumps(ev, indent=1))
    print(json.dumps({k: ev[k].get("paired_differences") for k in cs if k in ev}, indent=1))


if __name__ == "__main__":
    import sys
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else EVALUATION_PATH)
