"""Fine-tuning on tumour-only slices: the partial-label loss and the patient folds."""
import torch

from seg.finetune import kits_folds, partial_dice_ce_loss
from seg.losses import dice_ce_loss


def _batch(seed=0):
    g = torch.Generator().manual_seed(seed)
    logits = torch.randn(4, 3, 12, 12, generator=g)
    y = torch.zeros(4, 12, 12, dtype=torch.long)
    y[:, 2:6, 2:6] = 1
    y[:, 7:10, 7:10] = 2
    return logits, y


def test_equals_dice_ce_when_every_sample_labels_kidney():
    logits, y = _batch()
    known = torch.ones(4, dtype=torch.bool)
    assert torch.allclose(partial_dice_ce_loss(logits, y, known), dice_ce_loss(logits, y), atol=1e-6)


def test_kidney_is_not_punished_where_only_tumour_is_labelled():
    # A tumour-only sample: label 0 may be kidney. Predicting kidney there costs (almost) nothing,
    # predicting tumour there costs a lot.
    y = torch.zeros(1, 8, 8, dtype=torch.long)
    y[0, :2] = 2
    unknown = torch.zeros(1, dtype=torch.bool)
    kidney_logits = torch.full((1, 3, 8, 8), -10.0)
    kidney_logits[:, 1] = 10.0
    kidney_logits[0, :, :2] = torch.tensor([-10.0, -10.0, 10.0])[:, None, None]
    tumour_logits = torch.full((1, 3, 8, 8), -10.0)
    tumour_logits[:, 2] = 10.0
    says_kidney = partial_dice_ce_loss(kidney_logits, y, unknown)
    says_tumour = partial_dice_ce_loss(tumour_logits, y, unknown)
    assert says_kidney < 0.05
    assert says_tumour > 1.0
    # With the kidney known to be absent, the same kidney prediction is wrong.
    assert partial_dice_ce_loss(kidney_logits, y, ~unknown) > 1.0


def test_folds_split_patients_disjointly_and_reproducibly():
    patients = [f"p{i}" for i in range(23)] * 2
    folds = kits_folds(patients, 4)
    flat = [p for f in folds for p in f]
    assert sorted(flat) == sorted(set(patients))
    assert len(flat) == len(set(flat))
    assert max(map(len, folds)) - min(map(len, folds)) <= 1
    assert folds == kits_folds(list(reversed(patients)), 4)
