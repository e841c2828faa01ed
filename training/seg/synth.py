"""Synthetic kidney tumours (and cysts) painted into real CT slices.

Shapes and their position relative to the kidney come from the real KiTS23 masks (`TumourBank`);
intensities come from the KiTS HU histograms (`HuModel`). `insert_lesion` scales a real lesion to
the target kidney, keeps its offset from the kidney centre (mirrored to the target side), can push
it outwards (exophytic growth), and paints it with a mean HU drawn from the tumour histogram,
correlated texture, optional necrotic core and enhancing rim, the slice's own noise level and a
partial-volume edge. Cysts (KiTS label 3) are painted the same way with cyst intensities and keep
the label "kidney": they are look-alike negatives. Works on slices already on the manifest grid.
Works with: loaders (KiTS masks, histograms), train (sampling), contact_sheet (examples).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

import numpy as np
from scipy import ndimage as ndi

from .loaders import KIDNEY, TUMOUR, load_kits_mask, kits_cases, shared_data

__all__ = ["SynthParams", "HuModel", "Lesion", "TumourBank", "build_bank", "insert_lesion",
           "kidney_components"]


@dataclass
class SynthParams:
    """Every knob of the synthesis (units: HU, mm, pixels of the target grid)."""

    p_cyst: float = 0.2                              # a cyst instead of a tumour
    scale_jitter: Tuple[float, float] = (0.75, 1.5)  # on top of the kidney-size ratio
    scale_limits: Tuple[float, float] = (0.35, 1.8)
    rotation_deg: float = 180.0
    p_exophytic_push: float = 0.3                    # push the lesion outwards from the kidney
    push_frac: Tuple[float, float] = (0.1, 0.6)      # of the kidney's equivalent radius
    mean_quantiles: Tuple[float, float] = (0.12, 0.88)  # tumour mean HU drawn between these
    texture_sd_hu: Tuple[float, float] = (4.0, 22.0)
    texture_sigma_px: Tuple[float, float] = (0.8, 3.0)
    p_necrosis: float = 0.35
    necrosis_min_area_px: int = 120
    necrosis_hu: Tuple[float, float] = (0.0, 35.0)
    p_rim: float = 0.3
    rim_width_px: Tuple[float, float] = (1.0, 3.0)
    rim_gain_hu: Tuple[float, float] = (15.0, 60.0)
    edge_sigma_px: Tuple[float, float] = (0.3, 1.1)   # partial-volume blur of the edge
    cyst_sd_hu: float = 6.0
    noise_corr_px: Tuple[float, float] = (0.0, 1.0)  # grain of the painted noise
    min_area_px: int = 12                            # smaller painted lesions are rejected
    min_kidney_overlap: float = 0.2                  # fraction of the lesion inside the kidney
    # Version 2 (the shipped model from step ~560 on): keep the lesion's real size in mm (only
    # partly adapted to the kidney), so giant tumours that swallow the kidney occur as in KiTS;
    # the overlap rule then counts the smaller of lesion and kidney.
    size_mode: str = "kidney_ratio"                  # or "physical"
    kidney_ratio_power: float = 0.5                  # physical mode: scale = ratio ** power * jitter
    overlap_of_smaller: bool = False
    necrosis_core_frac: Tuple[float, float] = (0.35, 0.6)

    bone_hu: float = 300.0
    max_tries: int = 6
    # Version 3: cross-sections from every level of a lesion (its caps, and parts that lie beside
    # the kidney rather than in it, as exophytic tumours do), each placed by its real in-plane
    # relation to the kidney; a share `p_touch` of placements is kept when it touches the kidney
    # (within `touch_px`), so a 2D slice may show tumour next to, not inside, the kidney outline;
    # the rest must overlap it (`min_kidney_overlap`).
    bank_levels: str = "widest"                      # or "all" (needs the matching bank)
    p_touch: float = 0.0
    touch_px: int = 2
    # Version 5: the painted grain takes the slice's image noise, measured on soft tissue away
    # from the kidney, instead of the kidney's fine texture (its cortex and medulla, 1.5-3x the
    # noise), which painted every lesion grainier than anything around it.
    noise_from: str = "kidney"                       # or "tissue"

    @classmethod
    def v2(cls) -> "SynthParams":
        """The second parameter set: real lesion sizes, larger necrotic cores."""
        return cls(size_mode="physical", kidney_ratio_power=0.25, scale_jitter=(0.8, 1.25),
                   scale_limits=(0.5, 1.6), overlap_of_smaller=True, p_necrosis=0.5,
                   necrosis_core_frac=(0.15, 0.5))

    @classmethod
    def v3(cls) -> "SynthParams":
        """v2 plus every level of a lesion, kept when it touches the kidney."""
        p = cls.v2()
        p.bank_levels, p.p_touch = "all", 1.0
        return p

    @classmethod
    def v4(cls) -> "SynthParams":
        """v3 with most placements held to the overlap rule (fewer lesions beside the kidney)."""
        p = cls.v3()
        p.p_touch = 0.3
        return p

    @classmethod
    def v5(cls) -> "SynthParams":
        """v2 with the lesion's grain at the slice's image-noise level."""
        p = cls.v2()
        p.noise_from = "tissue"
        return p

    @classmethod
    def of_version(cls, version: int) -> "SynthParams":
        return {1: cls, 2: cls.v2, 3: cls.v3, 4: cls.v4, 5: cls.v5}[version]()

    VERSIONS = (1, 2, 3, 4, 5)


class HuModel:
    """Quantiles of the KiTS HU histograms (bin i counts HU in [i-1000, i-999))."""

    def __init__(self, path: Optional[Path] = None):
        path = path or shared_data() / "kits" / "hu_histograms.json"
        dens = json.loads(Path(path).read_text())["density"]
        self.cdf = {}
        for k, v in dens.items():
            a = np.asarray(v, dtype=np.float64)
            self.cdf[k] = np.cumsum(a) / a.sum()

    def quantile(self, tissue: str, q: float) -> float:
        return float(np.searchsorted(self.cdf[tissue], q) - 1000 + 0.5)


@dataclass
class Lesion:
    """A real lesion cross-section: masks at `spacing_mm`, offsets relative to its kidney."""

    mask: np.ndarray               # float32, 1 inside the lesion, local crop
    spacing_mm: Tuple[float, float]
    offset_mm: Tuple[float, float]  # lesion centroid - kidney centroid (rows, columns)
    kidney_area_mm2: float          # the whole cross-section: kidney plus lesion
    kidney_left: bool               # kidney on the patient's left (image right)
    kind: str                       # "tumour" or "cyst"
    case: int


@dataclass
class TumourBank:
    lesions: List[Lesion] = field(default_factory=list)

    def of_kind(self, kind: str) -> List[Lesion]:
        return [l for l in self.lesions if l.kind == kind]


def _crop_offset_cols(descrip: str) -> Optional[Tuple[int, int]]:
    """(column offset, original width) of a KiTS crop from its NIfTI `descrip`."""
    import re

    m = re.search(r"shape (\d+)x(\d+)x(\d+) at (\d+),(\d+),(\d+)", descrip)
    if not m:
        return None
    g = list(map(int, m.groups()))
    return g[5], g[2]


def build_bank(cases: Optional[List[int]] = None, per_case: int = 3, seed: int = 0,
               levels: str = "widest") -> TumourBank:
    """Collect lesion cross-sections (tumour: label 2, cyst: label 3) from KiTS masks.

    levels: "widest" takes levels with at least a third of the lesion's largest cross-section;
    "all" takes any level with 20 mm² of lesion, caps included.
    """
    import nibabel as nib

    rng = np.random.default_rng(seed)
    cases = cases if cases is not None else kits_cases()
    bank = TumourBank()
    root = shared_data() / "kits" / "masks"
    for case in cases:
        v = load_kits_mask(case)
        hdr = nib.load(str(root / f"case_{case:05d}.nii.gz")).header
        crop = _crop_offset_cols(hdr["descrip"].tobytes().decode(errors="ignore"))
        lab = v.data
        sr, sc = v.spacing_mm[1], v.spacing_mm[2]
        for kind, value in (("tumour", 2), ("cyst", 3)):
            # Cross-sections of at least a third of the lesion's largest one: real studies are
            # read, and the KiTS slices were chosen, near a lesion's widest level, not its caps.
            area = (lab == value).reshape(lab.shape[0], -1).sum(1) * sr * sc
            wide = area >= area.max() / 3 if levels == "widest" else np.ones_like(area, bool)
            ks = np.nonzero((area > 20.0) & wide)[0]
            if len(ks) == 0:
                continue
            for k in rng.choice(ks, size=min(per_case, len(ks)), replace=False):
                _add_lesions(bank, lab[int(k)], value, kind, (sr, sc), crop, case)
    return bank


def _add_lesions(bank, sl, value, kind, spacing, crop, case):
    sr, sc = spacing
    organ = sl > 0
    comps, n = ndi.label(organ)
    for ci in range(1, n + 1):
        comp = comps == ci
        les = comp & (sl == value)
        if les.sum() * sr * sc < 20.0:
            continue
        kid = comp & (sl != value)
        if kid.sum() == 0:
            # The lesion lies apart from its kidney at this level (an exophytic part or a cap):
            # its offset is from the nearest kidney cross-section, if the slice has one.
            kid = _nearest_kidney(sl, les, value)
            if kid is None:
                kid = comp
            comp = kid | les
        rows, cols = np.nonzero(les)
        r0, r1, c0, c1 = rows.min() - 2, rows.max() + 3, cols.min() - 2, cols.max() + 3
        r0, c0 = max(r0, 0), max(c0, 0)
        mask = les[r0:r1, c0:c1].astype(np.float32)
        kc = np.array(ndi.center_of_mass(kid))
        lc = np.array(ndi.center_of_mass(les))
        col_full = (crop[0] + kc[1]) if crop else kc[1]
        width = crop[1] if crop else sl.shape[1] * 2
        bank.lesions.append(Lesion(mask=mask, spacing_mm=(sr, sc),
                                   offset_mm=((lc[0] - kc[0]) * sr, (lc[1] - kc[1]) * sc),
                                   kidney_area_mm2=float(comp.sum() * sr * sc),
                                   kidney_left=bool(col_full > width / 2), kind=kind, case=case))


def _nearest_kidney(sl, les, value):
    others, n = ndi.label((sl > 0) & (sl != value))
    if n == 0:
        return None
    dist = ndi.distance_transform_edt(~les)
    best = min(range(1, n + 1), key=lambda i: dist[others == i].min())
    return others == best


def save_bank(bank: TumourBank, path: os.PathLike | str) -> None:
    import pickle

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(bank, f)


def load_bank(path: os.PathLike | str) -> TumourBank:
    import pickle

    with open(path, "rb") as f:
        return pickle.load(f)


def kidney_components(labels: np.ndarray, min_px: int = 30) -> List[np.ndarray]:
    """Boolean masks of the kidney cross-sections in a label slice, largest first."""
    comps, n = ndi.label(labels == KIDNEY)
    out = [comps == i for i in range(1, n + 1)]
    out = [c for c in out if c.sum() >= min_px]
    return sorted(out, key=lambda c: -int(c.sum()))


def _smooth_noise(rng, shape, sigma):
    n = ndi.gaussian_filter(rng.standard_normal(shape), sigma)
    return n / (n.std() + 1e-6)


def _noise_sd(hu: np.ndarray, region: np.ndarray) -> float:
    """Fine texture of `region`: robust sd of the residual to a smoothed copy (includes the
    correlated noise of a slice resampled from a coarser grid)."""
    res = hu - ndi.gaussian_filter(hu, 3.0)
    v = res[ndi.binary_erosion(region, iterations=2)]
    if v.size < 10:
        return 8.0
    return float(np.clip(1.4826 * np.median(np.abs(v - np.median(v))), 2.0, 60.0))


# Soft tissue for the image-noise estimate: muscle and solid organs, not fat, air, contrast or bone.
TISSUE_HU = (10.0, 90.0)


def _tissue_noise_sd(hu: np.ndarray, kidney: np.ndarray) -> float:
    """Image noise of a slice: `_noise_sd` over soft tissue (chosen on a smoothed copy, so the
    noise itself does not break it up) at least 5 pixels from the kidney and 4 from the tissue's
    edges; falls back to the kidney's texture where a slice has too little such tissue."""
    smooth = ndi.gaussian_filter(hu, 1.5)
    tissue = (smooth > TISSUE_HU[0]) & (smooth < TISSUE_HU[1]) & ~ndi.binary_dilation(kidney, iterations=5)
    tissue = ndi.binary_erosion(tissue, iterations=2)
    if ndi.binary_erosion(tissue, iterations=2).sum() < 200:
        return _noise_sd(hu, kidney)
    return _noise_sd(hu, tissue)


def insert_lesion(hu: np.ndarray, labels: np.ndarray, spacing_mm: float, bank: TumourBank,
                  hu_model: HuModel, rng: np.random.Generator, params: SynthParams = SynthParams(),
                  kidney: Optional[np.ndarray] = None) -> Tuple[np.ndarray, np.ndarray, dict]:
    """Paint one lesion into a kidney of a slice on an isotropic grid.

    Args:
        hu: slice in HU (canonical orientation), not modified.
        labels: 0/1/2 labels of the slice, not modified.
        spacing_mm: pixel spacing of `hu` (isotropic).
        kidney: the target kidney cross-section; a random one when None.
    Returns:
        (new HU, new labels, info) — info is empty when no lesion could be placed.
    """
    kids = kidney_components(labels) if kidney is None else [kidney]
    if not kids:
        return hu, labels, {}
    for _ in range(params.max_tries):
        out = _try_insert(hu, labels, spacing_mm, bank, hu_model, rng, params, kids[rng.integers(len(kids))])
        if out is not None:
            return out
    return hu, labels, {}


def _try_insert(hu, labels, spacing_mm, bank, hu_model, rng, params, kid):
    kind = "cyst" if rng.random() < params.p_cyst and bank.of_kind("cyst") else "tumour"
    pool = bank.of_kind(kind)
    les = pool[rng.integers(len(pool))]

    # Geometry: scale by the kidney-size ratio, keep the offset from the kidney centre.
    k_area = kid.sum() * spacing_mm ** 2
    ratio = k_area / max(les.kidney_area_mm2, 1.0)
    if params.size_mode == "physical":
        # Source areas count kidney plus lesion; compare with the kidney alone.
        src_kidney = max(les.kidney_area_mm2 - les.mask.sum() * les.spacing_mm[0] * les.spacing_mm[1], 100.0)
        ratio = k_area / src_kidney
        scale = ratio ** params.kidney_ratio_power * rng.uniform(*params.scale_jitter)
    else:
        scale = np.sqrt(ratio) * rng.uniform(*params.scale_jitter)
    scale = float(np.clip(scale, *params.scale_limits))
    kc = np.array(ndi.center_of_mass(kid))
    target_left = kc[1] > hu.shape[1] / 2
    off = np.array(les.offset_mm) * scale
    if target_left != les.kidney_left:
        off[1] = -off[1]
    if rng.random() < params.p_exophytic_push:
        radius = np.sqrt(k_area / np.pi)
        d = off / (np.linalg.norm(off) + 1e-6) if np.linalg.norm(off) > 1 else _unit(rng)
        off = off + d * radius * rng.uniform(*params.push_frac)
    centre = kc + off / spacing_mm

    theta = np.deg2rad(rng.uniform(-params.rotation_deg, params.rotation_deg))
    flip = rng.random() < 0.5
    lc = np.array(ndi.center_of_mass(les.mask))
    rr, cc = np.mgrid[0:hu.shape[0], 0:hu.shape[1]].astype(np.float64)
    dr, dc = (rr - centre[0]) * spacing_mm / scale, (cc - centre[1]) * spacing_mm / scale
    if flip:
        dc = -dc
    cos, sin = np.cos(theta), np.sin(theta)
    sr_mm, sc_mm = les.spacing_mm
    src_r = lc[0] + (cos * dr - sin * dc) / sr_mm
    src_c = lc[1] + (sin * dr + cos * dc) / sc_mm
    soft = ndi.map_coordinates(les.mask, [src_r, src_c], order=1, mode="constant", cval=0.0)
    # Partial-volume edge: blur the (already bilinear) mask a little.
    alpha = np.clip(ndi.gaussian_filter(soft, rng.uniform(*params.edge_sigma_px)), 0.0, 1.0)
    inside = alpha > 0.5
    if inside.sum() < params.min_area_px:
        return None
    # A renal lesion touches its kidney, and does not sit on bone.
    # A draw only when both rules are in use, so v1-v3 keep their random sequences.
    by_touch = params.p_touch >= 1.0 or (params.p_touch > 0.0 and rng.random() < params.p_touch)
    if by_touch:
        if not (ndi.binary_dilation(inside, iterations=params.touch_px) & kid).any():
            return None
    else:
        ref_area = min(inside.sum(), kid.sum()) if params.overlap_of_smaller else inside.sum()
        if (inside & kid).sum() < params.min_kidney_overlap * ref_area:
            return None
    if (hu[inside] > params.bone_hu).mean() > 0.03:
        return None

    # Intensities.
    noise_sd = _tissue_noise_sd(hu, kid) if params.noise_from == "tissue" else _noise_sd(hu, kid)
    info = {"kind": kind, "case": les.case, "scale": scale, "area_px": int(inside.sum())}
    if kind == "tumour":
        mean = hu_model.quantile("tumor", rng.uniform(*params.mean_quantiles))
        tex = _smooth_noise(rng, hu.shape, rng.uniform(*params.texture_sigma_px))
        paint = mean + rng.uniform(*params.texture_sd_hu) * tex
        dist = ndi.distance_transform_edt(inside)
        if inside.sum() >= params.necrosis_min_area_px and rng.random() < params.p_necrosis:
            core = (dist > dist.max() * rng.uniform(*params.necrosis_core_frac)) & (
                _smooth_noise(rng, hu.shape, 3.0) > rng.uniform(-0.8, 0.3))
            core = ndi.gaussian_filter(core.astype(np.float64), 1.0)
            paint = paint * (1 - core) + rng.uniform(*params.necrosis_hu) * core
            info["necrosis"] = True
        if rng.random() < params.p_rim:
            w = rng.uniform(*params.rim_width_px)
            rim = np.exp(-np.maximum(dist - 0.5, 0) / w) * inside
            paint = paint + rng.uniform(*params.rim_gain_hu) * rim
            info["rim"] = True
    else:
        mean = hu_model.quantile("cyst", rng.uniform(0.25, 0.75))
        paint = mean + params.cyst_sd_hu * _smooth_noise(rng, hu.shape, 2.0)
        alpha = np.clip(ndi.gaussian_filter(soft, 0.4), 0.0, 1.0)
        inside = alpha > 0.5
    grain = ndi.gaussian_filter(rng.standard_normal(hu.shape), rng.uniform(*params.noise_corr_px))
    paint = paint + noise_sd * grain / (grain.std() + 1e-6)
    new_hu = ((1 - alpha) * hu + alpha * paint).astype(np.float32)
    new_lab = labels.copy()
    new_lab[inside] = TUMOUR if kind == "tumour" else KIDNEY
    info["mean_hu"] = float(mean)
    return new_hu, new_lab, info


def _unit(rng):
    a = rng.uniform(0, 2 * np.pi)
    return np.array([np.sin(a), np.cos(a)])
