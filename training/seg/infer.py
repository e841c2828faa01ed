"""Run a trained checkpoint on canonical slices exactly as the app does (manifest in, labels out).

Works with: manifest (pre- and post-processing), model/train (checkpoint format), evaluate,
dump_reference, export.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Sequence, Tuple

import numpy as np
import torch

from .manifest import Manifest, labels_on_source, resample_forward, window
from .model import UNet2d
from .train import build_model, normalise

__all__ = ["load_checkpoint", "network_input", "predict_probs", "predict_labels"]


def load_checkpoint(path: Path | str) -> Tuple[UNet2d, dict]:
    ck = torch.load(str(path), map_location="cpu")
    model = build_model(ck["config"])
    model.load_state_dict(ck["model"])
    model.eval()
    return model, ck["config"]


def network_input(hu: np.ndarray, spacing_rc, m: Manifest, norm: str = "window") -> np.ndarray:
    """S x S float32 input; `norm` 'minmax' is the published per-slice normalisation (comparison only)."""
    grid = resample_forward(hu, spacing_rc, m)
    if norm == "window":
        return window(grid, m)
    return normalise(grid, "minmax", m.window_hu)


@torch.no_grad()
def predict_probs(model: UNet2d, inputs: Sequence[np.ndarray], batch: int = 8) -> np.ndarray:
    """Softmax probabilities N x S x S x C (NHWC, as the tfjs model returns them)."""
    out: List[np.ndarray] = []
    for i in range(0, len(inputs), batch):
        x = torch.from_numpy(np.stack(inputs[i:i + batch])[:, None].astype(np.float32))
        p = torch.softmax(model(x), dim=1).permute(0, 2, 3, 1).numpy()
        out.append(p)
    return np.concatenate(out, 0)


def predict_labels(model: UNet2d, slices_hu: Sequence[np.ndarray], spacing_rc, m: Manifest,
                   norm: str = "window") -> List[np.ndarray]:
    """Labels on each source grid (H x W uint8)."""
    spacings = spacing_rc if isinstance(spacing_rc, list) else [spacing_rc] * len(slices_hu)
    xs = [network_input(h, s, m, norm) for h, s in zip(slices_hu, spacings)]
    probs = predict_probs(model, xs)
    return [labels_on_source(p, h.shape, s, m) for p, h, s in zip(probs, slices_hu, spacings)]
