#!/usr/bin/env bash
# `npm run bench`: every benchmark against the real stack, each printing its figures beside a ceiling
# measured in the same run; JSON results under bench/results/. Not part of the timed test suite.
#   npm run bench                 # all
#   npm run bench -- relay        # one: relay | gateway | intake | registration
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/local/infra.sh up
# shellcheck disable=SC1091
source .data/env
export NODE_ENV=production OW_LOG_LEVEL=warn
run() { echo; echo "### bench/$1.ts"; node -r @swc-node/register "bench/$1.ts" "${@:2}"; }
which=("${@:-relay gateway intake registration}")
for b in ${which[*]}; do
  if [ -f "bench/$b.ts" ]; then run "$b"; else echo "(no bench/$b.ts)"; fi
done
