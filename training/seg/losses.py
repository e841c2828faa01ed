"""Soft Dice loss (foreground classes, batch Dice as in nnU-Net), Dice + CE, and the hard Dice metric."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

__all__ = ["soft_dice_loss", "dice_ce_loss", "dice_score"]


def soft_dice_loss(logits: torch.Tensor, target: torch.Tensor, smooth: float = 1e-5) -> torch.Tensor:
    """1 - mean over foreground classes of the soft Dice, summed over batch and pixels."""
    probs = torch.softmax(logits, dim=1)
    onehot = F.one_hot(target.long(), logits.shape[1]).permute(0, 3, 1, 2).float()
    dims = (0, 2, 3)
    inter = (probs * onehot).sum(dims)
    denom = probs.sum(dims) + onehot.sum(dims)
    dice = (2 * inter + smooth) / (denom + smooth)
    return 1.0 - dice[1:].mean()


def dice_ce_loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return soft_dice_loss(logits, target) + F.cross_entropy(logits, target.long())


def dice_score(pred: np.ndarray, truth: np.ndarray) -> float:
    """Hard Dice of two boolean masks; NaN when both are empty (undefined, not perfect)."""
    p, t = np.asarray(pred, bool), np.asarray(truth, bool)
    s = p.sum() + t.sum()
    if s == 0:
        return float("nan")
    return float(2.0 * np.logical_and(p, t).sum() / s)
