"""Fitting one PlanNet: standardisation, the masked multi-task loss and a fixed training length,
all from the training data given.

The recipe is fixed (no early stopping, no threshold search): with ~200 training patients an
inner validation split of ~40 was too noisy to stop on or to pick a threshold from.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from .model import PlanNet

__all__ = ["FitConfig", "Fitted", "fit", "predict", "standardiser"]


@dataclass
class FitConfig:
    """Training settings (see the model card for how they were chosen)."""

    use_image: bool = True
    epochs: int = 60
    batch_size: int = 32
    lr: float = 1e-3
    weight_decay: float = 1e-4
    dropout: float = 0.3
    time_weight: float = 1.0  # weight of the time term beside the two BCE terms
    time_loss: str = "l1"  # "l1" (median, matches the MAE reported) or "mse" (the paper's)
    class_weighted_approach: bool = False  # BCE pos_weight = transperitoneal / retroperitoneal
    approach_threshold: float = 0.5


@dataclass
class Fitted:
    model: PlanNet
    tab_mean: np.ndarray
    tab_sd: np.ndarray
    time_mean: float
    time_sd: float
    approach_threshold: float


def standardiser(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column mean and sd ignoring NaN (sd 1 for constant columns)."""
    if x.shape[1] == 0:
        return np.zeros(0), np.ones(0)
    mean = np.nanmean(x, axis=0)
    sd = np.nanstd(x, axis=0)
    return mean, np.where(sd > 0, sd, 1.0)


def standardise(x: np.ndarray, mean: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """z-scores; a missing input (NaN) takes the training mean, z = 0."""
    return np.nan_to_num((x - mean) / sd, nan=0.0)


def _loss(out, y, pos_weight, cfg: FitConfig):
    """Masked weighted sum: BCE(procedure) + BCE(approach) + w · time loss."""
    total = out.new_zeros(())
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    for head, pw in ((0, None), (1, pos_weight)):
        m = ~torch.isnan(y[:, head])
        if m.any():
            total = total + bce(out[m, head], y[m, head],
                                pos_weight=None if pw is None else out.new_tensor(pw))
    m = ~torch.isnan(y[:, 2])
    if m.any():
        err = out[m, 2] - y[m, 2]
        term = err.abs().mean() if cfg.time_loss == "l1" else (err ** 2).mean()
        total = total + cfg.time_weight * term
    return total


def fit(crops: np.ndarray, tab: np.ndarray, targets: np.ndarray, cfg: FitConfig,
        seed: int) -> Fitted:
    """Trains on one training set.

    Args:
        crops: [N, H, W, C] largest-slice crops.
        tab: [N, F] raw clinical + geometry inputs (NaN = missing).
        targets: [N, 3] procedure (1 radical), approach (1 retroperitoneal), time (min); NaN =
            not in that head.
        cfg: settings.
        seed: seeds initialisation, batches and augmentation.
    """
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    tab_mean, tab_sd = standardiser(tab)
    time_mean = float(np.nanmean(targets[:, 2]))
    time_sd = float(np.nanstd(targets[:, 2]))
    y = targets.copy()
    y[:, 2] = (y[:, 2] - time_mean) / time_sd
    a = targets[:, 1]
    pos_weight = (float(np.sum(a == 0) / max(np.sum(a == 1), 1))
                  if cfg.class_weighted_approach else None)

    model = PlanNet(in_channels=crops.shape[-1] if cfg.use_image else 0,
                    n_tabular=tab.shape[1], dropout=cfg.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    xi = torch.from_numpy(crops.astype(np.float32))
    xt = torch.from_numpy(standardise(tab, tab_mean, tab_sd).astype(np.float32))
    yt = torch.from_numpy(y.astype(np.float32))

    model.train()
    for _ in range(cfg.epochs):
        perm = rng.permutation(len(y))
        for s in range(0, len(perm), cfg.batch_size):
            b = torch.from_numpy(perm[s:s + cfg.batch_size])
            img = xi[b]
            if cfg.use_image:
                # Left-right flips: the model sees no laterality, left and right kidneys alike.
                flip = torch.from_numpy(rng.random(len(b)) < 0.5)
                img = torch.where(flip[:, None, None, None], img.flip(2), img)
            opt.zero_grad()
            _loss(model(img, xt[b]), yt[b], pos_weight, cfg).backward()
            opt.step()
    model.eval()
    return Fitted(model, tab_mean, tab_sd, time_mean, time_sd, cfg.approach_threshold)


def predict(fitted: Fitted, crops: np.ndarray, tab: np.ndarray) -> dict[str, np.ndarray]:
    """Probabilities of radical and retroperitoneal, and operative time (min)."""
    tab_z = standardise(tab, fitted.tab_mean, fitted.tab_sd)
    with torch.no_grad():
        out = fitted.model(torch.from_numpy(crops.astype(np.float32)),
                           torch.from_numpy(tab_z.astype(np.float32))).numpy().astype(np.float64)
    return {
        "procedure": 1.0 / (1.0 + np.exp(-out[:, 0])),
        "approach": 1.0 / (1.0 + np.exp(-out[:, 1])),
        "time": out[:, 2] * fitted.time_sd + fitted.time_mean,
    }
