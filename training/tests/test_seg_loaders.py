"""Every reference source loads in the canonical orientation with its mask over the image.

Orientation is checked by anatomy (left kidney on the image right, liver on the image left,
kidneys posterior to the body centre); alignment by statistics (HU inside the mask against a
ring around it). The data are read in place from $SHARED_DATA (default ../shared/data).
"""
import numpy as np
import pytest
from scipy import ndimage as ndi

from seg.loaders import (_canonical_from_dicom_axes, _read_index, load_curvas, load_dicom_series, load_ircadb,
                         load_kits_mask, load_kits_tumour_slices, load_nifti_canonical, load_totalseg, shared_data)

pytestmark = pytest.mark.skipif(not shared_data().exists(), reason="reference data not found ($SHARED_DATA)")


def _ring(mask, width=4):
    return ndi.binary_dilation(mask, iterations=width) & ~ndi.binary_dilation(mask, iterations=1)


def _body_centre(hu, threshold=-300.0):
    body = ndi.binary_fill_holes(ndi.binary_closing(hu > threshold, iterations=5))
    return np.array(ndi.center_of_mass(body))


@pytest.fixture(scope="module")
def ircadb():
    return load_ircadb()


def test_ircadb_geometry(ircadb):
    assert ircadb.data.shape == (129, 512, 512)
    assert ircadb.spacing_mm[1] == pytest.approx(0.57, abs=1e-3)
    assert ircadb.spacing_mm[0] == pytest.approx(1.6, abs=1e-3)


def test_ircadb_left_kidney_on_image_right_and_posterior(ircadb):
    root = shared_data() / "ct" / "ircadb-01" / "MASKS_DICOM"
    left = load_dicom_series(root / "leftkidney", rescale=False).data > 0
    right = load_dicom_series(root / "rightkidney", rescale=False).data > 0
    _, _, cl = np.nonzero(left)
    _, _, cr = np.nonzero(right)
    assert cl.mean() > 256 > cr.mean()
    k = int(np.argmax(left.sum((1, 2))))
    assert ndi.center_of_mass(left[k] | right[k])[0] > _body_centre(ircadb.data[k])[0]


def test_ircadb_mask_over_enhancing_kidney(ircadb):
    kid = ircadb.labels > 0
    k = int(np.argmax(kid.sum((1, 2))))
    inside = ircadb.data[k][kid[k]].mean()
    ring = ircadb.data[k][_ring(kid[k])].mean()
    assert 100 < inside < 300
    assert inside > ring + 60


def test_totalseg_nifti_orientation_and_alignment():
    v = load_totalseg()
    seg = v.meta_seg
    assert v.data.shape == seg.shape and v.spacing_mm == (3.0, 3.0, 3.0)
    _, _, c_right = np.nonzero(seg == 2)
    _, _, c_left = np.nonzero(seg == 3)
    assert c_left.mean() > v.data.shape[2] / 2 > c_right.mean()
    kid = v.labels > 0
    k = int(np.argmax(kid.sum((1, 2))))
    assert ndi.center_of_mass(kid[k])[0] > _body_centre(v.data[k])[0]
    assert -20 < v.data[kid].mean() < 80          # unenhanced kidney
    assert v.data[k][_ring(kid[k])].mean() < v.data[k][kid[k]].mean() - 20   # perirenal fat darker


def test_nifti_reorientation_is_independent_of_the_stored_axes(tmp_path):
    import nibabel as nib

    rng = np.random.default_rng(0)
    arr = rng.normal(size=(5, 6, 7)).astype(np.float32)  # RAS axes x, y, z
    nib.save(nib.Nifti1Image(arr, np.diag([2.0, 3.0, 4.0, 1.0])), tmp_path / "ras.nii.gz")
    # The same voxels stored as LPI with axes permuted (z, x, y).
    lpi = arr[::-1, ::-1, ::-1].transpose(2, 0, 1)
    aff = np.zeros((4, 4))
    aff[0, 1], aff[1, 2], aff[2, 0], aff[3, 3] = -2.0, -3.0, -4.0, 1.0
    nib.save(nib.Nifti1Image(np.ascontiguousarray(lpi), aff), tmp_path / "lpi.nii.gz")
    a = load_nifti_canonical(tmp_path / "ras.nii.gz")
    b = load_nifti_canonical(tmp_path / "lpi.nii.gz")
    np.testing.assert_array_equal(a.data, b.data)
    assert a.spacing_mm == b.spacing_mm == (4.0, 3.0, 2.0)
    # Canonical [slice, row, column]: columns run to patient left, i.e. against RAS x.
    np.testing.assert_array_equal(a.data[0, 0, 0], arr[-1, -1, 0])


def test_dicom_axes_flip_and_transpose():
    arr = np.arange(24, dtype=np.float32).reshape(1, 4, 6)
    x, y = np.array([1.0, 0, 0]), np.array([0, 1.0, 0])
    same, _ = _canonical_from_dicom_axes(arr, x, y)
    np.testing.assert_array_equal(same, arr)
    flipped, _ = _canonical_from_dicom_axes(arr, -x, -y)
    np.testing.assert_array_equal(flipped, arr[:, ::-1, ::-1])
    swapped, was = _canonical_from_dicom_axes(arr, y, x)
    assert was
    np.testing.assert_array_equal(swapped, arr.transpose(0, 2, 1))


def test_jpeg2000_dicom_series_decodes_to_hu():
    v = load_dicom_series(shared_data() / "ct" / "totalseg" / "example_ct_dicom")
    assert v.data.shape[0] == 20 and v.data.shape[1:] == (512, 512)
    assert v.data.min() <= -900 and 900 < v.data.max() < 4000   # air and bone in HU
    centre = _body_centre(v.data[10])
    assert abs(centre[1] - 256) < 80                              # body roughly centred


def test_kits_mask_reoriented_with_spacing():
    v = load_kits_mask(0)
    assert set(np.unique(v.data)) <= {0, 1, 2, 3} and (v.data == 2).any()
    assert v.spacing_mm[1] == v.spacing_mm[2] and v.spacing_mm[0] == pytest.approx(0.5)
    assert v.data.shape == (280, 116, 243)


def test_curvas_orientation_and_alignment():
    slices = load_curvas(0.78)
    assert len(slices) == 108
    assert sum(s.labels.any() for s in slices) == 66
    liver_cols, kidney_vals, ring_vals, kidney_behind_liver = [], [], [], []
    root = shared_data() / "slices" / "curvas"
    for s in slices:
        ann = s.meta["annotator"]
        raw = _read_index(str(root / ann / "labels_index" / (s.name.split(f"{ann}-")[1] + ".png")))
        if (raw == 3).sum() > 500:
            liver_cols.append(np.nonzero(raw == 3)[1].mean())
        if s.labels.sum() > 300:
            kidney_vals.append(s.hu[s.labels > 0].mean())
            ring_vals.append(s.hu[_ring(s.labels > 0)].mean())
        if (raw == 3).sum() > 500 and (raw == 2).sum() > 300:
            kidney_behind_liver.append(ndi.center_of_mass(raw == 2)[0] > ndi.center_of_mass(raw == 3)[0])
    assert np.median(liver_cols) < 256            # liver on the patient's right = image left
    assert np.mean(kidney_behind_liver) > 0.9     # rows run anterior -> posterior
    assert np.median(kidney_vals) > 100 and np.median(kidney_vals) > np.median(ring_vals) + 40
    assert all(s.hu.min() >= 0 and s.hu.max() <= 255 for s in slices)


def test_kits_tumour_slices_alignment():
    slices = load_kits_tumour_slices(0.78)
    assert len(slices) == 32 and len({s.patient for s in slices}) == 23
    zero_inside, zero_ring = [], []
    for s in slices:
        t = s.labels == 2
        assert t.sum() > 200 and not s.kidney_known
        assert 5 < s.hu[t].mean() < 220
        zero_inside.append(np.mean(s.hu[t] == 0))
        zero_ring.append(np.mean(s.hu[_ring(t, 12)] == 0))
    # Fat and air are 0 in these slices: a mask over its tumour holds few of them, a ring
    # around it many.
    zero_inside, zero_ring = np.array(zero_inside), np.array(zero_ring)
    assert np.median(zero_inside) < 0.05
    assert np.mean(zero_ring > 2 * zero_inside) > 0.9
