#!/usr/bin/env bash
# Runs every test in the repository: ./eng/test.sh [extra dotnet test args, e.g. --filter "Category!=Slow"]
#
# 1. starts PostgreSQL and RabbitMQ (eng/services.sh) and exports ESTUARY_POSTGRES / ESTUARY_RABBITMQ;
# 2. restores and builds Toolkit.sln in Release with warnings as errors;
# 3. runs each test project under tests/ and samples/*.Tests (all of them, even after a failure), one .trx file each,
#    into artifacts/test-results;
# 4. sums the .trx counters and prints one closing line, `N passed, N failed, N skipped`.
#
# Exits non-zero when a test failed or something could not run. A step or test project that could
# not run at all (services, build, a crashed test host) counts as one failed test in the closing
# line, so that line never reads "0 failed" for a broken run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SLN="$ROOT/Toolkit.sln"
RESULTS="$ROOT/artifacts/test-results"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cd "$ROOT"

passed=0 failed=0 skipped=0
declare -a report=()

section() { printf '\n=== %s\n' "$*"; }

# Prints the closing line (the last line of output, which CI reads) and exits.
finish() {
  if ((${#report[@]})); then
    section "Summary"
    printf '%s\n' "${report[@]}"
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
  if ((failed)); then exit 1; fi
  exit 0
}

# A whole step failed before any test could run: one failure, then stop.
abort() {
  echo "test.sh: $*" >&2
  failed=$((failed + 1))
  finish
}

# Counts of one .trx file as "passed failed skipped", from its <Counters> element. Errors, timeouts
# and aborted tests count as failed. Skipped tests are results with outcome NotExecuted: the trx
# logger leaves them out of the counters (only total - executed shows them).
trx_counts() {
  python3 - "$1" <<'PY'
import sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
counters = root.find("t:ResultSummary/t:Counters", ns)
get = lambda name: int(counters.get(name, 0))
skipped = len(root.findall("t:Results/t:UnitTestResult[@outcome='NotExecuted']", ns))
print(get("passed"), get("failed") + get("error") + get("timeout") + get("aborted"), max(skipped, get("notExecuted")))
PY
}

[[ -f "$SLN" ]] || abort "$SLN not found"
mapfile -t projects < <({ find tests -mindepth 2 -maxdepth 2 -name '*.csproj'; find samples -mindepth 2 -maxdepth 2 -name '*.Tests.csproj'; } | sort)
((${#projects[@]})) || abort "no test projects found (tests/*/*.csproj)"

section "Services"
"$ROOT/eng/services.sh" start || abort "eng/services.sh start failed"
eval "$("$ROOT/eng/services.sh" env)"

section "Build (Release, warnings as errors)"
dotnet restore "$SLN" || abort "restore failed"
dotnet build "$SLN" -c Release --no-restore -p:EstuaryStrict=true || abort "build failed"

# `dotnet test --no-build` cannot run a project that the solution build skipped.
solution_projects="$(dotnet sln "$SLN" list | sed 's|\\|/|g')"

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  trx="$RESULTS/$name.trx"
  section "Tests: $name"
  if ! grep -qxF "$project" <<<"$solution_projects"; then
    echo "test.sh: $project is not in Toolkit.sln; add it with: dotnet sln Toolkit.sln add $project" >&2
    failed=$((failed + 1))
    report+=("$(printf '%-40s not in Toolkit.sln (counted as 1 failed)' "$name")")
    continue
  fi
  rc=0
  dotnet test "$project" --no-build -c Release \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" "$@" || rc=$?
  if [[ -f "$trx" ]]; then
    counts="$(trx_counts "$trx")" || { counts="0 1 0"; echo "test.sh: cannot read $trx" >&2; }
    read -r p f s <<<"$counts"
    # A non-zero exit with no failed test means the run itself broke (e.g. the test host crashed).
    if ((rc != 0 && f == 0)); then
      f=1
      echo "test.sh: dotnet test exited with $rc but reported no failed test; counting 1 failure" >&2
    fi
  elif ((rc == 0)); then
    # Ran cleanly without a result file: a helper library under tests/, not a test project.
    report+=("$(printf '%-40s no tests (not a test project)' "$name")")
    continue
  else
    read -r p f s <<<"0 1 0"
    echo "test.sh: $name did not run (dotnet test exit $rc, no $trx); counting 1 failure" >&2
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  report+=("$(printf '%-40s %s passed, %s failed, %s skipped' "$name" "$p" "$f" "$s")")
done

finish
