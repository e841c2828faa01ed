#!/usr/bin/env bash
# Python tests of the training pipeline, on Debian's interpreter (it has torch).
set -euo pipefail
cd "$(dirname "$0")/../training"
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests
