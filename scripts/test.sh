#!/usr/bin/env bash
# Runs every test suite vnm has, after installing what is missing (scripts/setup.sh).
# Each suite adds its own counts; checks (typecheck, lint, format, build) count as one test.
# The last line is the sum over all suites: `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
echo "setup: $SECONDS s"
mkdir -p test-results
PASSED=0
FAILED=0
SUMMARY=()

# Each suite's wall time is printed beside its counts: CI must stay under 30 minutes, and this
# is where to look first when it grows.
SUITE_START=$SECONDS
add() { # suite passed failed
  PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3))
  SUMMARY+=("$1: $2 passed, $3 failed ($((SECONDS - SUITE_START)) s)")
  SUITE_START=$SECONDS
}

check() { # name command...: a check that passes or fails as a whole
  local name=$1; shift
  echo "=== $name"
  if "$@"; then add "$name" 1 0; else add "$name" 0 1; fi
}

vitest_suite() { # name config
  local name=$1 config=$2 json=test-results/$1.json
  echo "=== $name"
  rm -f "$json"
  npx vitest run -c "$config" --reporter=default --reporter=json --outputFile.json="$json"
  if [ -f "$json" ]; then
    read -r p f < <(node -e "const r=JSON.parse(require('fs').readFileSync('$json','utf8'));console.log(r.numPassedTests+' '+(r.numFailedTests+(r.success||r.numFailedTests?0:1)))")
    add "$name" "$p" "$f"
  else
    add "$name" 0 1
  fi
}

e2e_suite() { # Playwright in Debian's Chromium against real vnmd sandboxes
  local json=test-results/e2e.json
  echo "=== e2e"
  rm -f "$json"
  CI=1 npx playwright test
  if [ -f "$json" ]; then
    read -r p f < <(node -e "const s=JSON.parse(require('fs').readFileSync('$json','utf8')).stats;console.log(s.expected+' '+(s.unexpected+s.flaky))")
    add e2e "$p" "$f"
  else
    add e2e 0 1
  fi
}

line_suite() { # name command...: a runner that prints its own `N passed, N failed` line
  local name=$1; shift
  echo "=== $name"
  local out=test-results/$name.out
  "$@" 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  local counts
  counts=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$out" | tail -1)
  if [ -n "$counts" ]; then
    local p f
    p=$(echo "$counts" | awk '{print $1}'); f=$(echo "$counts" | awk '{print $3}')
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    add "$name" "$p" "$f"
  else
    add "$name" 0 1
  fi
}

check typecheck npm run -s typecheck
check lint npm run -s lint
check format npm run -s format:check
vitest_suite unit vitest.config.ts
line_suite conformance npx tsx scripts/conformance.ts
check build npm run -s build
if [ "$(id -u)" -eq 0 ]; then
  vitest_suite integration vitest.integration.config.ts
  e2e_suite
else
  echo "=== integration and e2e: skipped (they need root to create network namespaces)"
fi

echo
for s in "${SUMMARY[@]}"; do echo "  $s"; done
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
