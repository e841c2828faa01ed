"""The patient split: no test patient's image reaches training."""
import pytest

from seg.data import HELDOUT_CURVAS, evaluation_sets, training_slices
from seg.loaders import shared_data
from seg.manifest import load_manifest

pytestmark = pytest.mark.skipif(not shared_data().exists(), reason="reference data not found ($SHARED_DATA)")


def test_split_by_patient():
    m = load_manifest()
    train = training_slices(m)
    test = evaluation_sets(m)
    train_patients = {s.patient for s in train}
    assert not train_patients & set(HELDOUT_CURVAS)
    assert not train_patients & {s.patient for s in test["curvas-heldout"]}
    assert {s.patient for s in test["curvas-heldout"]} == set(HELDOUT_CURVAS)
    assert not any(s.source in ("kits-jpg",) or "ircadb" in s.patient for s in train)
    assert len({p for p in train_patients if p.startswith("curvas-")}) == 10
