#!/usr/bin/env bash
# Builds the screener and serves it on http://127.0.0.1:8080 with the built-in default
# configuration, rebuilding when a source file changes. `make serve` runs this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SETUP_SKIP_BROWSER=1
# shellcheck source=setup.sh
source "$ROOT/.ci/setup.sh"
cd "$ROOT"
exec trunk serve --offline --address 127.0.0.1 --port "${PORT:-8080}" "$@"
