"""Loaders for every reference source, returning slices in the canonical orientation.

Canonical orientation (docs/architecture.md): an axial slice with rows running anterior ->
posterior and columns running patient right -> left; volumes are indexed [slice, row, column].
Voxel values are HU. DICOM is read in LPS, NIfTI (RAS or anything else) is reoriented by its
affine. The 8-bit slice sets (CURVAS, KiTS JPEG) already store HU clipped to [0, 255] in display
orientation and carry no spacing. Works with: manifest (preprocessing), synth, train, evaluate.
"""
from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np

__all__ = ["shared_data", "LabelledSlice", "Volume", "load_dicom_series", "load_ircadb",
           "load_nifti_canonical", "load_totalseg", "load_kits_mask", "load_curvas",
           "load_kits_tumour_slices", "slices_of_volume", "KIDNEY", "TUMOUR"]

KIDNEY = 1
TUMOUR = 2


def shared_data() -> Path:
    """The reference data folder: $SHARED_DATA, else ../shared/data beside the repository."""
    env = os.environ.get("SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data"


@dataclass
class Volume:
    """A CT (or label) volume indexed [slice, row, column] in canonical orientation."""

    data: np.ndarray
    spacing_mm: Tuple[float, float, float]  # (slice, row, column)
    labels: Optional[np.ndarray] = None
    name: str = ""


@dataclass
class LabelledSlice:
    """One axial slice with labels 0 background, 1 kidney, 2 tumour (canonical orientation).

    `kidney_known` False means label 0 does not imply "no kidney" (KiTS tumour-only masks).
    `spacing_known` False means the source had no spacing (manifest.unknownSpacingMm applies).
    """

    name: str
    patient: str
    source: str
    hu: np.ndarray
    labels: np.ndarray
    spacing_rc: Tuple[float, float]
    kidney_known: bool = True
    tumour_known: bool = True
    spacing_known: bool = True
    meta: Dict = field(default_factory=dict)


# --- DICOM -----------------------------------------------------------------------------------

def _canonical_from_dicom_axes(arr: np.ndarray, row_cos: np.ndarray, col_cos: np.ndarray):
    """Flip/transpose a [k, r, c] stack so columns run to +x (patient left), rows to +y (posterior).

    `row_cos` is the direction along a row (increasing column index), `col_cos` down a column.
    Returns the array and a flag telling whether rows and columns were swapped.
    """
    swapped = abs(row_cos[1]) > abs(row_cos[0])
    if swapped:
        arr = arr.transpose(0, 2, 1)
        row_cos, col_cos = col_cos, row_cos
    if row_cos[0] < 0:
        arr = arr[:, :, ::-1]
    if col_cos[1] < 0:
        arr = arr[:, ::-1, :]
    return np.ascontiguousarray(arr), swapped


def load_dicom_series(folder: os.PathLike | str, rescale: bool = True) -> Volume:
    """Read a single-series DICOM folder into a canonical volume (HU when `rescale`).

    Slices are ordered along the slice normal by ImagePositionPatient (inferior first).
    """
    import pydicom

    files = [f for f in glob.glob(os.path.join(str(folder), "*")) if os.path.isfile(f)]
    dsets = [pydicom.dcmread(f) for f in files]
    iop = np.array(dsets[0].ImageOrientationPatient, dtype=np.float64)
    row_cos, col_cos = iop[:3], iop[3:]
    normal = np.cross(row_cos, col_cos)
    pos = [float(np.dot(np.array(d.ImagePositionPatient, dtype=np.float64), normal)) for d in dsets]
    order = np.argsort(pos)
    dsets = [dsets[i] for i in order]
    pos = np.array(pos)[order]
    stack = []
    for d in dsets:
        a = d.pixel_array.astype(np.float32)
        if rescale:
            a = a * float(getattr(d, "RescaleSlope", 1.0)) + float(getattr(d, "RescaleIntercept", 0.0))
        stack.append(a)
    arr = np.stack(stack)
    # The slice axis must run inferior -> superior (+z): flip if the normal points down.
    if normal[2] < 0:
        arr = arr[::-1]
    arr, swapped = _canonical_from_dicom_axes(arr, row_cos, col_cos)
    ps = [float(x) for x in dsets[0].PixelSpacing]  # (between rows, between columns)
    if swapped:
        ps = ps[::-1]
    dz = float(np.median(np.diff(pos))) if len(pos) > 1 else float(getattr(dsets[0], "SliceThickness", 1.0))
    return Volume(data=arr, spacing_mm=(abs(dz), ps[0], ps[1]), name=str(folder))


def load_ircadb(root: Optional[Path] = None) -> Volume:
    """3D-IRCADb-01 patient 1: CT in HU with kidney labels (left | right masks) as `labels`."""
    root = root or shared_data() / "ct" / "ircadb-01"
    ct = load_dicom_series(root / "PATIENT_DICOM")
    lab = np.zeros(ct.data.shape, np.uint8)
    for side in ("leftkidney", "rightkidney"):
        m = load_dicom_series(root / "MASKS_DICOM" / side, rescale=False)
        assert m.data.shape == ct.data.shape, "mask and CT geometry differ"
        lab[m.data > 0] = KIDNEY
    ct.labels = lab
    ct.name = "ircadb-01"
    return ct


# --- NIfTI -----------------------------------------------------------------------------------

def load_nifti_canonical(path: os.PathLike | str, dtype=np.float32) -> Volume:
    """Read NIfTI and reorient by its affine to [slice (I->S), row (A->P), column (R->L)]."""
    import nibabel as nib
    from nibabel import orientations as ornt

    img = nib.load(str(path))
    cur = ornt.io_orientation(img.affine)
    # LPS array axes: axis0 -> +L (columns), axis1 -> +P (rows), axis2 -> +S (slices).
    target = ornt.axcodes2ornt(("L", "P", "S"))
    tf = ornt.ornt_transform(cur, target)
    data = ornt.apply_orientation(np.asarray(img.dataobj).astype(dtype), tf)
    zooms = np.array(img.header.get_zooms()[:3], dtype=np.float64)
    new_zooms = np.zeros(3)
    for src_axis, (dst_axis, _) in enumerate(tf):
        new_zooms[int(dst_axis)] = zooms[src_axis]
    arr = np.ascontiguousarray(data.transpose(2, 1, 0))  # [S, P, L] = [slice, row, column]
    return Volume(data=arr, spacing_mm=(new_zooms[2], new_zooms[1], new_zooms[0]), name=str(path))


def load_totalseg(root: Optional[Path] = None) -> Volume:
    """TotalSegmentator example_ct_sm with kidney labels (kidney_right 2, kidney_left 3)."""
    root = root or shared_data() / "ct" / "totalseg"
    ct = load_nifti_canonical(root / "example_ct_sm.nii.gz")
    seg = load_nifti_canonical(root / "example_seg.nii.gz", dtype=np.int16)
    assert seg.data.shape == ct.data.shape
    ct.labels = np.where(np.isin(seg.data, (2, 3)), KIDNEY, 0).astype(np.uint8)
    ct.meta_seg = seg.data  # kept for the orientation test (left/right labels)
    ct.name = "totalseg-example"
    return ct


def load_kits_mask(case: int, root: Optional[Path] = None) -> Volume:
    """A cropped KiTS23 mask (0 bg, 1 kidney, 2 tumour, 3 cyst) as a canonical label volume."""
    root = root or shared_data() / "kits" / "masks"
    v = load_nifti_canonical(root / f"case_{case:05d}.nii.gz", dtype=np.uint8)
    v.labels = v.data
    v.name = f"kits-{case:05d}"
    return v


def slices_of_volume(v: Volume, source: str, patient: str, step: int = 1) -> List[LabelledSlice]:
    """Axial slices of a labelled CT volume."""
    out = []
    for k in range(0, v.data.shape[0], step):
        out.append(LabelledSlice(name=f"{patient}_{k}", patient=patient, source=source,
                                 hu=v.data[k].astype(np.float32), labels=v.labels[k].astype(np.uint8),
                                 spacing_rc=(v.spacing_mm[1], v.spacing_mm[2]), meta={"k": k}))
    return out


# --- 8-bit slices ----------------------------------------------------------------------------

def _read_gray(path: str) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(path).convert("L"), dtype=np.float32)


def _read_index(path: str) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(path), dtype=np.uint8)


def load_curvas(unknown_spacing_mm: float, root: Optional[Path] = None) -> List[LabelledSlice]:
    """All CURVAS slices of all annotators; kidney (index 2) -> 1, everything else 0."""
    root = root or shared_data() / "slices" / "curvas"
    out = []
    for ann in sorted(glob.glob(str(root / "annotator-*"))):
        for img in sorted(glob.glob(os.path.join(ann, "images", "*.png"))):
            stem = Path(img).stem
            lab = _read_index(os.path.join(ann, "labels_index", stem + ".png"))
            patient = stem.split("_")[0]
            out.append(LabelledSlice(name=f"curvas-{Path(ann).name}-{stem}", patient=f"curvas-{patient}",
                                     source="curvas", hu=_read_gray(img),
                                     labels=np.where(lab == 2, KIDNEY, 0).astype(np.uint8),
                                     spacing_rc=(unknown_spacing_mm, unknown_spacing_mm),
                                     spacing_known=False, meta={"annotator": Path(ann).name}))
    return out


def load_kits_tumour_slices(unknown_spacing_mm: float, root: Optional[Path] = None) -> List[LabelledSlice]:
    """The 32 KiTS19 JPEG slices with tumour-only masks (tumour -> 2; kidney unknown)."""
    root = root or shared_data() / "slices" / "kits19-tumor-jpg"
    out = []
    for img in sorted(glob.glob(str(root / "images" / "*.jpg"))):
        stem = Path(img).stem
        lab = _read_index(str(root / "labels_index" / (stem + ".png")))
        out.append(LabelledSlice(name=f"kitsjpg-{stem}", patient=f"kitsjpg-{stem.split('_')[0]}",
                                 source="kits-jpg", hu=_read_gray(img),
                                 labels=np.where(lab == 1, TUMOUR, 0).astype(np.uint8),
                                 spacing_rc=(unknown_spacing_mm, unknown_spacing_mm),
                                 kidney_known=False, spacing_known=False))
    return out


def kits_cases(root: Optional[Path] = None) -> List[int]:
    root = root or shared_data() / "kits" / "masks"
    return sorted(int(re.findall(r"\d+", Path(p).name)[0]) for p in glob.glob(str(root / "case_*.nii.gz")))
