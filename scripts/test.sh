#!/usr/bin/env bash
# `npm test`: every test. Types and lint first (cheap, and they catch what
# tests cannot), then Vitest (units and integration against an embedded
# PostgreSQL), then the Playwright journeys in Debian's Chromium against the
# built console.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== typecheck and lint"
npx tsc --noEmit
npx eslint --max-warnings 0 .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

echo "== unit and integration tests (vitest)"
npx vitest run

echo "== browser journeys (playwright)"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium is missing: install it with 'apt-get install chromium' (or set CHROMIUM_PATH)." >&2
  exit 1
fi
npx playwright test
