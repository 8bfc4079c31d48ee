#!/usr/bin/env bash
# Tries the intake locally: builds the release app, starts the test FHIR server (Medplum's
# router in memory, tests/e2e/fhir/server.mjs) on http://127.0.0.1:8590/fhir/R4 and serves
# the app configured to send to it (tests/e2e/host/configs/referral.json) on
# http://127.0.0.1:8585/. `make try-referral` runs this; Ctrl-C stops both servers.
# See what arrived: curl http://127.0.0.1:8590/__control/resources
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SETUP_SKIP_BROWSER=1
# shellcheck source=setup.sh
source "$ROOT/.ci/setup.sh"
cd "$ROOT"
rm -rf dist
trunk build --release --offline
trap 'kill 0' EXIT INT TERM
node --experimental-websocket tests/e2e/fhir/server.mjs --port 8590 --allow-origin http://127.0.0.1:8585 &
node tests/e2e/server.mjs --port 8585 --root dist --config tests/e2e/host/configs/referral.json \
  --connect-src http://127.0.0.1:8590 &
printf '\nOpen http://127.0.0.1:8585/ ; referrals arrive at http://127.0.0.1:8590/fhir/R4\n'
printf 'Stored so far: curl http://127.0.0.1:8590/__control/resources\n\n'
wait
