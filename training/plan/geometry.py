"""Features of a kidney/tumour label volume: the nephrometry-style geometry and the image crop of
the largest-tumour axial slice. ``src/core/planning`` implements exactly the same steps in
TypeScript; the parity test compares the two on real masks, so change both together.

Steps (all on the *canonical grid*: array axes x → patient left, y → posterior, z → superior,
the nearest axis-aligned reorientation of the mask, voxel centres at ``index * spacing`` mm):

1. Labels: 1 kidney and 3 cyst count as kidney, 2 is tumour.
2. ``T``, the tumour: the largest connected component (6-connectivity) of tumour voxels (the
   first met in x-fastest order on a tie). ``K``, its kidney: the kidney voxels of the connected component
   of all labelled voxels that contains ``T``.
3. Features (see :data:`GEOMETRY_FEATURES`), only relative to kidney and tumour, because KiTS
   masks are cropped and positions in the body are unknown.
4. Crop: the axial slice with the most ``T`` voxels (ties: the lowest z), centred on the bounding
   box of ``K ∪ T`` in that slice, sampled bilinearly at ``spacing_mm`` on a ``size_px`` square;
   channels kidney (``K``), tumour (``T``) and optionally CT. Samples outside the slice are 0.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import numpy as np
from scipy import ndimage

__all__ = [
    "GEOMETRY_FEATURES", "CropSpec", "CanonicalMask", "canonicalize", "load_mask",
    "tumour_kidney", "geometry_features", "largest_slice_crop", "sphere_directions",
    "circle_directions",
]

#: Geometry features in model order, with what they mean.
GEOMETRY_FEATURES = {
    "logTumourVolumeMl": "natural log of the tumour volume (ml)",
    "maxDiameterMm": ("largest 3D diameter of the tumour (caliper over 64 directions, at least the "
                      "largest axial diameter), mm"),
    "largestAxialDiameterMm": "largest in-plane diameter over all axial slices, mm",
    "exophyticFraction": "share of the tumour surface facing background rather than kidney",
    "polarPosition": "|tumour - kidney centroid| along z over the kidney's half-length",
    "anteroposteriorPosition": "(tumour - kidney centroid) along y (+ posterior) over half-depth",
    "centreDistanceMm": "distance from the kidney centroid to the nearest tumour voxel, mm",
    "tumourFraction": "tumour voxels / (tumour + kidney voxels) of the tumour-bearing kidney",
}

N_SPHERE_DIRECTIONS = 64
N_CIRCLE_DIRECTIONS = 64


@dataclass
class CropSpec:
    size_px: int = 48
    spacing_mm: float = 3.5
    channels: tuple = ("kidney", "tumour")
    ct_window_hu: tuple = (-200.0, 300.0)


@dataclass
class CanonicalMask:
    labels: np.ndarray  # uint8 [nx, ny, nz]
    spacing_mm: np.ndarray  # [sx, sy, sz]


def canonicalize(data: np.ndarray, lps_axes: np.ndarray) -> CanonicalMask:
    """Reorients an array to the canonical grid.

    Args:
        data: the voxel array, axes as stored.
        lps_axes: 3x3, column ``a`` is the LPS step (mm) of one voxel along array axis ``a``.
    Raises:
        ValueError: when two array axes point along the same patient axis.
    """
    perm = [-1, -1, -1]
    flips = [False, False, False]
    spacing = np.zeros(3)
    for a in range(3):
        v = lps_axes[:, a]
        w = int(np.argmax(np.abs(v)))
        if perm[w] != -1:
            raise ValueError("mask orientation has two axes along one patient axis")
        perm[w] = a
        flips[w] = bool(v[w] < 0)
        spacing[w] = float(np.linalg.norm(v))
    out = np.transpose(data, perm)
    for w in range(3):
        if flips[w]:
            out = np.flip(out, axis=w)
    return CanonicalMask(np.ascontiguousarray(out, dtype=np.uint8), spacing)


def load_mask(path) -> CanonicalMask:
    """Reads a NIfTI label volume (any orientation) onto the canonical grid."""
    import nibabel as nib

    img = nib.load(str(path))
    data = np.asarray(img.dataobj).astype(np.uint8)
    ras_to_lps = np.diag([-1.0, -1.0, 1.0])
    return canonicalize(data, ras_to_lps @ img.affine[:3, :3])


def tumour_kidney(mask: CanonicalMask) -> tuple[np.ndarray, np.ndarray]:
    """Boolean ``K`` (kidney of the tumour-bearing component) and ``T`` (its tumour)."""
    lab = mask.labels
    tumours, n_t = ndimage.label(lab == 2)
    if n_t == 0:
        raise ValueError("the mask has no tumour (label 2)")
    sizes = np.bincount(tumours.ravel())
    sizes[0] = 0
    best = np.flatnonzero(sizes == sizes.max())
    if len(best) > 1:
        # Tie: the component met first in x-fastest order (the TypeScript scan order).
        firsts = [np.ravel_multi_index(np.argwhere(tumours == b).T, lab.shape, order="F").min()
                  for b in best]
        best = best[int(np.argmin(firsts))]
    t = tumours == int(np.asarray(best).ravel()[0])
    comp, _ = ndimage.label(lab > 0)
    in_comp = comp == comp[tuple(np.argwhere(t)[0])]
    kidney = in_comp & ((lab == 1) | (lab == 3))
    if not kidney.any():
        raise ValueError("the tumour does not touch any kidney (label 1 or 3)")
    return kidney, t


def sphere_directions(n: int = N_SPHERE_DIRECTIONS) -> np.ndarray:
    """``n`` unit vectors on a Fibonacci half-sphere (z > 0), [n, 3]."""
    golden = math.pi * (3.0 - math.sqrt(5.0))
    out = np.zeros((n, 3))
    for i in range(n):
        z = 1.0 - (i + 0.5) / n
        r = math.sqrt(1.0 - z * z)
        out[i] = (r * math.cos(i * golden), r * math.sin(i * golden), z)
    return out


def circle_directions(n: int = N_CIRCLE_DIRECTIONS) -> np.ndarray:
    """``n`` unit vectors over half a circle, [n, 2]."""
    a = np.pi * np.arange(n) / n
    return np.stack([np.cos(a), np.sin(a)], axis=1)


def _row_endpoints(t: np.ndarray) -> np.ndarray:
    """Voxel indices [m, 3] of the first and last tumour voxel of every x-row.

    The extreme projections of a voxel set onto any direction lie among these points.
    """
    has = t.any(axis=0)  # [ny, nz]
    first = np.argmax(t, axis=0)
    last = t.shape[0] - 1 - np.argmax(t[::-1], axis=0)
    ys, zs = np.nonzero(has)
    a = np.stack([first[ys, zs], ys, zs], axis=1)
    b = np.stack([last[ys, zs], ys, zs], axis=1)
    return np.concatenate([a, b], axis=0)


def _surface_areas(t: np.ndarray, labels: np.ndarray, spacing: np.ndarray) -> tuple[float, float]:
    """Tumour surface area (mm²) facing background (label 0 or outside the volume) and facing
    kidney (labels 1, 3), face by face; faces towards another tumour are not counted."""
    sx, sy, sz = spacing
    face_area = (sy * sz, sx * sz, sx * sy)
    background = labels == 0
    kidney = (labels == 1) | (labels == 3)
    bg_area = 0.0
    kid_area = 0.0
    for axis in range(3):
        for shift in (1, -1):
            nb_bg = np.ones_like(t)
            nb_kid = np.zeros_like(t)
            src = [slice(None)] * 3
            dst = [slice(None)] * 3
            if shift == 1:
                dst[axis], src[axis] = slice(0, -1), slice(1, None)
            else:
                dst[axis], src[axis] = slice(1, None), slice(0, -1)
            nb_bg[tuple(dst)] = background[tuple(src)]
            nb_kid[tuple(dst)] = kidney[tuple(src)]
            bg_area += int(np.count_nonzero(t & nb_bg)) * face_area[axis]
            kid_area += int(np.count_nonzero(t & nb_kid)) * face_area[axis]
    return bg_area, kid_area


def geometry_features(mask: CanonicalMask) -> dict[str, float]:
    """The features of :data:`GEOMETRY_FEATURES` for one mask (values in that order)."""
    kidney, t = tumour_kidney(mask)
    sp = mask.spacing_mm
    voxel_ml = float(sp[0] * sp[1] * sp[2]) / 1000.0
    n_t = int(np.count_nonzero(t))
    n_k = int(np.count_nonzero(kidney))

    ends_mm = _row_endpoints(t) * sp
    proj = ends_mm @ sphere_directions().T
    max_diam = float(np.max(proj.max(axis=0) - proj.min(axis=0)))

    proj2 = ends_mm[:, :2] @ circle_directions().T  # [m, n]
    z = _row_endpoints(t)[:, 2]
    axial = 0.0
    for zi in np.unique(z):
        p = proj2[z == zi]
        axial = max(axial, float(np.max(p.max(axis=0) - p.min(axis=0))))

    bg, kid = _surface_areas(t, mask.labels, sp)

    k_idx = np.argwhere(kidney)
    t_idx = np.argwhere(t)
    k_c = k_idx.mean(axis=0) * sp
    t_c = t_idx.mean(axis=0) * sp
    half = (k_idx.max(axis=0) - k_idx.min(axis=0) + 1) * sp / 2.0
    dist = np.sqrt((((t_idx * sp) - k_c) ** 2).sum(axis=1)).min()

    return {
        "logTumourVolumeMl": math.log(n_t * voxel_ml),
        "maxDiameterMm": max(max_diam, axial),
        "largestAxialDiameterMm": axial,
        "exophyticFraction": bg / (bg + kid) if bg + kid > 0 else 0.0,
        "polarPosition": abs(t_c[2] - k_c[2]) / half[2],
        "anteroposteriorPosition": (t_c[1] - k_c[1]) / half[1],
        "centreDistanceMm": float(dist),
        "tumourFraction": n_t / (n_t + n_k),
    }


def _sample_axis(n: int, centre: float, size: int, step: float):
    """Source indices and weights of a separable bilinear resampling along one axis."""
    pos = centre + (np.arange(size) - (size - 1) / 2.0) * step
    inside = (pos >= 0) & (pos <= n - 1)
    p0 = np.clip(np.floor(pos), 0, n - 1).astype(int)
    p1 = np.clip(p0 + 1, 0, n - 1)
    f = pos - np.floor(pos)
    return p0, p1, f, inside


def _bilinear(img: np.ndarray, ry, cx) -> np.ndarray:
    """Samples ``img[y, x]`` on the separable grid; 0 outside."""
    y0, y1, fy, iny = ry
    x0, x1, fx, inx = cx
    a = img[np.ix_(y0, x0)] * np.outer(1 - fy, 1 - fx) + img[np.ix_(y0, x1)] * np.outer(1 - fy, fx)
    b = img[np.ix_(y1, x0)] * np.outer(fy, 1 - fx) + img[np.ix_(y1, x1)] * np.outer(fy, fx)
    return (a + b) * np.outer(iny, inx)


def largest_slice_crop(mask: CanonicalMask, spec: CropSpec, ct: Optional[np.ndarray] = None
                       ) -> np.ndarray:
    """The image branch input, float32 [size_px, size_px, channels] (rows anterior → posterior,
    columns patient right → left).

    Args:
        mask: canonical label volume.
        spec: crop size, spacing and channel list.
        ct: optional HU volume on the same canonical grid, required when ``"ct"`` is a channel.
    """
    kidney, t = tumour_kidney(mask)
    k = int(np.argmax(t.sum(axis=(0, 1))))
    both = kidney[:, :, k] | t[:, :, k]
    xs, ys = np.nonzero(both)
    cx = (xs.min() + xs.max()) / 2.0
    cy = (ys.min() + ys.max()) / 2.0
    sx, sy = mask.spacing_mm[0], mask.spacing_mm[1]
    nx, ny = both.shape
    ry = _sample_axis(ny, cy, spec.size_px, spec.spacing_mm / sy)
    rx = _sample_axis(nx, cx, spec.size_px, spec.spacing_mm / sx)

    planes = []
    for name in spec.channels:
        if name == "kidney":
            src = kidney[:, :, k].T.astype(np.float64)
        elif name == "tumour":
            src = t[:, :, k].T.astype(np.float64)
        elif name == "ct":
            if ct is None:
                raise ValueError("the crop asks for a CT channel but no CT was given")
            lo, hi = spec.ct_window_hu
            src = (np.clip(ct[:, :, k].T.astype(np.float64), lo, hi) - lo) / (hi - lo)
        else:
            raise ValueError(f"unknown crop channel {name!r}")
        planes.append(_bilinear(src, ry, rx))
    return np.stack(planes, axis=-1).astype(np.float32)
