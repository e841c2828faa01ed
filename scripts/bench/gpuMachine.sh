#!/usr/bin/env bash
# The browser benchmark on a machine with a real GPU: headless Chromium with a
# hardware WebGPU adapter (Vulkan). Fails, rather than print software-adapter
# figures, when Chromium finds no hardware adapter.
#
#   bash scripts/bench/gpuMachine.sh [extra npm run bench options]
#
# Needs: Node 20 and `npm ci` (with ONNXRUNTIME_NODE_INSTALL=skip), Chromium or
# Chrome with WebGPU (CHROMIUM_PATH, default /usr/bin/chromium), the GPU's
# Vulkan driver and loader (libvulkan1; `vulkaninfo --summary` lists the GPU),
# and the study at $SHARED_DATA/ct/ircadb-01 (default ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/../.."

if command -v nvidia-smi >/dev/null; then
  gpu="$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -1)"
elif command -v vulkaninfo >/dev/null; then
  gpu="$(vulkaninfo --summary 2>/dev/null | awk -F= '/deviceName/ {print $2; exit}' | xargs)"
else
  gpu="unknown GPU"
fi
machine="${BENCH_MACHINE:-$gpu; $(nproc) CPU threads; $(uname -sr)}"
echo "gpuMachine: $machine"

npm run bench -- \
  --gpu \
  --targets browser,node \
  --backends tfjs-webgpu,tfjs-webgl,ort-webgpu,tfjs-wasm,ort-wasm,node-tfjs-wasm,node-ort-cpu \
  --slices 16 --warmup 3 --reps 5 --batch 1,4,8 \
  --study all \
  --machine "$machine" \
  "$@"
