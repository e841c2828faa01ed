"""Reference arrays for the TypeScript side: preprocessing, PyTorch probabilities, labels.

    /usr/bin/python3 training/seg/dump_reference.py --out DIR [--slices N] [--ckpt PATH]

For N real slices (half from 3D-IRCADb-01 DICOM, the rest from the TotalSegmentator NIfTI,
which is non-square, and a held-out CURVAS 8-bit slice) writes, per slice `<name>`:
  <name>.raw_hu.f32   source slice, canonical orientation, H x W float32 LE, row-major
  <name>.input.f32    manifest-preprocessed network input, S x S float32
  <name>.probs.f32    PyTorch softmax, S x S x 3 (NHWC) float32
  <name>.labels.u8    labels on the H x W source grid (backward resampling + argmax)
  <name>.json         {"H", "W", "spacing": [row, column] mm, "spacingRowMm", "spacingColMm",
                       "sizePx", "networkSpacingMm", "source", ...}
The model is models/segmentation/model.pt unless --ckpt is given.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seg.data import HELDOUT_CURVAS  # noqa: E402
from seg.infer import load_checkpoint, predict_probs  # noqa: E402
from seg.loaders import load_curvas, load_ircadb, load_totalseg  # noqa: E402
from seg.manifest import REPO_ROOT, labels_on_source, load_manifest, preprocess  # noqa: E402

DEFAULT_MODEL = REPO_ROOT / "models" / "segmentation" / "model.pt"


def pick_slices(n: int, m):
    """(name, source, hu, spacing) of n real slices, deterministic."""
    out = []
    v = load_ircadb()
    ks = np.nonzero(v.labels.reshape(v.labels.shape[0], -1).any(1))[0]
    n_ir = max(1, (n + 1) // 2)
    for k in ks[np.linspace(0, len(ks) - 1, n_ir + 2).round().astype(int)[1:-1]]:
        out.append((f"ircadb01_{k:03d}", "ircadb-01", v.data[k], (v.spacing_mm[1], v.spacing_mm[2])))
    rest = n - len(out)
    if rest > 0:
        t = load_totalseg()
        k = int(np.argmax(t.labels.reshape(t.labels.shape[0], -1).sum(1)))
        out.append((f"totalseg_{k:03d}", "totalseg-example", t.data[k], (t.spacing_mm[1], t.spacing_mm[2])))
        rest -= 1
    if rest > 0:
        cs = [s for s in load_curvas(m.unknown_spacing_mm) if s.patient in HELDOUT_CURVAS and s.labels.any()]
        for s in cs[:rest]:
            out.append((s.name.replace("-", "_"), "curvas", s.hu, s.spacing_rc))
    return out[:n]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--slices", type=int, default=4)
    ap.add_argument("--ckpt", default=str(DEFAULT_MODEL))
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    m = load_manifest()
    model, cfg = load_checkpoint(args.ckpt)
    for name, source, hu, (sr, sc) in pick_slices(args.slices, m):
        hu = np.ascontiguousarray(hu, dtype=np.float32)
        x = preprocess(hu, (sr, sc), m)
        probs = predict_probs(model, [x])[0].astype(np.float32)
        labels = labels_on_source(probs, hu.shape, (sr, sc), m)
        hu.astype("<f4").tofile(out / f"{name}.raw_hu.f32")
        x.astype("<f4").tofile(out / f"{name}.input.f32")
        probs.astype("<f4").tofile(out / f"{name}.probs.f32")
        labels.astype(np.uint8).tofile(out / f"{name}.labels.u8")
        meta = {"name": name, "source": source, "H": int(hu.shape[0]), "W": int(hu.shape[1]),
                "spacing": [float(sr), float(sc)], "spacingRowMm": float(sr), "spacingColMm": float(sc),
                "sizePx": m.size_px, "networkSpacingMm": m.spacing_mm, "modelVersion": m.raw["version"],
                "channels": m.n_classes}
        (out / f"{name}.json").write_text(json.dumps(meta, indent=1))
        print(f"{name}: {hu.shape[0]}x{hu.shape[1]} at {sr:.3f}x{sc:.3f} mm, kidney px {(labels > 0).sum()}")


if __name__ == "__main__":
    main()
