#!/usr/bin/env bash
# Cross-validated fine-tuning on the real KiTS tumour slices, then the shipped network on all of them.
# Run from training/:  bash seg/finetune_cv.sh [runs/ft] [steps]
# Further options for seg.finetune (e.g. "--p-real 0.2 --lr 2e-4") in $FT_ARGS.
# Skips a fold whose final.pt exists, so a stopped run resumes fold by fold.
set -euo pipefail
OUT=${1:-runs/ft}
STEPS=${2:-1200}
INIT=${INIT:-runs/main/final.pt}
PY=/usr/bin/python3
for FOLD in 0 1 2 3 all; do
  DIR="$OUT/fold$FOLD"
  [ "$FOLD" = all ] && DIR="$OUT/all"
  if [ -f "$DIR/final.pt" ]; then echo "skip $DIR (done)"; continue; fi
  $PY -m seg.finetune --init "$INIT" --fold "$FOLD" --folds 4 --steps "$STEPS" --out "$DIR" ${FT_ARGS:-}
done
$PY -m seg.finetune --report "$OUT"
