#!/usr/bin/env bash
# The one test command (README, .ci/run): starts the real PostgreSQL and Kafka if they are not up,
# type-checks, lints, checks the formatting (Prettier), then runs every unit and integration test with jest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/local/infra.sh up
# shellcheck disable=SC1091
source .data/env
export NODE_ENV=test
echo "== type check"; npx tsc -p tsconfig.json --noEmit
echo "== lint"; npx eslint apps libs tools bench e2e
echo "== format"; npx prettier --check . --log-level warn || { echo "Unformatted files (above): run npm run format"; exit 1; }
echo "== tests"; npx jest --ci --maxWorkers=2 "$@"
