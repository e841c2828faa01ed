"""Contact sheet of synthetic lesions so a person can judge their realism.

    /usr/bin/python3 -m seg.contact_sheet --out runs/synthetic_examples.png

The sheet shows crops of the licensed reference images, so it is written under runs/ (ignored
by git) and never committed.

Each tile is a real training slice (manifest grid, window 0-255 HU) with one synthetic lesion,
cropped around the kidney; the lesion outline is drawn in the right-hand copy (red tumour,
yellow cyst). The last row shows real KiTS tumour slices for comparison.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage as ndi

from .data import to_grid, training_slices
from .loaders import load_kits_tumour_slices
from .manifest import load_manifest
from .synth import HuModel, SynthParams, insert_lesion
from .train import get_bank


def _tile(hu, lab, centre, half=48, outline=True):
    r, c = int(centre[0]), int(centre[1])
    pad = np.pad(hu, half, constant_values=-1000)
    lp = np.pad(lab, half)
    crop = pad[r:r + 2 * half, c:c + 2 * half]
    lc = lp[r:r + 2 * half, c:c + 2 * half]
    g = (np.clip(crop, 0, 255)).astype(np.uint8)
    rgb = np.stack([g, g, g], -1)
    out = rgb.copy()
    if outline:
        for val, col in ((2, (255, 40, 40)), (3, (255, 220, 0))):
            m = lc == val
            edge = m & ~ndi.binary_erosion(m)
            out[edge] = col
    return np.concatenate([rgb, out], 1)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "runs" / "synthetic_examples.png"))
    ap.add_argument("--n", type=int, default=24)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--synth-version", type=int, choices=SynthParams.VERSIONS, default=3)
    args = ap.parse_args(argv)
    m = load_manifest()
    rng = np.random.default_rng(args.seed)
    grid = [to_grid(s, m) for s in training_slices(m)]
    grid = [g for g in grid if (g.labels == 1).sum() > 100]
    params = SynthParams.of_version(args.synth_version)
    bank, hm = get_bank(levels=params.bank_levels), HuModel()
    tiles = []
    while len(tiles) < args.n:
        g = grid[rng.integers(len(grid))]
        hu = np.where(g.hu > -999, np.clip(g.hu, 0, 255), g.hu) if g.source == "curvas" else g.hu
        new, lab, info = insert_lesion(hu, g.labels, m.spacing_mm, bank, hm, rng, params)
        if not info:
            continue
        shown = lab.copy()
        if info["kind"] == "cyst":
            shown[(lab == 1) & (g.labels == 0)] = 3
            shown[(lab == 1) & (g.labels == 1) & (np.abs(new - hu) > 1)] = 3
        centre = ndi.center_of_mass(shown >= 2)
        tiles.append(_tile(new, shown, centre))
    real = []
    for s in load_kits_tumour_slices(m.unknown_spacing_mm)[:6]:
        gs = to_grid(s, m)
        real.append(_tile(gs.hu, gs.labels, ndi.center_of_mass(gs.labels == 2)))
    cols = 6
    rows = [np.concatenate(tiles[i:i + cols], 1) for i in range(0, len(tiles), cols)]
    rows.append(np.concatenate(real, 1))
    sheet = np.concatenate(rows, 0)
    img = Image.fromarray(sheet).resize((sheet.shape[1] * 2, sheet.shape[0] * 2), Image.NEAREST)
    ImageDraw.Draw(img).text((4, img.height - 2 * 96 + 4), "real KiTS19 tumours (reference)", fill=(0, 255, 0))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    img.save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
