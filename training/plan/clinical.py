"""KiTS clinical tables: which fields are model inputs, how the outcomes map to the three heads,
and the two evaluation cohorts.

Only pre-operative fields are inputs (:data:`INPUT_FIELDS`). Every outcome category that does
not fit a head is mapped to ``None`` for that head and the case is left out of that head's loss
and metrics; nothing is guessed.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

__all__ = [
    "INPUT_FIELDS", "OUTCOME_FIELDS", "PROCEDURE_MAP", "APPROACH_MAP", "Case",
    "shared_data_dir", "load_cases", "cases_from_rows", "kits19_cohort_ids",
]

#: Clinical table fields fed to the model, all known before surgery (values per table name).
INPUT_FIELDS = {
    "age": {"kits19": "age_at_nephrectomy", "kits23": "age_at_nephrectomy"},
    "bmi": {"kits19": "body_mass_index", "kits23": "bmi"},
    "size_cm": {"kits19": "radiographic_size", "kits23": "radiographic_size"},
}

#: Fields that are targets of the heads (never inputs).
OUTCOME_FIELDS = ("surgical_procedure", "surgical_approach", "operative_time")

#: Procedure head: 1 = radical. Cryoablation and nephroureterectomy are not a choice between
#: partial and radical nephrectomy, so they are left out of this head.
PROCEDURE_MAP: dict[str, Optional[int]] = {
    "partial_nephrectomy": 0,
    "radical_nephrectomy": 1,
    "cryoablation": None,
    "nephroureterectomy": None,
}

#: Approach head: 1 = retroperitoneal. A conversion (trans_to_retro) belongs to neither class,
#: and "open"/unknown approaches are not one of the two either.
APPROACH_MAP: dict[str, Optional[int]] = {
    "transperitoneal": 0,
    "retroperitoneal": 1,
    "trans_to_retro": None,
}

#: Cases removed from KiTS19's 210 to form the published 207-patient cohort (see data README).
KITS19_EXCLUDED = ("case_00107", "case_00160", "case_00164")


@dataclass
class Case:
    """One patient: inputs known before surgery and the three (possibly missing) targets."""

    case_id: str
    age: float  # years; NaN where the table has an impossible value (0)
    bmi: float
    size_cm: float
    procedure: Optional[int]  # 1 radical, 0 partial, None = not in this head
    approach: Optional[int]  # 1 retroperitoneal, 0 transperitoneal, None = not in this head
    time_min: Optional[float]


def shared_data_dir() -> Path:
    """The shared data folder: ``$SHARED_DATA`` or ``../shared/data`` from the repository root."""
    env = os.environ.get("SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def _map(table: dict, value: Optional[str], field: str) -> Optional[int]:
    if value is None:
        return None
    key = value.lower()
    if key not in table:
        raise ValueError(f"unknown {field} value {value!r}: add it to the mapping explicitly")
    return table[key]


def _age(value) -> float:
    # An age of 0 is a missing entry in the table, not a newborn.
    return float(value) if value is not None and value > 0 else math.nan


def load_cases(table: str = "kits23") -> list[Case]:
    """Reads ``kits19.json`` or ``kits23.json`` into :class:`Case` records (cases 0–299)."""
    rows = json.loads((shared_data_dir() / "kits" / f"{table}.json").read_text())
    return cases_from_rows(rows, table)


def cases_from_rows(rows: list[dict], table: str) -> list[Case]:
    """Table rows → :class:`Case`; inputs come only from :data:`INPUT_FIELDS`."""
    cases = []
    for row in rows:
        time = row.get("operative_time")
        cases.append(Case(
            case_id=row["case_id"],
            age=_age(row[INPUT_FIELDS["age"][table]]),
            bmi=float(row[INPUT_FIELDS["bmi"][table]]),
            size_cm=float(row[INPUT_FIELDS["size_cm"][table]]),
            procedure=_map(PROCEDURE_MAP, row.get("surgical_procedure"), "surgical_procedure"),
            approach=_map(APPROACH_MAP, row.get("surgical_approach"), "surgical_approach"),
            time_min=float(time) if time is not None else None,
        ))
    return cases


def kits19_cohort_ids() -> list[str]:
    """The published 207-patient KiTS19 cohort."""
    return [c.case_id for c in load_cases("kits19") if c.case_id not in KITS19_EXCLUDED]
