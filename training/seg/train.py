"""Train the segmentation U-Net on real kidneys with synthetic tumours.

    /usr/bin/python3 -m seg.train --out runs/main --minutes 70      (from training/)

Resumes from `<out>/last.pt` when it exists, checkpoints every `--ckpt-minutes`, logs one JSON
line per logged step to `<out>/log.jsonl`, fixes its seeds, picks CUDA when available. The
learning-rate schedule runs on the wall-clock budget (or on --steps), so a resumed run continues
the same schedule. Works with: data, synth, augment, model, losses; evaluate reads the checkpoint.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

import numpy as np
import torch

from .augment import AugParams, augment
from .data import to_grid, training_slices
from .losses import dice_ce_loss, soft_dice_loss
from .manifest import load_manifest
from .model import UNet2d, count_parameters
from .synth import HuModel, SynthParams, build_bank, insert_lesion, load_bank, save_bank

RUNS = Path(__file__).resolve().parents[1] / "runs"


def normalise(hu: np.ndarray, mode: str, window) -> np.ndarray:
    """Network input from HU: the manifest window, or the published per-slice min-max."""
    if mode == "window":
        lo, hi = window
        return ((np.clip(hu, lo, hi) - lo) / (hi - lo)).astype(np.float32)
    lo, hi = float(hu.min()), float(hu.max())
    return ((hu - lo) / max(hi - lo, 1e-6)).astype(np.float32)


def get_bank(seed: int = 0, levels: str = "widest"):
    """The lesion bank for `SynthParams.bank_levels`, built once and cached under runs/."""
    path = RUNS / ("tumour_bank.pkl" if levels == "widest" else f"tumour_bank_{levels}.pkl")
    if path.exists():
        return load_bank(path)
    bank = build_bank(seed=seed, levels=levels, per_case=3 if levels == "widest" else 6)
    save_bank(bank, path)
    return bank


class Sampler:
    """Draws augmented (input, label) crops; synthetic lesions are painted before augmentation."""

    def __init__(self, grid, bank, hu_model, rng, aug: AugParams, synth: SynthParams, p_synth: float,
                 norm: str, manifest):
        self.grid = grid
        self.with_kidney = [g for g in grid if (g.labels == 1).sum() > 30]
        self.without = [g for g in grid if (g.labels == 1).sum() <= 30]
        self.bank, self.hu_model, self.rng = bank, hu_model, rng
        self.aug, self.synth, self.p_synth, self.norm, self.m = aug, synth, p_synth, norm, manifest

    def sample(self):
        rng = self.rng
        pool = self.with_kidney if (rng.random() < 0.85 or not self.without) else self.without
        g = pool[rng.integers(len(pool))]
        hu, lab = g.hu, g.labels
        if pool is self.with_kidney and rng.random() < self.p_synth:
            for _ in range(1 if rng.random() < 0.8 else 2):
                hu, lab, _info = insert_lesion(hu, lab, self.m.spacing_mm, self.bank, self.hu_model, rng,
                                               self.synth)
        if g.source in ("curvas",):
            hu = np.where(hu > self.m.outside_value_hu + 1, np.clip(hu, 0, 255), hu)
        x, y = augment(hu, lab, rng, self.aug, self.m.outside_value_hu)
        return normalise(x, self.norm, self.m.window_hu), y

    def batch(self, n):
        xs, ys = zip(*(self.sample() for _ in range(n)))
        return torch.from_numpy(np.stack(xs)[:, None]), torch.from_numpy(np.stack(ys).astype(np.int64))


def build_model(cfg: dict) -> UNet2d:
    return UNet2d(tuple(cfg["features"]), n_classes=3, conventional=cfg["arch"] == "conventional")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="run folder (relative paths are under training/)")
    ap.add_argument("--minutes", type=float, default=70.0, help="wall-clock training budget")
    ap.add_argument("--steps", type=int, default=0, help="step budget instead of minutes (0: use minutes)")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=160)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--loss", choices=("dice", "dice_ce"), default="dice_ce")
    ap.add_argument("--norm", choices=("window", "minmax"), default="window")
    ap.add_argument("--arch", choices=("nnunet", "conventional"), default="nnunet")
    ap.add_argument("--features", default="16,32,64,128,256")
    ap.add_argument("--p-synth", type=float, default=0.7)
    ap.add_argument("--synth-version", type=int, choices=SynthParams.VERSIONS, default=1,
                    help="SynthParams() / .v2() (real lesion sizes) / .v3() (every lesion level, touching) / .v4()")
    ap.add_argument("--init", default="", help="start from this checkpoint's weights (new optimiser)")
    ap.add_argument("--no-strong-aug", action="store_true", help="scale/rotation only (baseline)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--ckpt-minutes", type=float, default=5.0)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)

    out = Path(args.out)
    if not out.is_absolute():
        out = Path(__file__).resolve().parents[1] / out
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(args.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    cfg = {"features": [int(f) for f in args.features.split(",")], "arch": args.arch, "loss": args.loss,
           "norm": args.norm, "crop": args.crop, "batch": args.batch, "lr": args.lr, "seed": args.seed,
           "minutes": args.minutes, "steps": args.steps, "p_synth": args.p_synth,
           "strong_aug": not args.no_strong_aug, "device": str(device), "synth_version": args.synth_version,
           "init": args.init}

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    m = load_manifest()
    grid = [to_grid(s, m) for s in training_slices(m)]
    aug = AugParams(crop_px=args.crop)
    if args.no_strong_aug:
        aug = AugParams(crop_px=args.crop, p_elastic=0, contrast=(1, 1), brightness_hu=(0, 0), p_noise=0, p_blur=0,
                        p_lowres=0, p_gamma=0)
    synth = SynthParams.of_version(args.synth_version)
    sampler = Sampler(grid, get_bank(levels=synth.bank_levels), HuModel(), rng, aug, synth, args.p_synth,
                      args.norm, m)

    model = build_model(cfg).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    loss_fn = soft_dice_loss if args.loss == "dice" else dice_ce_loss
    step, elapsed = 0, 0.0
    last = out / "last.pt"
    if last.exists():
        ck = torch.load(last, map_location=device)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step, elapsed = ck["step"], ck["elapsed"]
        rng.bit_generator.state = ck["np_rng"]
        torch.set_rng_state(ck["torch_rng"])
        print(f"resumed at step {step}, {elapsed / 60:.1f} min", flush=True)
    elif args.init:
        init = Path(args.init)
        model.load_state_dict(torch.load(init if init.is_absolute() else RUNS.parent / init,
                                         map_location=device)["model"])
        print(f"weights from {args.init}", flush=True)
    (out / "config.json").write_text(json.dumps(cfg, indent=2))
    print(f"{count_parameters(model)} parameters, {len(grid)} training slices "
          f"({len(sampler.with_kidney)} with kidney), device {device}", flush=True)

    def progress():
        if args.steps:
            return step / args.steps
        return elapsed / (args.minutes * 60)

    def save(final=False):
        ck = {"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "elapsed": elapsed,
              "np_rng": rng.bit_generator.state, "torch_rng": torch.get_rng_state(), "config": cfg}
        torch.save(ck, out / "last.tmp")
        os.replace(out / "last.tmp", last)
        if final:
            torch.save({"model": model.state_dict(), "config": cfg, "step": step, "elapsed": elapsed},
                       out / "final.pt")

    t_ckpt = time.time()
    log = open(out / "log.jsonl", "a")
    run_loss = None
    model.train()
    while progress() < 1.0:
        t0 = time.time()
        lr = args.lr * 0.5 * (1 + np.cos(np.pi * min(progress(), 1.0)))
        lr = max(lr, args.lr * 0.01) if progress() > 0.02 else args.lr * max(progress() / 0.02, 0.05)
        for gr in opt.param_groups:
            gr["lr"] = lr
        x, y = sampler.batch(args.batch)
        x, y = x.to(device), y.to(device)
        logits = model(x)
        loss = loss_fn(logits, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 12.0)
        opt.step()
        step += 1
        elapsed += time.time() - t0
        run_loss = loss.item() if run_loss is None else 0.95 * run_loss + 0.05 * loss.item()
        if step % 10 == 0:
            rec = {"step": step, "loss": round(run_loss, 4), "lr": round(lr, 6), "min": round(elapsed / 60, 2),
                   "s_per_step": round(time.time() - t0, 2), "time": time.strftime("%H:%M:%S")}
            log.write(json.dumps(rec) + "\n")
            log.flush()
            print(rec, flush=True)
        if time.time() - t_ckpt > args.ckpt_minutes * 60:
            save()
            shutil.copy(last, out / f"ckpt_{step:06d}.pt")
            t_ckpt = time.time()
    save(final=True)
    print(f"done: {step} steps, {elapsed / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
