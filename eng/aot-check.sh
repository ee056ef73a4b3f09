#!/usr/bin/env bash
# NativeAOT check: publish the quickstart sample as a native linux-x64 binary, fail on any build,
# trim or AOT warning, then run the binary and fail unless it exits 0 and prints its closing line.
#
#   ./eng/aot-check.sh [Project.csproj]      default: samples/Quickstart/Quickstart.csproj
#
#   ESTUARY_AOT_MARKER    line the program must print   (default "Quickstart finished.")
#   ESTUARY_AOT_TIMEOUT   seconds the run may take       (default 60)
#   ESTUARY_AOT_ALLOW     extended regex of warning lines that are listed but do not fail the check
#                         (warnings that a third-party assembly reports about itself; default: none)
#
# Output goes to artifacts/aot/<project name in lower case>/, the publish log next to it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$(realpath -m "${1:-$ROOT/samples/Quickstart/Quickstart.csproj}")"
MARKER="${ESTUARY_AOT_MARKER:-Quickstart finished.}"
TIMEOUT="${ESTUARY_AOT_TIMEOUT:-60}"
ALLOW="${ESTUARY_AOT_ALLOW:-}"
RID=linux-x64
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

NAME="$(basename "$PROJECT" .csproj)"
OUT="$ROOT/artifacts/aot/${NAME,,}"
LOG="$ROOT/artifacts/aot/${NAME,,}-publish.log"

fail() {
  echo "aot-check: FAILED: $*" >&2
  exit 1
}

cd "$ROOT"
[[ -f "$PROJECT" ]] || fail "project not found: $PROJECT"

# Ask MSBuild rather than guess: the binary's name and where ILC keeps its intermediate files.
# The project sets PublishAot itself (so `dotnet publish -r linux-x64` is enough); the publish below also
# passes it with -p, as docs/getting-started.md does, which must not reach the Roslyn components.
props="$(dotnet msbuild "$PROJECT" -nologo -p:Configuration=Release -p:RuntimeIdentifier="$RID" \
  -getProperty:PublishAot -getProperty:AssemblyName -getProperty:IntermediateOutputPath)" ||
  fail "cannot evaluate $PROJECT"
read -r publish_aot assembly_name intermediate < <(python3 -c '
import json, sys
p = json.load(sys.stdin)["Properties"]
print(p["PublishAot"] or "false", p["AssemblyName"], p["IntermediateOutputPath"].replace("\\", "/"))' <<<"$props")
[[ "$publish_aot" == true ]] || fail "$PROJECT does not set <PublishAot>true</PublishAot>"
[[ "$intermediate" == /* ]] || intermediate="$(dirname "$PROJECT")/$intermediate"

# ILC is incremental: when its output is up to date it does not run, and its warnings are not
# printed again. Remove its intermediate directory so every check sees the full analysis.
rm -rf "${intermediate%/}/native"

echo "== dotnet publish $NAME (NativeAOT, $RID)"
rm -rf "$OUT"
mkdir -p "$OUT"
rc=0
dotnet publish "$PROJECT" -c Release -r "$RID" -p:PublishAot=true -p:TrimmerSingleWarn=false -o "$OUT" -tl:off \
  2>&1 | tee "$LOG" || rc=$?
((rc == 0)) || fail "dotnet publish exited with $rc (log: $LOG)"

# Any warning fails the check: compiler (CSxxxx), trimming (IL2xxx), AOT (IL3xxx), NuGet, MSBuild.
# MSBuild prints each warning twice (inline and in the summary), hence sort -u.
warnings="$(grep -E '(^|[^[:alnum:]_])warning( [A-Z]+[0-9]+)?[[:space:]]*:' "$LOG" | sort -u || true)"
if [[ -n "$ALLOW" && -n "$warnings" ]]; then
  allowed="$(grep -E -- "$ALLOW" <<<"$warnings" || true)"
  warnings="$(grep -v -E -- "$ALLOW" <<<"$warnings" || true)"
  if [[ -n "$allowed" ]]; then
    echo "Allowed warnings (matching '$ALLOW'), $(wc -l <<<"$allowed") line(s):"
    echo "$allowed"
  fi
fi
if [[ -n "$warnings" ]]; then
  echo "$warnings" >&2
  fail "publish produced $(wc -l <<<"$warnings") warning line(s) (log: $LOG)"
fi
echo "Publish: no warnings${ALLOW:+ besides the allowed ones}."

binary="$OUT/$assembly_name"
[[ -x "$binary" ]] || fail "native binary not found: $binary"
size="$(stat -c %s "$binary")"

echo "== run $binary"
stdout="$ROOT/artifacts/aot/${NAME,,}-run.log"
start="$(date +%s%N)"
rc=0
timeout "$TIMEOUT" "$binary" >"$stdout" || rc=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
cat "$stdout"

awk -v b="$binary" -v s="$size" 'BEGIN { printf "Binary: %s (%d bytes, %.1f MiB)\n", b, s, s / 1048576 }'
echo "Run: exit $rc, ${elapsed_ms} ms wall time"
((rc != 124)) || fail "the program did not finish within ${TIMEOUT} s"
((rc == 0)) || fail "the program exited with $rc"
tr -d '\r' <"$stdout" | grep -qxF "$MARKER" || fail "the program did not print the line '$MARKER'"
echo "AOT check passed."
