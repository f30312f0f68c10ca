#!/usr/bin/env bash
# CI entry for everything that needs a real VS Code: install (cached), the integration
# suite inside the extension host (then its Restricted Mode suite in an untrusted window, and
# its two cold-start suites, each alone in a folder that activates nothing until a command runs),
# the e2e helpers' self-test, then the e2e checks.
# Build the extension first (`npm run build`) so dist/client.js exists.
#
#   scripts/vscode/test.sh            all of it
#   scripts/vscode/test.sh --no-e2e   install + integration suite only
set -euo pipefail
cd "$(dirname "$0")/../.."

now() { date +%s.%N; }
secs() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
t0=$(now)
status=0
step() { # name, command...
  local name=$1 t; shift; t=$(now)
  echo "=== $name"
  if "$@"; then echo "=== $name: ok ($(secs "$t") s)"; else status=1; echo "=== $name: FAILED ($(secs "$t") s)"; fi
}

step install scripts/vscode/install.sh
[ "$status" -eq 0 ] || exit "$status"
step integration node test/integration/run.mjs
step integration-restricted node test/integration/run.mjs --restricted --grep 'Restricted Mode'
step integration-cold node test/integration/run.mjs --cold --grep 'cold start: a command activates'
step integration-cold-same-turn node test/integration/run.mjs --cold --grep 'cold start: a command in the turn'
if [ "${1:-}" != --no-e2e ]; then
  step e2e-selftest node test/e2e/run.mjs --selftest
  step e2e node test/e2e/run.mjs
fi
echo "=== total $(secs "$t0") s, exit $status"
exit "$status"
