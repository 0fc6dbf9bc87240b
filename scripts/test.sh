#!/usr/bin/env bash
# The whole test suite, as `npm test` and CI run it: types, unit, integration on PGlite and
# (when DATABASE_URL is set) again on PostgreSQL, then the browser journeys on Debian's Chromium.
set -euo pipefail
shopt -s globstar nullglob
cd "$(dirname "$0")/.."

bash scripts/ensure-system-packages.sh

echo "== typecheck"
npx tsc --noEmit -p .

echo "== unit"
node --import tsx --test src/**/*.test.ts

echo "== integration (PGlite)"
env -u DATABASE_URL node --import tsx --test test/integration/*.test.ts

if [ -n "${DATABASE_URL:-}" ]; then
  echo "== integration (PostgreSQL: ${DATABASE_URL%%@*}@…)"
  node --import tsx --test test/integration/*.test.ts
else
  echo "== integration (PostgreSQL): skipped, DATABASE_URL is not set"
fi

echo "== browser"
npx vite build --logLevel warn
env -u DATABASE_URL node --import tsx --test --test-concurrency=1 test/e2e/*.test.ts
