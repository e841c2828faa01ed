#!/usr/bin/env bash
# Installs everything the app, the tests and the training need on Debian 12.
# Idempotent: skips what is already there. Run as root or with sudo available.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  chromium chromium-driver
  python3-torch python3-torchvision python3-numpy python3-scipy python3-skimage
  python3-sklearn python3-nibabel python3-pydicom python3-onnx python3-pytest python3-pil
  dcmtk libopenjp2-tools
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  export ONNXRUNTIME_NODE_INSTALL=skip
  npm ci --no-audit --no-fund
fi
