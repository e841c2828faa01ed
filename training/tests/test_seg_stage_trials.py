"""Second-stage trials: paired against the first stage per KiTS patient, listed in the card."""
import json

import pytest

from seg.card import _stage_trials
from seg.evaluate import add_trials, stage_summary


def _results(tumour, kidney=0.91, false_ml=(10.0, 8.0), init="", version=2):
    return {"config": {"lr": 1e-3, "minutes": 80, "synth_version": version, "init": init},
            "ircadb-01": {"kidney_dice_3d": kidney, "kidney_dice_3d_postprocessed": kidney + 0.01,
                          "false_tumour_ml": false_ml[0], "false_tumour_ml_postprocessed": false_ml[1]},
            "curvas-heldout": {"mean_patient_dice": 0.93},
            "kits-jpg": {"patients": tumour, "mean_patient_tumour_dice": sum(tumour.values()) / len(tumour),
                         "ci95": [0.1, 0.9]}}


def test_stage_summary_pairs_patients_and_reads_its_run(tmp_path):
    base = _results({"a": 0.2, "b": 0.4, "c": 0.6})
    run = tmp_path / "v9"
    run.mkdir()
    (run / "eval.json").write_text(json.dumps(_results({"a": 0.3, "b": 0.5, "c": 0.7, "d": 0.0},
                                                       init="model.pt", version=3)))
    (run / "log.jsonl").write_text('{"step": 10}\n{"step": 20}\n')
    (run / "tumour_study.json").write_text(json.dumps({"found_ml": 50.0, "truth_ml": 64.3}))
    t = stage_summary(run, base)
    assert t["steps"] == 20 and t["synth_version"] == 3
    assert abs(t["paired_difference"]["mean"] - 0.1) < 1e-9       # patient d has no pair
    assert t["tumour_study"]["found_ml"] == 50.0


def test_card_lists_the_first_stage_as_shipped_and_refuses_a_shipped_second_stage():
    t = {"synth_version": 3, "lr": 1e-3, "steps": 20, "kits_tumour_dice": 0.5, "kits_ci95": [0.3, 0.7],
         "paired_difference": {"mean": 0.1, "ci95": [0.0, 0.2]}, "ircadb_kidney_dice_3d": 0.85,
         "ircadb_kidney_dice_3d_postprocessed": 0.91, "ircadb_false_tumour_ml": 1.0,
         "ircadb_false_tumour_ml_postprocessed": 0.5, "curvas_kidney_dice": 0.93, "tumour_study": None}
    first = _results({"a": 0.4})
    first["stage_trials"] = [t, dict(t, synth_version=4, ircadb_kidney_dice_3d=0.95)]
    lines = _stage_trials(first)
    rows = [l for l in lines if l.startswith("| ")][2:]
    assert [r.rstrip(" |").endswith("yes") for r in rows] == [True, False, False]
    verdict = next(l for l in lines if l.startswith("Not shipped"))
    assert "v3: raw IRCADb-01 kidney Dice 0.850 < 0.90" in verdict and "v4:" not in verdict
    assert _stage_trials(_results({"a": 0.4})) == []
    second = _results({"a": 0.5}, init="model.pt", version=3)
    second["stage_trials"] = first["stage_trials"]
    with pytest.raises(SystemExit):
        _stage_trials(second)


def test_kept_trials_are_replaced_by_new_runs_of_the_same_name_and_keep_their_study():
    old_study = {"found_ml": 20.3, "truth_ml": 64.3}                       # before v5: no grain_sd_hu
    earlier = {"tumour_study": old_study, "finetune_trials": [{"run": "ft"}],
               "stage_trials": [{"run": "v3", "x": 1}, {"run": "v5", "x": 1}]}
    res = {"tumour_study": {"found_ml": 19.6, "truth_ml": 64.3, "grain_sd_hu": 7.0}}
    add_trials(res, earlier, [], [{"run": "v5", "x": 2}])
    assert res["finetune_trials"] == [{"run": "ft"}]
    assert res["stage_trials"] == [{"run": "v3", "x": 1}, {"run": "v5", "x": 2}]
    assert res["tumour_study_kidney_grain"] == old_study
    # Once kept, it stays kept through the next update.
    again = {"tumour_study": res["tumour_study"]}
    add_trials(again, res, [], [])
    assert again["tumour_study_kidney_grain"] == old_study and again["stage_trials"] == res["stage_trials"]
    fresh = {}
    add_trials(fresh, {}, [], [])
    assert fresh == {}


def test_card_marks_studies_measured_before_the_grain_fix():
    t = {"synth_version": 3, "lr": 1e-3, "steps": 20, "kits_tumour_dice": 0.5, "kits_ci95": [0.3, 0.7],
         "paired_difference": {"mean": 0.1, "ci95": [0.0, 0.2]}, "ircadb_kidney_dice_3d": 0.85,
         "ircadb_kidney_dice_3d_postprocessed": 0.91, "ircadb_false_tumour_ml": 1.0,
         "ircadb_false_tumour_ml_postprocessed": 0.5, "curvas_kidney_dice": 0.93,
         "tumour_study": {"found_ml": 55.4, "truth_ml": 64.3, "largest_slice_found": 1, "largest_slice_truth": 1}}
    first = _results({"a": 0.4})
    first["tumour_study"] = {"found_ml": 19.6, "truth_ml": 64.3, "grain_sd_hu": 7.0}
    first["tumour_study_kidney_grain"] = {"found_ml": 20.3, "truth_ml": 64.3}
    new = dict(t, tumour_study=dict(t["tumour_study"], grain_sd_hu=7.0))
    first["stage_trials"] = [t, new]
    lines = _stage_trials(first)
    rows = [l for l in lines if l.startswith("| ")][2:]
    assert "19.6 of 64.3 mL |" in rows[0] and "55.4 of 64.3 mL * |" in rows[1] and "55.4 of 64.3 mL |" in rows[2]
    assert any(l.startswith("\\*") and "found 20.3 of 64.3 mL on that study" in l for l in lines)
