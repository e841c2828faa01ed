"""The manifest preprocessing: exact bilinear resampling, window, backward mapping."""
import numpy as np
import pytest
from scipy import ndimage as ndi

from seg.manifest import (Manifest, load_manifest, preprocess, resample_backward, resample_forward, window,
                          labels_on_source)


def _manifest(size=8, spacing=1.0, lo=0.0, hi=255.0):
    raw = {"labels": ["background", "kidney", "tumour"], "version": "test"}
    return Manifest(raw=raw, size_px=size, spacing_mm=spacing, window_hu=(lo, hi), outside_value_hu=-1000.0,
                    unknown_spacing_mm=0.78, labels=("background", "kidney", "tumour"))


def test_shipped_manifest_window_inside_0_255_and_fields():
    m = load_manifest()
    assert 0 <= m.window_hu[0] < m.window_hu[1] <= 255
    assert m.labels == ("background", "kidney", "tumour")
    assert m.raw["input"]["layout"] == "NHWC" and m.raw["output"] == "softmax"
    assert m.size_px % 16 == 0


def test_forward_is_identity_on_same_grid():
    img = np.random.default_rng(0).normal(0, 100, (8, 8))
    out = resample_forward(img, (1.0, 1.0), _manifest())
    np.testing.assert_allclose(out, img, atol=1e-12)


def test_forward_matches_scipy_map_coordinates():
    rng = np.random.default_rng(1)
    img = rng.normal(50, 80, (37, 53))
    m = _manifest(size=64, spacing=0.9)
    sr, sc = 0.7, 0.8
    out = resample_forward(img, (sr, sc), m)
    k = np.arange(64) - 31.5
    rs = 18 + k * 0.9 / sr
    cs = 26 + k * 0.9 / sc
    rr, cc = np.meshgrid(rs, cs, indexing="ij")
    ref = ndi.map_coordinates(img, [rr, cc], order=1, mode="constant", cval=-1000.0)
    inside = (rr >= 0) & (rr <= 36) & (cc >= 0) & (cc <= 52)
    np.testing.assert_allclose(out[inside], ref[inside], atol=1e-9)
    assert np.all(out[~inside] == -1000.0)
    assert inside.sum() > 1000 and (~inside).sum() > 100


def test_window_and_clipping_invariance_without_resampling():
    m = _manifest()
    hu = np.random.default_rng(2).normal(40, 400, (8, 8))
    x = window(hu, m)
    assert x.min() >= 0 and x.max() <= 1 and x.dtype == np.float32
    np.testing.assert_array_equal(preprocess(hu, (1.0, 1.0), m), preprocess(np.clip(hu, 0, 255), (1.0, 1.0), m))


def test_backward_inverts_forward_on_smooth_maps_and_marks_outside_background():
    m = _manifest(size=32, spacing=2.0)
    h, w, sr, sc = 40, 50, 1.0, 1.0
    probs = np.zeros((32, 32, 3))
    probs[..., 0] = 1
    probs[8:24, 8:24, 0] = 0
    probs[8:24, 8:24, 1] = 1
    lab = labels_on_source(probs, (h, w), (sr, sc), m)
    assert lab.shape == (h, w)
    # The square [8, 24) at 2 mm about the target centre covers source rows ~ 19.5 +- 16.
    assert lab[20, 25] == 1 and lab[0, 0] == 0
    assert 25 * 25 < (lab == 1).sum() < 35 * 35
    back = resample_backward(probs, (h, w), (sr, sc), _manifest(size=32, spacing=0.5))
    assert np.allclose(back[0, 0], [1, 0, 0])  # outside the 16 mm network field of view


def test_ties_go_to_lower_label():
    m = _manifest(size=4)
    probs = np.full((4, 4, 3), 1 / 3)
    assert np.all(labels_on_source(probs, (4, 4), (1.0, 1.0), m) == 0)


def test_shipped_manifest_gives_clipped_ircadb_slices_the_raw_input():
    """The 8-bit slice sets store HU clipped to [0, 255]; the shipped preprocessing must not see it."""
    from seg.loaders import load_ircadb

    m = load_manifest()
    assert m.window_before_resampling
    v = load_ircadb()
    sp = (float(v.spacing_mm[1]), float(v.spacing_mm[2]))
    for k in (30, 64, 100):
        raw = v.data[k].astype(np.float64)
        np.testing.assert_array_equal(preprocess(raw, sp, m), preprocess(np.clip(raw, 0, 255), sp, m))
    # Resampling first and windowing after would not be exact: the flag is what makes it so.
    m_after = Manifest(**{**m.__dict__, "window_before_resampling": False})
    raw = v.data[64].astype(np.float64)
    assert not np.array_equal(preprocess(raw, sp, m_after), preprocess(np.clip(raw, 0, 255), sp, m_after))
