"""Geometry features and the crop on synthetic masks with known answers."""
import math

import numpy as np
import pytest

from plan.geometry import (CanonicalMask, CropSpec, canonicalize, geometry_features,
                           largest_slice_crop, tumour_kidney)

SP = np.array([1.0, 1.0, 2.0])


def phantom(centre=(30, 20, 20), radius=6.0, shape=(60, 40, 40)):
    """A box kidney (x 15–44, y 10–29, z 5–34) and a spherical tumour (radius in mm)."""
    lab = np.zeros(shape, np.uint8)
    lab[15:45, 10:30, 5:35] = 1
    x, y, z = np.meshgrid(*[np.arange(n) for n in shape], indexing="ij")
    d = np.sqrt(((x - centre[0]) * SP[0]) ** 2 + ((y - centre[1]) * SP[1]) ** 2
                + ((z - centre[2]) * SP[2]) ** 2)
    lab[d <= radius] = 2
    return CanonicalMask(lab, SP.copy())


def test_embedded_sphere():
    f = geometry_features(phantom())
    n = np.count_nonzero(phantom().labels == 2)
    assert f["logTumourVolumeMl"] == pytest.approx(math.log(n * 2 / 1000))
    assert f["maxDiameterMm"] == pytest.approx(12.0, abs=1.5)
    assert f["largestAxialDiameterMm"] == pytest.approx(12.0, abs=1.0)
    assert f["exophyticFraction"] == 0.0
    assert f["polarPosition"] < 0.1
    assert f["centreDistanceMm"] < 1.5  # the tumour contains the kidney's centre


def test_exophytic_polar_posterior_tumour():
    # Centred on the kidney's posterior surface (y = 29.5) near its upper pole (z = 30).
    f = geometry_features(phantom(centre=(30, 30, 30)))
    assert 0.3 < f["exophyticFraction"] < 0.7
    assert f["polarPosition"] > 0.6
    assert f["anteroposteriorPosition"] > 0.5
    assert f["centreDistanceMm"] > 15


def test_independent_of_storage_orientation():
    m = phantom(centre=(25, 28, 12))
    ref = geometry_features(m)
    # Store as [z, -x, y]: array axis 0 runs superior, 1 towards the right, 2 posterior.
    data = np.flip(m.labels, axis=0).transpose(2, 0, 1)
    axes = np.zeros((3, 3))
    axes[2, 0], axes[0, 1], axes[1, 2] = SP[2], -SP[0], SP[1]
    moved = canonicalize(data, axes)
    assert np.array_equal(moved.labels, m.labels)
    assert geometry_features(moved) == pytest.approx(ref)


def test_largest_tumour_and_its_kidney():
    m = phantom()
    m.labels[0:4, 0:4, 0:4] = 2  # a small second tumour, outside any kidney
    m.labels[50:58, 30:38, 30:38] = 1  # a second kidney, not touching the tumour
    kidney, t = tumour_kidney(m)
    assert not t[0:4, 0:4, 0:4].any()
    assert not kidney[50:58, 30:38, 30:38].any()
    assert kidney.sum() == np.count_nonzero(m.labels[15:45, 10:30, 5:35] == 1)


def test_errors():
    m = phantom()
    m.labels[m.labels == 2] = 1
    with pytest.raises(ValueError, match="no tumour"):
        tumour_kidney(m)
    m = phantom()
    m.labels[m.labels == 1] = 0
    with pytest.raises(ValueError, match="touch"):
        tumour_kidney(m)


def test_crop_is_centred_and_oriented():
    m = phantom(centre=(30, 20, 20))
    crop = largest_slice_crop(m, CropSpec(size_px=48, spacing_mm=1.0))
    assert crop.shape == (48, 48, 2)
    # Kidney box 30 × 20 mm centred in the crop: rows (y) 14–33, columns (x) 9–38.
    kid = crop[..., 0] + crop[..., 1]
    rows = np.flatnonzero(kid.max(axis=1) > 0.5)
    cols = np.flatnonzero(kid.max(axis=0) > 0.5)
    assert (rows[0], rows[-1]) == (14, 33)
    assert (cols[0], cols[-1]) == (9, 38)
    assert crop[..., 1].sum() == pytest.approx(math.pi * 36, rel=0.15)
    with pytest.raises(ValueError, match="CT"):
        largest_slice_crop(m, CropSpec(channels=("kidney", "tumour", "ct")))
    ct = np.full(m.labels.shape, 300.0)
    three = largest_slice_crop(m, CropSpec(size_px=48, spacing_mm=1.0,
                                           channels=("kidney", "tumour", "ct")), ct=ct)
    assert three[24, 24, 2] == pytest.approx(1.0)
    assert three[0, 0, 2] == 0.0  # outside the slice
