"""The one command that reproduces the planning model and every figure in its model card:
features of all masks, repeated cross-validation with ablations and baselines, the final
model, its tfjs export, the manifest and MODEL_CARD.md.

    cd training && nice /usr/bin/python3 -m plan.run_all [--seeds 3]   # ~40 min on 2 busy cores
"""
from __future__ import annotations

import argparse
import subprocess
import sys

from . import dataset
from .evaluate import EVALUATION_PATH
from .export import export


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--skip-evaluation", action="store_true",
                    help="reuse models/planning/evaluation.json (with its paired differences)")
    a = ap.parse_args()
    dataset.load()
    if not a.skip_evaluation:
        subprocess.run([sys.executable, "-m", "plan.evaluate", "--seeds", str(a.seeds),
                        "--out", str(EVALUATION_PATH)], check=True)
        subprocess.run([sys.executable, "-m", "plan.compare", str(EVALUATION_PATH)], check=True)
    print(export())


if __name__ == "__main__":
    main()
