"""Synthetic lesions: real KiTS shapes, placed on the kidney, painted with KiTS intensities."""
import numpy as np
import pytest
from scipy import ndimage as ndi

from seg.loaders import shared_data
from seg.synth import HuModel, SynthParams, _noise_sd, _tissue_noise_sd, build_bank, insert_lesion, kidney_components

pytestmark = pytest.mark.skipif(not shared_data().exists(), reason="reference data not found ($SHARED_DATA)")


@pytest.fixture(scope="module")
def bank():
    return build_bank(list(range(0, 300, 15)), per_case=2, seed=0)


@pytest.fixture(scope="module")
def hu_model():
    return HuModel()


def _phantom(rng):
    """A 1.5 mm slice: soft tissue body, fat, two enhancing kidneys (HU like KiTS), noise."""
    hu = np.full((160, 160), -1000.0)
    rr, cc = np.mgrid[0:160, 0:160]
    body = ((rr - 80) / 70) ** 2 + ((cc - 80) / 75) ** 2 < 1
    hu[body] = -90.0
    labels = np.zeros((160, 160), np.uint8)
    for c0 in (45, 115):
        kid = ((rr - 95) / 16) ** 2 + ((cc - c0) / 10) ** 2 < 1
        hu[kid] = 160.0
        labels[kid] = 1
    hu += rng.normal(0, 10, hu.shape) * body
    return hu.astype(np.float32), labels


def _placements(bank, hu_model, rng, params, tries):
    """(HU, labels before, HU after, labels after, info) of each lesion placed on a new phantom."""
    for _ in range(tries):
        hu, labels = _phantom(rng)
        new_hu, new_lab, info = insert_lesion(hu, labels, 1.5, bank, hu_model, rng, params)
        if info:
            yield hu, labels, new_hu, new_lab, info


def test_bank_holds_real_tumours_and_cysts(bank):
    kinds = {l.kind for l in bank.lesions}
    assert kinds == {"tumour", "cyst"}
    for l in bank.lesions:
        assert l.mask.max() == 1 and l.mask.sum() * l.spacing_mm[0] * l.spacing_mm[1] > 20
        assert l.kidney_area_mm2 > l.mask.sum() * l.spacing_mm[0] * l.spacing_mm[1] * 0.99


def test_hu_model_matches_documented_statistics(hu_model):
    assert 40 < hu_model.quantile("tumor", 0.5) < 75      # KiTS tumour ~ 61 HU
    assert 90 < hu_model.quantile("kidney", 0.5) < 140     # kidney ~ 115 HU
    assert hu_model.quantile("cyst", 0.5) < hu_model.quantile("tumor", 0.5)


def test_tumour_is_painted_on_a_kidney_with_tumour_intensities(bank, hu_model):
    rng = np.random.default_rng(3)
    params = SynthParams(p_cyst=0.0)
    placed = 0
    for _ in range(20):
        hu, labels = _phantom(rng)
        before_hu, before_lab = hu.copy(), labels.copy()
        new_hu, new_lab, info = insert_lesion(hu, labels, 1.5, bank, hu_model, rng, params)
        np.testing.assert_array_equal(hu, before_hu)          # inputs untouched
        np.testing.assert_array_equal(labels, before_lab)
        if not info:
            continue
        placed += 1
        t = new_lab == 2
        assert info["kind"] == "tumour" and t.sum() >= params.min_area_px
        assert (t & (labels == 1)).sum() >= params.min_kidney_overlap * t.sum() - 1
        core = ndi.binary_erosion(t, iterations=2)
        if core.sum() > 20:
            assert -60 < new_hu[core].mean() < 260
            assert abs(new_hu[core].mean() - 160.0) > 5 or new_hu[core].std() > 5   # not the kidney left as is
        assert np.all(new_lab[labels == 0][new_lab[labels == 0] != 2] == 0)
    assert placed >= 15


def test_cysts_stay_kidney_and_are_dark(bank, hu_model):
    rng = np.random.default_rng(4)
    params = SynthParams(p_cyst=1.0)
    seen = 0
    for hu, labels, new_hu, new_lab, info in _placements(bank, hu_model, rng, params, 15):
        seen += 1
        assert info["kind"] == "cyst" and not (new_lab == 2).any()
        changed = ndi.binary_erosion(np.abs(new_hu - hu) > 40, iterations=1) & (labels == 1)
        if changed.sum() > 10:
            assert new_hu[changed].mean() < 90
    assert seen >= 10


def test_synthesis_is_deterministic_for_a_seed(bank, hu_model):
    hu, labels = _phantom(np.random.default_rng(0))
    a = insert_lesion(hu, labels, 1.5, bank, hu_model, np.random.default_rng(9))
    b = insert_lesion(hu, labels, 1.5, bank, hu_model, np.random.default_rng(9))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


def test_no_kidney_no_lesion(bank, hu_model):
    hu = np.zeros((64, 64), np.float32)
    labels = np.zeros((64, 64), np.uint8)
    out_hu, out_lab, info = insert_lesion(hu, labels, 1.5, bank, hu_model, np.random.default_rng(0))
    assert info == {} and out_hu is hu and out_lab is labels
    assert kidney_components(labels) == []


def test_bank_of_every_level_keeps_caps_and_parts_beside_the_kidney():
    cases = list(range(0, 300, 15))
    widest = build_bank(cases, per_case=6, seed=0)
    every = build_bank(cases, per_case=6, seed=0, levels="all")
    tumours = every.of_kind("tumour")
    # Caps: cross-sections far smaller than the widest ones of the same lesion.
    def small(bank):
        out = 0
        for l in bank.of_kind("tumour"):
            same = [m.mask.sum() for m in bank.of_kind("tumour") if m.case == l.case]
            out += l.mask.sum() < max(same) / 3
        return out
    assert small(widest) == 0 and small(every) > 0
    # A lesion apart from its kidney at its level keeps a real offset (from the nearest kidney),
    # not zero, and that kidney's area counts in the cross-section.
    far = [l for l in tumours if np.hypot(*l.offset_mm) > 30]
    assert far
    for l in tumours:
        assert l.kidney_area_mm2 >= l.mask.sum() * l.spacing_mm[0] * l.spacing_mm[1] * 0.99


def test_v3_placements_touch_the_kidney_and_may_lie_beside_it(hu_model):
    bank = build_bank(list(range(0, 300, 10)), per_case=6, seed=0, levels="all")
    rng = np.random.default_rng(5)
    params = SynthParams.v3()
    params.p_cyst = 0.0
    placed, beside = 0, 0
    for _, labels, _, new_lab, _ in _placements(bank, hu_model, rng, params, 60):
        placed += 1
        t = new_lab == 2
        assert (ndi.binary_dilation(t, iterations=params.touch_px) & (labels == 1)).any()
        beside += (t & (labels == 1)).sum() < 0.2 * min(t.sum(), (labels == 1).sum())
    assert placed >= 30
    assert beside > 0          # what the overlap rule of v1/v2 never makes


def test_versions_differ_only_where_documented():
    v2, v3 = SynthParams.v2(), SynthParams.v3()
    assert (v3.bank_levels, v3.p_touch, SynthParams.v4().p_touch) == ("all", 1.0, 0.3)
    v3.bank_levels, v3.p_touch = v2.bank_levels, v2.p_touch
    assert v3 == v2
    v5 = SynthParams.of_version(5)
    assert v5.noise_from == "tissue" and v2.noise_from == "kidney"
    v5.noise_from = v2.noise_from
    assert v5 == v2
    assert SynthParams.of_version(1) == SynthParams()


def _textured_phantom(rng, noise_hu=10.0):
    """`_phantom` with muscles behind the kidneys and a kidney with cortex and medulla (a fine
    pattern of +-40 HU, much stronger than the image noise)."""
    hu = np.full((160, 160), -1000.0)
    rr, cc = np.mgrid[0:160, 0:160]
    body = ((rr - 80) / 70) ** 2 + ((cc - 80) / 75) ** 2 < 1
    hu[body] = -90.0
    hu[(rr > 118) & (rr < 142) & (cc > 45) & (cc < 115)] = 50.0    # back muscles
    labels = np.zeros((160, 160), np.uint8)
    for c0 in (35, 125):
        kid = ((rr - 95) / 16) ** 2 + ((cc - c0) / 10) ** 2 < 1
        hu[kid] = 150.0 + 40.0 * np.sign(np.sin(rr[kid] * 1.3) * np.sin(cc[kid] * 1.1))
        labels[kid] = 1
    hu += rng.normal(0, noise_hu, hu.shape) * body
    return hu.astype(np.float32), labels


def test_image_noise_is_measured_on_soft_tissue_not_on_the_kidneys_texture():
    hu, labels = _textured_phantom(np.random.default_rng(0), noise_hu=10.0)
    kidney = labels == 1
    assert _noise_sd(hu, kidney) > 25                        # the cortex/medulla pattern
    assert 7.0 < _tissue_noise_sd(hu, kidney) < 13.0         # the image noise (10 HU)
    # A slice without soft tissue falls back to the kidney's texture.
    flat = np.where(labels == 1, hu, -90.0).astype(np.float32)
    assert _tissue_noise_sd(flat, kidney) == _noise_sd(flat, kidney)


def test_v5_paints_lesions_at_the_image_noise_level(bank, hu_model):
    """The fine residual inside a painted tumour (no texture, necrosis or rim) follows the image
    noise with v5 and the kidney's texture with v2: v2 lesions stand out by their grain alone."""
    def grain(version):
        params = SynthParams.of_version(version)
        params.p_cyst, params.p_necrosis, params.p_rim = 0.0, 0.0, 0.0
        params.texture_sd_hu, params.noise_corr_px = (0.0, 0.0), (0.0, 0.0)
        sds = []
        rng = np.random.default_rng(11)
        for _ in range(30):
            hu, labels = _textured_phantom(rng)
            new_hu, new_lab, info = insert_lesion(hu, labels, 1.5, bank, hu_model, rng, params)
            core = ndi.binary_erosion(new_lab == 2, iterations=3)
            if info and core.sum() > 30:
                sds.append(_noise_sd(new_hu, core))
        assert len(sds) >= 5
        return float(np.median(sds))
    assert grain(5) < 15.0 < 25.0 < grain(2)
