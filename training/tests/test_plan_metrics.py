"""Metrics and bootstrap summaries of the planning evaluation."""
import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from plan.evaluate import folds
from plan.metrics import auc, balanced_accuracy, f1, summarise


def test_auc_matches_sklearn_with_ties():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 200)
    p = np.round(rng.random(200) + 0.3 * y, 1)
    assert auc(y, p) == pytest.approx(roc_auc_score(y, p))


def test_classification_metrics():
    y = np.array([1, 1, 0, 0, 0, 0])
    pred = np.array([1, 0, 1, 0, 0, 0])
    assert balanced_accuracy(y, pred) == pytest.approx(0.5 * (0.5 + 0.75))
    assert f1(y, pred) == pytest.approx(0.5)
    assert f1(y, np.zeros(6)) == 0.0


def test_summary_ci_brackets_value_and_skips_missing_targets():
    rng = np.random.default_rng(2)
    n = 150
    targets = np.stack([rng.integers(0, 2, n).astype(float), np.full(n, np.nan),
                        rng.normal(200, 50, n)], axis=1)
    targets[:10, 2] = np.nan
    runs = [{"procedure": np.clip(targets[:, 0] * 0.6 + rng.random(n) * 0.4, 0, 1),
             "procedure_label": targets[:, 0].copy(),
             "time": np.nan_to_num(targets[:, 2]) + rng.normal(0, 10, n)} for _ in range(2)]
    s = summarise(targets, runs, n_boot=200)
    assert s["procedure_accuracy"]["value"] == 1.0
    lo, hi = s["procedure_auc"]["ci95"]
    assert lo <= s["procedure_auc"]["value"] <= hi
    assert s["time_mae_min"]["n"] == n - 10
    assert "approach_accuracy" not in s


def test_folds_are_stratified_and_cover_everyone():
    targets = np.zeros((100, 3))
    targets[:30, 0] = 1
    f = folds(targets, seed=0)
    assert sorted(np.bincount(f)) == [20] * 5
    assert all(np.sum(targets[f == k, 0]) == 6 for k in range(5))
    assert not np.array_equal(f, folds(targets, seed=1))
