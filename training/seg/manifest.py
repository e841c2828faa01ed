"""The segmentation manifest and the exact preprocessing it specifies.

`models/segmentation/manifest.json` is the single description of the network input; the browser
and the Node CLI read the same file. The resampling here follows docs/architecture.md to the
letter (bilinear, centred, `outsideValueHu` outside the source), so that the TypeScript port can
match it to float precision. Works with: loaders (canonical slices in), train/evaluate (network
input out), dump_reference (reference arrays for the TypeScript tests).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Tuple

import numpy as np

__all__ = ["Manifest", "load_manifest", "MANIFEST_PATH", "REPO_ROOT", "resample_forward",
           "window", "preprocess", "resample_backward", "labels_on_source"]

REPO_ROOT = Path(__file__).resolve().parents[2]
MANIFEST_PATH = REPO_ROOT / "models" / "segmentation" / "manifest.json"


@dataclass(frozen=True)
class Manifest:
    """The fields of manifest.json that the Python side uses."""

    raw: dict
    size_px: int
    spacing_mm: float
    window_hu: Tuple[float, float]
    outside_value_hu: float
    unknown_spacing_mm: float
    labels: Tuple[str, ...]
    # Clip HU to the window before resampling, so that a slice stored clipped to [0, 255] HU gives
    # exactly the raw slice's input (for a window inside [0, 255]).
    window_before_resampling: bool = False

    @property
    def n_classes(self) -> int:
        return len(self.labels)


def load_manifest(path: os.PathLike | str = MANIFEST_PATH) -> Manifest:
    raw = json.loads(Path(path).read_text())
    lo, hi = raw["intensity"]["windowHu"]
    return Manifest(raw=raw, size_px=int(raw["input"]["sizePx"]),
                    spacing_mm=float(raw["input"]["spacingMm"]), window_hu=(float(lo), float(hi)),
                    outside_value_hu=float(raw["intensity"]["outsideValueHu"]),
                    unknown_spacing_mm=float(raw["unknownSpacingMm"]), labels=tuple(raw["labels"]),
                    window_before_resampling=bool(raw["intensity"].get("windowBeforeResampling", False)))


def _axis_weights(n_src: int, coords: np.ndarray):
    """Bilinear indices and weights along one axis; `valid` is False outside [0, n_src-1]."""
    valid = (coords >= 0.0) & (coords <= n_src - 1)
    c = np.clip(coords, 0.0, n_src - 1)
    i0 = np.floor(c).astype(np.int64)
    i1 = np.minimum(i0 + 1, n_src - 1)
    f = c - i0
    return i0, i1, f, valid


def _bilinear(img: np.ndarray, rs: np.ndarray, cs: np.ndarray, outside: np.ndarray | float):
    """Sample img (H x W [x C]) on the separable grid rs x cs; outside samples take `outside`."""
    h, w = img.shape[:2]
    r0, r1, fr, vr = _axis_weights(h, rs)
    c0, c1, fc, vc = _axis_weights(w, cs)
    a = img.astype(np.float64)
    fr_ = fr[:, None]
    fc_ = fc[None, :]
    if a.ndim == 3:
        fr_ = fr_[..., None]
        fc_ = fc_[..., None]
    top = a[r0][:, c0] * (1 - fc_) + a[r0][:, c1] * fc_
    bottom = a[r1][:, c0] * (1 - fc_) + a[r1][:, c1] * fc_
    out = top * (1 - fr_) + bottom * fr_
    valid = vr[:, None] & vc[None, :]
    out[~valid] = outside
    return out


def resample_forward(hu: np.ndarray, spacing_rc: Tuple[float, float], m: Manifest) -> np.ndarray:
    """Source slice (H x W, HU, canonical orientation) -> S x S HU at the manifest spacing."""
    h, w = hu.shape
    s, t = m.size_px, m.spacing_mm
    sr, sc = spacing_rc
    k = np.arange(s, dtype=np.float64) - (s - 1) / 2.0
    rs = (h - 1) / 2.0 + k * t / sr
    cs = (w - 1) / 2.0 + k * t / sc
    outside = m.outside_value_hu
    if m.window_before_resampling:
        lo, hi = m.window_hu
        hu = np.clip(hu, lo, hi)
        outside = float(np.clip(outside, lo, hi))
    return _bilinear(hu, rs, cs, outside)


def window(hu: np.ndarray, m: Manifest) -> np.ndarray:
    """x = (clip(hu, lo, hi) - lo) / (hi - lo), float32."""
    lo, hi = m.window_hu
    return ((np.clip(hu, lo, hi) - lo) / (hi - lo)).astype(np.float32)


def preprocess(hu: np.ndarray, spacing_rc: Tuple[float, float], m: Manifest) -> np.ndarray:
    """The network input (S x S float32) of a canonical source slice."""
    return window(resample_forward(hu, spacing_rc, m), m)


def resample_backward(probs: np.ndarray, shape_hw: Tuple[int, int], spacing_rc: Tuple[float, float],
                      m: Manifest) -> np.ndarray:
    """Network probabilities (S x S x C) -> H x W x C on the source grid (background 1 outside)."""
    h, w = shape_hw
    s, t = m.size_px, m.spacing_mm
    sr, sc = spacing_rc
    rt = (s - 1) / 2.0 + (np.arange(h, dtype=np.float64) - (h - 1) / 2.0) * sr / t
    ct = (s - 1) / 2.0 + (np.arange(w, dtype=np.float64) - (w - 1) / 2.0) * sc / t
    outside = np.zeros(probs.shape[2])
    outside[0] = 1.0
    return _bilinear(probs, rt, ct, outside)


def labels_on_source(probs: np.ndarray, shape_hw: Tuple[int, int], spacing_rc: Tuple[float, float],
                     m: Manifest) -> np.ndarray:
    """Argmax label map (uint8, H x W) on the source grid; ties go to the lower label."""
    return np.argmax(resample_backward(probs, shape_hw, spacing_rc, m), axis=2).astype(np.uint8)
