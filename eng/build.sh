#!/usr/bin/env bash
# Build and formatting entry points for Toolkit.sln.
#
#   ./eng/build.sh [dotnet build args]   restore + Release build, warnings as errors (EstuaryStrict)
#   ./eng/build.sh format                check formatting and code style, change nothing (CI runs this)
#   ./eng/build.sh fix-format            apply the formatting and code-style fixes, then re-check
#
# Style rules in .editorconfig are `suggestion` (info) so they never fail the build; the format
# check is where they are enforced, hence `--severity info` below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SLN="$ROOT/Toolkit.sln"
REPORT_DIR="$ROOT/artifacts/format"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cd "$ROOT"
[[ -f "$SLN" ]] || { echo "build.sh: $SLN not found" >&2; exit 1; }

build() {
  # Restore separately so NuGet problems are reported apart from compile errors.
  dotnet restore "$SLN"
  dotnet build "$SLN" -c Release --no-restore -p:EstuaryStrict=true "$@"
}

# Prints the style findings from a `dotnet format --report` file and fails when there are any.
# A static field reported as missing `s_` is accepted when it starts with `t_`: that is our
# [ThreadStatic] convention, which EditorConfig naming rules cannot express.
style_findings() {
  python3 - "$1" "$ROOT" <<'PY'
import json, os, sys

report, root = sys.argv[1], sys.argv[2]
findings, sources = set(), {}
for doc in json.load(open(report, encoding="utf-8")) if os.path.exists(report) else []:
    path = doc["FilePath"]
    for change in doc["FileChanges"]:
        line, col, text = change["LineNumber"], change["CharNumber"], change["FormatDescription"]
        if change["DiagnosticId"] == "IDE1006" and "Missing prefix: 's_'" in text:
            if path not in sources:
                sources[path] = open(path, encoding="utf-8-sig").read().splitlines()
            if sources[path][line - 1][col - 1:].startswith("t_"):
                continue
        findings.add((os.path.relpath(path, root), line, col, text))
for path, line, col, text in sorted(findings):
    print(f"{path}({line},{col}): {text}")
sys.exit(1 if findings else 0)
PY
}

format_check() {
  local failed=0 rc=0
  echo "== dotnet format whitespace (verify)"
  dotnet format whitespace "$SLN" --verify-no-changes || failed=1

  echo "== dotnet format style --severity info (verify)"
  rm -rf "$REPORT_DIR"
  mkdir -p "$REPORT_DIR"
  # Exit code 2 only means "files would change"; the report says which, and style_findings filters it.
  dotnet format style "$SLN" --verify-no-changes --severity info --report "$REPORT_DIR" \
    >"$REPORT_DIR/style.log" 2>&1 || rc=$?
  if ((rc != 0 && rc != 2)); then
    cat "$REPORT_DIR/style.log"
    echo "build.sh: dotnet format style could not run (exit $rc)" >&2
    return 1
  fi
  style_findings "$REPORT_DIR/format-report.json" || failed=1

  if ((failed)); then
    echo "Formatting or code style differs from .editorconfig. Run ./eng/build.sh fix-format;" \
      "naming findings (IDE1006) must be fixed by hand." >&2
    return 1
  fi
  echo "Formatting and code style: clean."
}

fix_format() {
  # Twice: some fixes only become visible after others (e.g. `var` after a namespace conversion).
  dotnet format style "$SLN" --severity info || true
  dotnet format style "$SLN" --severity info || true
  dotnet format whitespace "$SLN"
  format_check
}

case "${1:-}" in
  format) format_check ;;
  fix-format) fix_format ;;
  -h | --help | help) sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" ;;
  build) shift && build "$@" ;;
  "" | -*) build "$@" ;;
  *)
    echo "usage: $0 [build|format|fix-format] [dotnet build args]" >&2
    exit 2
    ;;
esac
