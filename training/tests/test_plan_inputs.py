"""No outcome (pathology, intra- or post-operative field) may be an input of the planning model."""
import copy
import json
import math
from pathlib import Path

import pytest

from plan import clinical, dataset
from plan.clinical import APPROACH_MAP, INPUT_FIELDS, PROCEDURE_MAP, cases_from_rows
from plan.geometry import GEOMETRY_FEATURES

PRE_OPERATIVE = {"age_at_nephrectomy", "body_mass_index", "bmi", "radiographic_size"}
MANIFEST = Path(__file__).resolve().parents[2] / "models" / "planning" / "manifest.json"
TABLES = clinical.shared_data_dir() / "kits"
needs_data = pytest.mark.skipif(not (TABLES / "kits23.json").exists(), reason="no shared data")


def test_input_fields_are_pre_operative():
    used = {f for per_table in INPUT_FIELDS.values() for f in per_table.values()}
    assert used <= PRE_OPERATIVE
    assert not used & set(clinical.OUTCOME_FIELDS)


@needs_data
@pytest.mark.parametrize("table", ["kits19", "kits23"])
def test_changing_every_other_field_leaves_the_inputs_unchanged(table):
    rows = json.loads((TABLES / f"{table}.json").read_text())[:40]
    scrambled = copy.deepcopy(rows)
    for row in scrambled:
        for key in row:
            if key in PRE_OPERATIVE or key == "case_id":
                continue
            row[key] = {"surgical_procedure": "radical_nephrectomy",
                        "surgical_approach": "retroperitoneal"}.get(key, 12345)
    before = cases_from_rows(rows, table)
    after = cases_from_rows(scrambled, table)
    for a, b in zip(before, after):
        for f in ("age", "bmi", "size_cm"):
            va, vb = getattr(a, f), getattr(b, f)
            assert (math.isnan(va) and math.isnan(vb)) or va == vb
    # ...while the targets did change: the scrambling reached the outcome fields.
    assert any(a.time_min != b.time_min for a, b in zip(before, after))


def test_manifest_features_are_pre_operative_or_geometry():
    if not MANIFEST.exists():
        pytest.skip("no exported planning model")
    manifest = json.loads(MANIFEST.read_text())
    names = [f["name"] for f in manifest["input"]["tabular"]]
    assert names == list(dataset.CLINICAL_FEATURES) + list(GEOMETRY_FEATURES)
    assert set(manifest["input"]["image"]["channels"]) <= {"kidney", "tumour", "ct"}


def test_outcome_categories_are_mapped_explicitly():
    assert PROCEDURE_MAP["cryoablation"] is None
    assert PROCEDURE_MAP["nephroureterectomy"] is None
    assert APPROACH_MAP["trans_to_retro"] is None
    row = {"case_id": "x", "age_at_nephrectomy": 50, "bmi": 25, "radiographic_size": 3,
           "surgical_procedure": "something_new", "surgical_approach": "transperitoneal",
           "operative_time": 100}
    with pytest.raises(ValueError, match="surgical_procedure"):
        cases_from_rows([row], "kits23")
    row["surgical_procedure"] = "cryoablation"
    row["surgical_approach"] = "trans_to_retro"
    row["age_at_nephrectomy"] = 0
    (case,) = cases_from_rows([row], "kits23")
    assert case.procedure is None and case.approach is None and case.time_min == 100
    assert math.isnan(case.age)
