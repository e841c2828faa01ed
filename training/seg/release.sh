#!/usr/bin/env bash
# Export a finished run into models/segmentation, evaluate it on the held-out data and write the
# model card. Run from training/:  bash seg/release.sh runs/main/final.pt
# For a network fine-tuned on the KiTS slices (seg/finetune_cv.sh), name the cross-validation:
#   KITS_CV=runs/ft/cv.json FT_LOG=runs/ft/all/log.jsonl bash seg/release.sh runs/ft/all/final.pt
# Fine-tuning recipes to list in the card (each folder needs cv.json and all/eval.json):
#   TRIALS="--trial runs/ft --trial runs/ft2" ...
set -euo pipefail
CKPT=${1:-runs/main/final.pt}
PY=/usr/bin/python3
$PY -m seg.export_tfjs --ckpt "$CKPT" --out ../models/segmentation
$PY -m seg.evaluate --ckpt ../models/segmentation/model.pt --json ../models/segmentation/evaluation.json ${KITS_CV:+--kits-cv "$KITS_CV"} ${TRIALS:-}
$PY -m seg.card --eval ../models/segmentation/evaluation.json --comparisons runs/cmp --train-log runs/main/log.jsonl ${FT_LOG:+--finetune-log "$FT_LOG"}
