"""Dice metric, Dice losses and the bootstrap confidence interval."""
import math

import numpy as np
import torch

from seg.evaluate import bootstrap_ci, pooled_dice
from seg.losses import dice_ce_loss, dice_score, soft_dice_loss


def test_dice_score_known_values():
    a = np.zeros((10, 10), bool)
    b = np.zeros((10, 10), bool)
    a[:5] = True
    b[:, :5] = True
    assert dice_score(a, b) == 2 * 25 / 100
    assert dice_score(a, a) == 1.0
    assert math.isnan(dice_score(np.zeros(4, bool), np.zeros(4, bool)))
    assert dice_score(a, np.zeros_like(a)) == 0.0


def test_pooled_dice_weights_by_pixels():
    a = [np.ones(10, bool), np.zeros(10, bool)]
    t = [np.ones(10, bool), np.ones(10, bool)]
    assert abs(pooled_dice(a, t) - 2 * 10 / 30) < 1e-12


def test_soft_dice_loss_orders_predictions():
    y = torch.zeros(2, 16, 16, dtype=torch.long)
    y[:, 4:12, 4:12] = 1
    y[:, 6:8, 6:8] = 2
    good = torch.nn.functional.one_hot(y, 3).permute(0, 3, 1, 2).float() * 20
    bad = torch.nn.functional.one_hot((y + 1) % 3, 3).permute(0, 3, 1, 2).float() * 20
    assert soft_dice_loss(good, y) < 1e-3
    assert soft_dice_loss(bad, y) > 0.99
    assert dice_ce_loss(good, y) < dice_ce_loss(torch.zeros_like(good), y) < dice_ce_loss(bad, y)


def test_bootstrap_ci_brackets_mean_and_ignores_nan():
    v = list(np.random.default_rng(0).normal(0.8, 0.05, 30)) + [float("nan")]
    mean, lo, hi = bootstrap_ci(v)
    assert lo < mean < hi
    assert abs(mean - np.nanmean(v)) < 1e-12
    assert 0.01 < hi - lo < 0.06


def test_keep_kidneys_drops_small_components_and_tumour_islands():
    from seg.evaluate import keep_kidneys

    a = np.zeros((10, 20, 20), np.uint8)
    a[2:8, 2:8, 2:8] = 1
    a[2:8, 12:18, 12:18] = 1
    a[3:5, 5:9, 5:9] = 2          # tumour on the first kidney: kept
    a[0, 0, 0] = 1                # speck: dropped (third component)
    a[9, 19, 19] = 2              # tumour island: dropped
    out = keep_kidneys(a, (10.0, 10.0, 10.0), min_ml=0.0)
    assert out[0, 0, 0] == 0 and out[9, 19, 19] == 0
    assert (out == 2).sum() == 32 and (out > 0).sum() == (a > 0).sum() - 2
    assert (keep_kidneys(a, (1.0, 1.0, 1.0), min_ml=5.0) == 0).all()   # 0.2 mL kidneys are too small
