"""Spatial and intensity augmentation of grid slices (HU in, network input out).

Spatial: a random crop centre (mostly near a kidney), isotropic scale with a little anisotropy,
rotation, optional elastic deformation, one `map_coordinates` call. Intensity (in HU, before the
window): contrast and brightness, Gaussian noise, blur, a low-resolution simulation, clipping to
[0, 255] (what the 8-bit slice sets did); gamma after the window. No left-right flips: the
canonical orientation is an anatomical prior. Works with: train (sampling), manifest (window).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

import numpy as np
from scipy import ndimage as ndi

__all__ = ["AugParams", "augment"]


@dataclass
class AugParams:
    crop_px: int = 160
    p_near_kidney: float = 0.8
    scale: Tuple[float, float] = (0.7, 1.4)
    anisotropy: float = 0.1
    rotation_deg: float = 20.0
    p_elastic: float = 0.3
    elastic_alpha_px: Tuple[float, float] = (4.0, 10.0)
    elastic_sigma_px: Tuple[float, float] = (8.0, 14.0)
    contrast: Tuple[float, float] = (0.8, 1.2)
    brightness_hu: Tuple[float, float] = (-25.0, 25.0)
    p_noise: float = 0.4
    noise_sd_hu: Tuple[float, float] = (2.0, 25.0)
    p_blur: float = 0.2
    blur_sigma_px: Tuple[float, float] = (0.4, 1.2)
    p_lowres: float = 0.15
    p_clip: float = 0.5
    p_gamma: float = 0.3
    gamma: Tuple[float, float] = (0.7, 1.5)


def augment(hu: np.ndarray, labels: np.ndarray, rng: np.random.Generator, p: AugParams,
            outside_hu: float) -> Tuple[np.ndarray, np.ndarray]:
    """Return (HU crop, label crop), both crop_px x crop_px, before windowing."""
    s = hu.shape[0]
    n = p.crop_px
    fg = np.argwhere(labels > 0)
    if len(fg) and rng.random() < p.p_near_kidney:
        centre = fg[rng.integers(len(fg))] + rng.normal(0, 15, 2)
    else:
        centre = rng.uniform(n / 3, s - n / 3, 2)
    zoom = rng.uniform(*p.scale)
    aniso = rng.uniform(1 - p.anisotropy, 1 + p.anisotropy)
    theta = np.deg2rad(rng.uniform(-p.rotation_deg, p.rotation_deg))
    a = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]) @ np.diag([zoom * aniso, zoom / aniso])
    g = np.mgrid[0:n, 0:n].astype(np.float64).reshape(2, -1) - (n - 1) / 2
    coords = (a @ g) + centre[:, None]
    coords = coords.reshape(2, n, n)
    if rng.random() < p.p_elastic:
        sigma = rng.uniform(*p.elastic_sigma_px)
        alpha = rng.uniform(*p.elastic_alpha_px)
        for d in range(2):
            f = ndi.gaussian_filter(rng.standard_normal((n, n)), sigma)
            coords[d] += alpha * f / (np.abs(f).max() + 1e-6)
    out_hu = ndi.map_coordinates(hu, coords, order=1, mode="constant", cval=outside_hu)
    out_lab = ndi.map_coordinates(labels, coords, order=0, mode="constant", cval=0).astype(np.uint8)

    body = out_hu > outside_hu + 1
    out_hu = np.where(body, (out_hu - 40.0) * rng.uniform(*p.contrast) + 40.0 + rng.uniform(*p.brightness_hu), out_hu)
    if rng.random() < p.p_lowres:
        f = rng.uniform(1.5, 2.5)
        small = ndi.zoom(out_hu, 1 / f, order=1)
        out_hu = ndi.zoom(small, np.array(out_hu.shape) / np.array(small.shape), order=1)
    if rng.random() < p.p_blur:
        out_hu = ndi.gaussian_filter(out_hu, rng.uniform(*p.blur_sigma_px))
    if rng.random() < p.p_noise:
        out_hu = out_hu + body * rng.normal(0, rng.uniform(*p.noise_sd_hu), out_hu.shape)
    if rng.random() < p.p_clip:
        out_hu = np.clip(out_hu, 0.0, 255.0)
    return out_hu.astype(np.float32), out_lab
