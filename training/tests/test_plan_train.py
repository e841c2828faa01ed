"""The multi-task fit: learns a planted signal, ignores cases missing from a head."""
import numpy as np
import torch

from plan.model import PlanNet
from plan.train import FitConfig, fit, predict


def test_forward_shapes_with_and_without_branches():
    img = torch.zeros(4, 48, 48, 2)
    tab = torch.zeros(4, 5)
    assert PlanNet(2, 5)(img, tab).shape == (4, 3)
    assert PlanNet(0, 5)(img, tab).shape == (4, 3)
    assert PlanNet(2, 0)(img, torch.zeros(4, 0)).shape == (4, 3)


def test_learns_planted_signal_with_missing_targets():
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    n = 160
    tab = rng.normal(size=(n, 3))
    targets = np.stack([(tab[:, 0] > 0).astype(float), (tab[:, 1] > 0.8).astype(float),
                        200 + 60 * tab[:, 2]], axis=1)
    targets[::7, 1] = np.nan  # left out of the approach head
    targets[::5, 2] = np.nan  # no operative time
    tab[::11, 2] = np.nan  # a missing input
    crops = np.zeros((n, 16, 16, 2), np.float32)
    cfg = FitConfig(use_image=False, epochs=80, lr=3e-3)
    fitted = fit(crops[:120], tab[:120], targets[:120], cfg, seed=0)
    p = predict(fitted, crops[120:], tab[120:])
    assert np.all(np.isfinite(p["procedure"])) and np.all(np.isfinite(p["time"]))
    assert np.mean((p["procedure"] >= 0.5) == targets[120:, 0]) > 0.85
    ok = ~np.isnan(targets[120:, 2]) & ~np.isnan(tab[120:, 2])
    assert np.mean(np.abs(p["time"][ok] - targets[120:, 2][ok])) < 30  # sd of time is 60
