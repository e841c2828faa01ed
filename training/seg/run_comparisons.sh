#!/usr/bin/env bash
# Short, equal-budget comparison runs (loss, normalisation, architecture) and their evaluation.
# Run from training/:  nohup nice -n 15 bash seg/run_comparisons.sh STEPS > runs/cmp/log.txt 2>&1 &
set -euo pipefail
STEPS=${1:-250}
COMMON="--steps $STEPS --batch 8 --crop 128 --features 12,24,48,96,192 --threads 1 --ckpt-minutes 5"
mkdir -p runs/cmp
run() {
  local name=$1; shift
  if [ ! -f runs/cmp/$name/final.pt ]; then
    /usr/bin/python3 -m seg.train --out runs/cmp/$name $COMMON "$@"
  fi
  if [ ! -f runs/cmp/$name/eval.json ]; then
    /usr/bin/python3 -m seg.evaluate --ckpt runs/cmp/$name/final.pt --no-clip-check --json runs/cmp/$name/eval.json
  fi
}
run dice_ce_window --loss dice_ce --norm window
run dice_window --loss dice --norm window
run dice_ce_minmax --loss dice_ce --norm minmax
run conventional --loss dice_ce --norm window --arch conventional
