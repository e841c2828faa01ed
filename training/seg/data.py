"""The training and evaluation sets, split by patient, on the manifest grid.

Sources with kidney labels: CURVAS slices (8-bit), the TotalSegmentator example (NIfTI),
3D-IRCADb-01 (DICOM). The JPEG 2000 DICOM example (upper abdomen, no kidney) serves as
negatives. Held out from training: 3D-IRCADb-01 entirely, the CURVAS patients in
`HELDOUT_CURVAS`, and the 32 KiTS tumour slices. Works with: loaders, manifest, train, evaluate.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

import numpy as np

from .loaders import (LabelledSlice, load_curvas, load_dicom_series, load_ircadb, load_kits_tumour_slices,
                      load_totalseg, shared_data, slices_of_volume)
from .manifest import Manifest, resample_forward, resample_backward

__all__ = ["HELDOUT_CURVAS", "GridSlice", "to_grid", "training_slices", "evaluation_sets"]

# Four of the fourteen CURVAS patients, chosen once by a seeded draw and kept fixed.
HELDOUT_CURVAS = ("curvas-10002", "curvas-10006", "curvas-10010", "curvas-10013")


@dataclass
class GridSlice:
    """A slice resampled onto the manifest grid (HU, labels), ready for augmentation."""

    name: str
    patient: str
    source: str
    hu: np.ndarray      # S x S float32 HU, outsideValueHu outside the source
    labels: np.ndarray  # S x S uint8
    spacing_known: bool


def to_grid(s: LabelledSlice, m: Manifest) -> GridSlice:
    hu = resample_forward(s.hu, s.spacing_rc, m).astype(np.float32)
    # Labels by the same bilinear sampling of one-hot maps, then argmax (nearest-like, smooth).
    h, w = s.labels.shape
    onehot = np.zeros((h, w, m.n_classes), np.float32)
    for c in range(m.n_classes):
        onehot[..., c] = s.labels == c
    lab = np.zeros((m.size_px, m.size_px), np.uint8)
    probs = np.stack([resample_forward(onehot[..., c], s.spacing_rc, m) for c in range(m.n_classes)], -1)
    probs[..., 0][probs.sum(-1) < 0] = 1.0  # outside the source
    probs = np.clip(probs, 0, None)
    lab = np.argmax(probs, -1).astype(np.uint8)
    return GridSlice(s.name, s.patient, s.source, hu, lab, s.spacing_known)


def training_slices(m: Manifest) -> List[LabelledSlice]:
    out = [s for s in load_curvas(m.unknown_spacing_mm) if s.patient not in HELDOUT_CURVAS]
    out += slices_of_volume(load_totalseg(), "totalseg", "totalseg-example")
    neg = load_dicom_series(shared_data() / "ct" / "totalseg" / "example_ct_dicom")
    neg.labels = np.zeros(neg.data.shape, np.uint8)
    out += slices_of_volume(neg, "dicom-j2k-negative", "totalseg-dicom", step=2)
    return out


def evaluation_sets(m: Manifest):
    """{'ircadb-01': Volume, 'curvas-heldout': [slices], 'kits-jpg': [slices]}."""
    return {
        "ircadb-01": load_ircadb(),
        "curvas-heldout": [s for s in load_curvas(m.unknown_spacing_mm) if s.patient in HELDOUT_CURVAS],
        "kits-jpg": load_kits_tumour_slices(m.unknown_spacing_mm),
    }
