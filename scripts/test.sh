#!/usr/bin/env bash
# Runs every test: TypeScript type check, unit tests (Vitest), Python tests
# (pytest, training pipeline) and end-to-end tests (Playwright, Debian Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export SHARED_DATA="${SHARED_DATA:-$(cd .. && pwd)/shared/data}"

bash scripts/setup.sh
npm run --silent example
npx tsc -p tsconfig.json --noEmit
npx vitest run
bash scripts/testPython.sh
npx playwright test
