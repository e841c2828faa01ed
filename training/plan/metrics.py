"""Metrics of the three heads and their patient-level bootstrap confidence intervals.

Predictions from repeated cross-validation come as one out-of-fold array per seed; a figure is
the mean over seeds, and its 95 % CI comes from resampling patients (the same resample for all
seeds) and taking the 2.5th and 97.5th percentiles of that mean.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.stats import rankdata

__all__ = ["auc", "accuracy", "balanced_accuracy", "f1", "mae", "brier", "METRICS", "summarise"]


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve (Mann–Whitney U with average ranks for ties)."""
    n_pos = int(np.sum(y == 1))
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = rankdata(p)
    return float((ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def accuracy(y, pred):
    return float(np.mean(pred == y))


def balanced_accuracy(y, pred):
    return float(0.5 * (np.mean(pred[y == 1] == 1) + np.mean(pred[y == 0] == 0)))


def f1(y, pred):
    tp = np.sum((pred == 1) & (y == 1))
    d = np.sum(pred == 1) + np.sum(y == 1)
    return float(2 * tp / d) if d else 0.0


def mae(y, t):
    return float(np.mean(np.abs(t - y)))


def brier(y, p):
    return float(np.mean((p - y) ** 2))


#: name → (target column, prediction key, function(y, seed_prediction)).
METRICS: dict[str, tuple[int, str, Callable]] = {
    "procedure_accuracy": (0, "procedure_label", accuracy),
    "procedure_auc": (0, "procedure", auc),
    "procedure_brier": (0, "procedure", brier),
    "approach_accuracy": (1, "approach_label", accuracy),
    "approach_balanced_accuracy": (1, "approach_label", balanced_accuracy),
    "approach_retro_f1": (1, "approach_label", f1),
    "approach_auc": (1, "approach", auc),
    "approach_brier": (1, "approach", brier),
    "time_mae_min": (2, "time", mae),
}


def summarise(targets: np.ndarray, runs: list[dict], n_boot: int = 1000, seed: int = 12345
              ) -> dict[str, dict]:
    """Mean over seeds and bootstrap 95 % CI of every metric whose predictions are present.

    Args:
        targets: [N, 3] with NaN where a case is not in a head.
        runs: one dict per seed of out-of-fold arrays keyed like :data:`METRICS`' prediction keys.
    """
    rng = np.random.default_rng(seed)
    n = len(targets)
    boots = [rng.integers(0, n, n) for _ in range(n_boot)]
    out = {}
    for name, (col, key, fn) in METRICS.items():
        if key not in runs[0]:
            continue

        def value(idx):
            y = targets[idx, col]
            ok = ~np.isnan(y)
            return float(np.mean([fn(y[ok], r[key][idx][ok]) for r in runs]))

        point = value(np.arange(n))
        dist = np.array([value(b) for b in boots])
        dist = dist[~np.isnan(dist)]
        out[name] = {
            "value": point,
            "ci95": [float(np.percentile(dist, 2.5)), float(np.percentile(dist, 97.5))],
            "per_seed": [fn(targets[~np.isnan(targets[:, col]), col],
                            r[key][~np.isnan(targets[:, col])]) for r in runs],
            "n": int(np.sum(~np.isnan(targets[:, col]))),
        }
    return out
