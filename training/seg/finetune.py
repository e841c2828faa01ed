"""Fine-tune the segmentation network on real tumour slices, cross-validated by patient.

    /usr/bin/python3 -m seg.finetune --init ../models/segmentation/model.pt --fold 0 --out runs/ft/fold0
    /usr/bin/python3 -m seg.finetune --init ../models/segmentation/model.pt --fold all --out runs/ft/all
    /usr/bin/python3 -m seg.finetune --report runs/ft          (pools the folds' held-out results)

The synthetic tumours teach where a tumour sits; the 32 real KiTS19 slices (23 patients) show what
one looks like. Their masks label tumour only, so on those slices the loss is "partial": a
non-tumour pixel may be background or kidney (cross-entropy on p(background) + p(kidney)), and
the kidney Dice term ignores them. The patients are split into `--folds` groups by a seeded draw;
fold k trains on the others and is evaluated on its own group, so every patient's tumour Dice
comes from a network that never saw that patient. `--fold all` trains on every patient: that is
the shipped network, and its tumour figure is the cross-validated one (what the procedure reaches
on patients it has not seen). Works with: train (sampler, schedule), evaluate, data.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from .augment import AugParams, augment
from .data import to_grid, training_slices
from .evaluate import bootstrap_ci, pooled_dice
from .infer import load_checkpoint, predict_labels
from .loaders import load_kits_tumour_slices
from .losses import dice_score
from .manifest import load_manifest
from .synth import HuModel, SynthParams
from .train import RUNS, Sampler, get_bank, normalise

__all__ = ["kits_folds", "partial_dice_ce_loss", "RealTumourSampler", "finetune", "report"]


def kits_folds(patients: Sequence[str], n_folds: int, seed: int = 7) -> List[List[str]]:
    """Patients split into `n_folds` groups by a seeded permutation of the sorted names."""
    names = sorted(set(patients))
    perm = np.random.default_rng(seed).permutation(len(names))
    return [sorted(names[i] for i in perm[k::n_folds]) for k in range(n_folds)]


def partial_dice_ce_loss(logits: torch.Tensor, target: torch.Tensor, kidney_known: torch.Tensor) -> torch.Tensor:
    """Dice + cross-entropy where some samples label the tumour only.

    `kidney_known` (N bools): False marks a sample whose label 0 means "background or kidney".
    There the cross-entropy of a label-0 pixel is -log(p_background + p_kidney), and the sample
    does not count in the kidney Dice. With every sample known this equals `dice_ce_loss`.
    """
    logp = torch.log_softmax(logits, dim=1)
    probs = logp.exp()
    tgt = target.long()
    known = kidney_known.view(-1, 1, 1).to(logits.device)
    ce_full = -logp.gather(1, tgt[:, None])[:, 0]
    ce_not_tumour = -torch.logsumexp(logp[:, :2], dim=1)
    ce = torch.where((~known) & (tgt == 0), ce_not_tumour, ce_full).mean()

    onehot = F.one_hot(tgt, logits.shape[1]).permute(0, 3, 1, 2).float()
    dice = []
    for c in range(1, logits.shape[1]):
        w = known.float()[:, None].expand_as(probs[:, :1])[:, 0] if c == 1 else torch.ones_like(probs[:, 0])
        inter = (w * probs[:, c] * onehot[:, c]).sum()
        denom = (w * (probs[:, c] + onehot[:, c])).sum()
        dice.append((2 * inter + 1e-5) / (denom + 1e-5))
    return ce + 1.0 - torch.stack(dice).mean()


class RealTumourSampler:
    """Augmented crops of the real KiTS tumour slices (labels 0 / 2, kidney unknown)."""

    def __init__(self, grid, rng, aug: AugParams, norm: str, manifest):
        self.grid, self.rng, self.aug, self.norm, self.m = grid, rng, aug, norm, manifest

    def sample(self):
        g = self.grid[self.rng.integers(len(self.grid))]
        x, y = augment(g.hu, g.labels, self.rng, self.aug, self.m.outside_value_hu)
        return normalise(x, self.norm, self.m.window_hu), y


def _heldout_scores(model, slices, m, norm) -> Dict:
    labs = predict_labels(model, [s.hu for s in slices], [s.spacing_rc for s in slices], m, norm)
    by_patient = defaultdict(lambda: ([], []))
    per_slice = {}
    for s, lab in zip(slices, labs):
        by_patient[s.patient][0].append(lab == 2)
        by_patient[s.patient][1].append(s.labels == 2)
        per_slice[s.name] = dice_score(lab == 2, s.labels == 2)
    return {"patients": {p: pooled_dice(*v) for p, v in by_patient.items()}, "slices": per_slice}


def finetune(args) -> None:
    out = Path(args.out)
    if not out.is_absolute():
        out = Path(__file__).resolve().parents[1] / out
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    m = load_manifest()
    model, cfg = load_checkpoint(args.init)
    base_steps = int(torch.load(str(args.init), map_location="cpu").get("step", 0))
    norm = cfg.get("norm", "window")

    kits = load_kits_tumour_slices(m.unknown_spacing_mm)
    folds = kits_folds([s.patient for s in kits], args.folds)
    held = [] if args.fold == "all" else folds[int(args.fold)]
    train_kits = [s for s in kits if s.patient not in held]
    test_kits = [s for s in kits if s.patient in held]

    aug = AugParams(crop_px=args.crop)
    synth = SynthParams.of_version(cfg.get("synth_version", 1))
    base = Sampler([to_grid(s, m) for s in training_slices(m)], get_bank(), HuModel(), rng, aug, synth,
                   cfg.get("p_synth", 0.7), norm, m)
    real = RealTumourSampler([to_grid(s, m) for s in train_kits], rng, aug, norm, m)

    ft_cfg = dict(cfg, finetune={"init": str(args.init), "fold": args.fold, "folds": args.folds,
                                 "heldout_patients": held, "train_patients": sorted({s.patient for s in train_kits}),
                                 "steps": args.steps, "lr": args.lr, "p_real": args.p_real, "crop": args.crop,
                                 "batch": args.batch, "seed": args.seed})
    (out / "config.json").write_text(json.dumps(ft_cfg, indent=2))
    print(f"fold {args.fold}: {len(train_kits)} real tumour slices for training, {len(test_kits)} held out "
          f"({len(held)} patients)", flush=True)

    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    log = open(out / "log.jsonl", "a")
    model.train()
    run_loss, t_start = None, time.time()
    for step in range(1, args.steps + 1):
        t0 = time.time()
        frac = step / args.steps
        lr = args.lr * min(1.0, step / 20) * max(0.5 * (1 + np.cos(np.pi * frac)), 0.02)
        for gr in opt.param_groups:
            gr["lr"] = lr
        xs, ys, known = [], [], []
        for _ in range(args.batch):
            from_real = rng.random() < args.p_real
            x, y = real.sample() if from_real else base.sample()
            xs.append(x)
            ys.append(y)
            known.append(not from_real)
        x = torch.from_numpy(np.stack(xs)[:, None])
        y = torch.from_numpy(np.stack(ys).astype(np.int64))
        loss = partial_dice_ce_loss(model(x), y, torch.tensor(known))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 12.0)
        opt.step()
        run_loss = loss.item() if run_loss is None else 0.95 * run_loss + 0.05 * loss.item()
        if step % 10 == 0:
            rec = {"step": step, "loss": round(run_loss, 4), "lr": round(lr, 6),
                   "min": round((time.time() - t_start) / 60, 2), "s_per_step": round(time.time() - t0, 2)}
            log.write(json.dumps(rec) + "\n")
            log.flush()
            print(rec, flush=True)
    model.eval()
    ft_cfg["finetune"]["base_steps"] = base_steps
    torch.save({"model": model.state_dict(), "config": ft_cfg, "step": base_steps + args.steps,
                "elapsed": time.time() - t_start}, out / "final.tmp")
    os.replace(out / "final.tmp", out / "final.pt")
    if test_kits:
        scores = _heldout_scores(model, test_kits, m, norm)
        before, _ = load_checkpoint(args.init)
        scores["before"] = _heldout_scores(before, test_kits, m, norm)["patients"]
        (out / "heldout.json").write_text(json.dumps(scores, indent=1, default=float))
        print("held-out tumour Dice per patient (after / before):",
              {p: (round(v, 3), round(scores["before"][p], 3)) for p, v in scores["patients"].items()}, flush=True)
    print(f"done in {(time.time() - t_start) / 60:.1f} min", flush=True)


def report(folder: Path) -> Dict:
    """Pool the folds' held-out results: one tumour Dice per patient, each from a network that never saw it."""
    patients, slices, before = {}, {}, {}
    folds = sorted(folder.glob("fold*/heldout.json"))
    for f in folds:
        r = json.loads(f.read_text())
        patients.update(r["patients"])
        slices.update(r["slices"])
        before.update(r["before"])
    mean, lo, hi = bootstrap_ci(list(patients.values()))
    b_mean, b_lo, b_hi = bootstrap_ci(list(before.values()))
    diff = [patients[p] - before[p] for p in patients]
    d_mean, d_lo, d_hi = bootstrap_ci(diff)
    return {"n_folds": len(folds), "patients": patients, "slices": slices, "n_slices": len(slices),
            "mean_patient_tumour_dice": mean, "ci95": [lo, hi],
            "synthetic_only": {"patients": before, "mean_patient_tumour_dice": b_mean, "ci95": [b_lo, b_hi]},
            "paired_difference": {"mean": d_mean, "ci95": [d_lo, d_hi]}}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--init", help="checkpoint to start from (the synthetic-tumour network)")
    ap.add_argument("--out", help="run folder (relative paths are under training/)")
    ap.add_argument("--fold", default="all", help="0..folds-1, or 'all' for the shipped network")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=128)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--p-real", type=float, default=0.4, help="share of each batch drawn from real tumour slices")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--report", help="pool <folder>/fold*/heldout.json and print the cross-validated figure")
    args = ap.parse_args(argv)
    if args.report:
        r = report(Path(args.report))
        print(json.dumps({k: v for k, v in r.items() if k not in ("slices",)}, indent=1, default=float))
        Path(args.report, "cv.json").write_text(json.dumps(r, indent=1, default=float))
        return
    if not args.init or not args.out:
        ap.error("--init and --out are required unless --report is given")
    finetune(args)


if __name__ == "__main__":
    main()
