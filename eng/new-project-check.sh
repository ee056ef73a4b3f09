#!/usr/bin/env bash
# Uses Estuary the way a new user does, from the packages only: ./eng/new-project-check.sh [--no-pack]
#
# In a fresh temporary folder, with an empty NuGet cache and the local feed artifacts/packages
# (made by ./eng/pack.sh first, unless --no-pack):
#   1. console      dotnet new console + dotnet add package Estuary; command, query and event handlers
#                   build (the typed SendAsync overload only exists if the generator ran) and run;
#   2. EST0001      a second handler for the same command fails the build with EST0001, its message,
#                   and its help link to docs/diagnostics/EST0001.md;
#   3. estuary-app  the template installs, builds with zero warnings and runs;
#   4. estuary-worker  builds with zero warnings, its tests pass against PostgreSQL, and
#                   dotnet publish -c Release -r linux-x64 gives a native binary with no IL/AOT warning
#                   that starts, handles one message and stops on SIGTERM;
#   5. packages     contain what they should and nothing else; restores printed no warning.
#
# Needs PostgreSQL (./eng/services.sh start). Prints one line per check and a closing line
# `N passed, N failed, 0 skipped`; exits non-zero if a check failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FEED="$ROOT/artifacts/packages"
LOGS="$ROOT/artifacts/new-project"
VERSION="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$ROOT/Directory.Build.props" | head -1)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1

if [[ "${1:-}" != "--no-pack" ]]; then
  "$ROOT/eng/pack.sh" || { echo "new-project-check: eng/pack.sh failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

WORK="$(mktemp -d /tmp/estuary-new-project.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
rm -rf "$LOGS"
mkdir -p "$LOGS"

# An empty package cache, so every Estuary package comes from the feed just packed. Other packages
# are read from the machine's cache where it has them (a fallback folder is only read, never written).
export NUGET_PACKAGES="$WORK/nuget-packages"
cat >"$WORK/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="estuary-local" value="$FEED" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="machine" value="$HOME/.nuget/packages" />
  </fallbackPackageFolders>
</configuration>
EOF

if [[ -z "${ESTUARY_POSTGRES:-}" ]]; then
  eval "$("$ROOT/eng/services.sh" env)"
fi

passed=0 failed=0
declare -a results=()
pass() { passed=$((passed + 1)); results+=("PASS  $1"); echo "new-project-check: PASS $1"; }
fail() { failed=$((failed + 1)); results+=("FAIL  $1: $2"); echo "new-project-check: FAIL $1: $2"; }

# Runs a command with its output in $LOGS/<name>.log; returns its exit code.
logged() {
  local name="$1"
  shift
  echo "+ $*" >>"$LOGS/$name.log"
  "$@" >>"$LOGS/$name.log" 2>&1
}

# Fails when a log shows a build or restore warning (NuGet NU*, compiler CS*, analyzer EST*, IL/AOT);
# `dotnet add package` prints NuGet's as `warn : NU...`.
no_warnings() {
  ! grep -E ': warning [A-Z]+[0-9]+|warn : ' "$LOGS/$1.log" | sort -u | tee -a "$LOGS/$1.warnings" | grep -q .
}

# --- 1. A console project from nothing but the package ------------------------------------------
check_console() {
  local dir="$WORK/Hello" log=console
  logged $log dotnet new console -n Hello -o "$dir" || return 1
  cd "$dir" || return 1
  # As docs/packages.md tells a user: the feed as a package source of the project, then the package.
  logged $log dotnet new nugetconfig || return 1
  logged $log dotnet nuget add source "$FEED" --name estuary --configfile nuget.config || return 1
  logged $log dotnet add package Estuary --version "$VERSION" || return 1
  logged $log dotnet add package Microsoft.Extensions.DependencyInjection --version 10.0.15 || return 1
  [[ -d "$NUGET_PACKAGES/estuary/$VERSION" ]] || { echo "Estuary was not restored from the feed" >>"$LOGS/$log.log"; return 1; }
  cat >Program.cs <<'EOF'
using Estuary;
using Hello;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddSingleton<Greetings>();
services.AddEstuary(estuary => estuary.AddModule<HelloModule>());
await using var provider = services.BuildServiceProvider();

await provider.GetRequiredService<ICommandBus>().SendAsync(new Greet("Ada"));
string last = await provider.GetRequiredService<IQueryBus>().SendAsync(new LastGreeting());
Console.WriteLine($"query: {last}");
EOF
  cat >Handlers.cs <<'EOF'
using Estuary;

namespace Hello;

public sealed record Greet(string Name);
public sealed record Greeted(string Name);
public sealed record LastGreeting;

public sealed class Greetings(IEventBus events)
{
    public string Last { get; private set; } = "none";

    [CommandHandler]
    public async ValueTask Handle(Greet command)
    {
        Last = $"hello {command.Name}";
        Console.WriteLine($"command: {Last}");
        await events.PublishAsync(new Greeted(command.Name));
    }

    [QueryHandler]
    public string Handle(LastGreeting query) => Last;
}

public static class Audit
{
    [EventHandler]
    public static void On(Greeted greeted) => Console.WriteLine($"event: {greeted.Name} was greeted");
}
EOF
  logged $log dotnet build -c Release || return 1
  no_warnings $log || return 1
  logged $log dotnet run -c Release --no-build || return 1
  local expected=$'command: hello Ada\nevent: Ada was greeted\nquery: hello Ada'
  [[ "$(grep -E '^(command|event|query):' "$LOGS/$log.log")" == "$expected" ]] || return 1
}

# --- 2. Wrong wiring is a compile-time error from the package's analyzers -------------------------
check_duplicate_handler() {
  local dir="$WORK/Hello" log=est0001
  cd "$dir" || return 1
  cat >SecondHandler.cs <<'EOF'
using Estuary;

namespace Hello;

public static class SecondGreeter
{
    [CommandHandler]
    public static void Handle(Greet command) { }
}
EOF
  if logged $log dotnet build -c Release "-p:ErrorLog=$WORK/est0001.sarif%2Cversion=2.1"; then
    echo "the build succeeded with two handlers for one command" >>"$LOGS/$log.log"
    return 1
  fi
  grep -qE "error EST0001: Command 'Greet' already has a handler, Greetings.Handle: remove SecondGreeter.Handle" "$LOGS/$log.log" || return 1
  # The help link an IDE shows next to the diagnostic.
  grep -q '"helpUri": "https://github.com/estuary-dotnet/estuary/blob/main/docs/diagnostics/EST0001.md"' "$WORK/est0001.sarif" || return 1
  [[ -f "$ROOT/docs/diagnostics/EST0001.md" ]] || return 1
  rm SecondHandler.cs
}

# --- 3. dotnet new estuary-app ----------------------------------------------------------------------
install_templates() {
  logged templates dotnet new install "$FEED/Estuary.Templates.$VERSION.nupkg" --debug:custom-hive "$WORK/hive"
}

check_app_template() {
  local log=estuary-app
  cd "$WORK" || return 1
  logged $log dotnet new estuary-app -n Corner.Shop -o "$WORK/app" --debug:custom-hive "$WORK/hive" || return 1
  cd "$WORK/app" || return 1
  logged $log dotnet build -c Release || return 1
  no_warnings $log || return 1
  dotnet run -c Release --no-build >"$LOGS/$log.out" 2>&1 || return 1
  cat "$LOGS/$log.out" >>"$LOGS/$log.log"
  # Exactly what docs/templates.md shows.
  diff -u - "$LOGS/$log.out" >>"$LOGS/$log.log" <<'EOF'
Confirmation: order of 2 x espresso beans received.
Order: 2 x espresso beans, placed by alice.
Shipping: 2 x espresso beans booked with the carrier.
Channel shipping: 1 received (Handled: 1).
EOF
}

# --- 4. dotnet new estuary-worker: build, test on PostgreSQL, NativeAOT binary ----------------------
check_worker_template() {
  local log=estuary-worker dir="$WORK/worker"
  cd "$WORK" || return 1
  logged $log dotnet new estuary-worker -n Acme.Billing -o "$dir" --debug:custom-hive "$WORK/hive" || return 1
  cd "$dir" || return 1
  export ConnectionStrings__Accounts="$ESTUARY_POSTGRES"
  logged $log dotnet build -c Release || return 1
  no_warnings $log || return 1
  logged $log dotnet test -c Release --no-build || return 1
  grep -qE 'Passed! +- Failed: +0, Passed: +3' "$LOGS/$log.log" || return 1

  local publish=aot-publish
  logged $publish dotnet publish src/Acme.Billing -c Release -r linux-x64 -p:TrimmerSingleWarn=false || return 1
  no_warnings $publish || return 1
  local binary="src/Acme.Billing/bin/Release/net10.0/linux-x64/publish/Acme.Billing"
  [[ -x "$binary" && "$(head -c 4 "$binary" | tail -c 3)" == "ELF" ]] || return 1
  # A native binary has no managed entry assembly beside it.
  [[ ! -f "src/Acme.Billing/bin/Release/net10.0/linux-x64/publish/Acme.Billing.dll" ]] || return 1

  # Start it: the demo deposit goes through the PostgreSQL channel to the notifier; then stop it.
  local run="$LOGS/aot-run.log"
  (cd "$(dirname "$binary")" && exec ./Acme.Billing) >"$run" 2>&1 &
  local pid=$!
  local waited=0
  until grep -q 'Notified demo-' "$run" || ((waited >= 60)); do
    sleep 1
    waited=$((waited + 1))
  done
  kill -TERM "$pid" 2>/dev/null
  local rc=0
  wait "$pid" || rc=$?
  grep -q 'Notified demo-.*25.00 deposited, balance 25.00' "$run" || return 1
  ((rc == 0)) || { echo "the worker exited with $rc after SIGTERM" >>"$run"; return 1; }

  # The operations commands in the native binary (docs/templates.md).
  local cli="$LOGS/aot-cli.log"
  (cd "$(dirname "$binary")" && ./Acme.Billing estuary endpoints && ./Acme.Billing estuary schema print) >"$cli" 2>&1 || return 1
  grep -q 'statements.deposit' "$cli" && grep -q 'CREATE TABLE' "$cli"
}

# --- 5. What the packages hold ---------------------------------------------------------------------
check_packages() {
  python3 - "$FEED" "$VERSION" >>"$LOGS/packages.log" 2>&1 <<'PY'
import re, sys, zipfile
from pathlib import Path

feed, version = Path(sys.argv[1]), sys.argv[2]
libraries = ["Estuary", "Estuary.Postgres", "Estuary.RabbitMQ", "Estuary.Kafka", "Estuary.EntityFrameworkCore", "Estuary.Testing", "Estuary.Cli"]
problems = []

def check(condition, message):
    if not condition:
        problems.append(message)

def nuspec(z):
    return z.read(next(n for n in z.namelist() if n.endswith(".nuspec"))).decode("utf-8")

for name in libraries + ["Estuary.Templates"]:
    path = feed / f"{name}.{version}.nupkg"
    check(path.exists(), f"{path.name} is missing")
    if not path.exists():
        continue
    with zipfile.ZipFile(path) as z:
        files = z.namelist()
        spec = nuspec(z)
        for field in ["license", "projectUrl", "readme", "description", "releaseNotes", "tags", "repository"]:
            check(f"<{field}" in spec, f"{name}: nuspec has no <{field}>")
        check("README.md" in files, f"{name}: no README.md")
        # A template's own test project is content; anything else named like a test is a leak.
        leaked = [f for f in files if not f.startswith("content/") and re.search(r"(?i)(tests?[./]|benchmark|fixtures)", f)]
        leaked += [f for f in files if re.search(r"(?i)(^|/)(bin|obj)/", f)]
        check(not leaked, f"{name}: test, benchmark or build-output files: {leaked}")
        if name in libraries:
            check(f"lib/net10.0/{name}.dll" in files, f"{name}: no lib/net10.0/{name}.dll")
            check(f"lib/net10.0/{name}.xml" in files, f"{name}: no XML documentation")
            check((feed / f"{name}.{version}.snupkg").exists(), f"{name}: no symbols package")
            check(not [f for f in files if "Generators" in f or "Analyzers" in f or "CodeFixes" in f] or name == "Estuary",
                  f"{name}: carries Roslyn components")
            check(not re.search(r'id="Estuary\.(Generators|Analyzers|CodeFixes)"', spec), f"{name}: depends on a Roslyn component package")
            if name != "Estuary":
                check(f'id="Estuary" version="{version}"' in spec, f"{name}: does not depend on Estuary {version}")
        if name == "Estuary":
            for component in ["Estuary.Generators", "Estuary.Analyzers", "Estuary.CodeFixes"]:
                check(f"analyzers/dotnet/cs/{component}.dll" in files, f"Estuary: no analyzers/dotnet/cs/{component}.dll")
                check(f"lib/net10.0/{component}.dll" not in files, f"Estuary: {component} is a runtime reference")
        if name == "Estuary.Kafka":
            # Keeps Confluent.Kafka whole under NativeAOT in the apps that reference the package, directly or not.
            for folder in ["build", "buildTransitive"]:
                check(f"{folder}/Estuary.Kafka.targets" in files, f"Estuary.Kafka: no {folder}/Estuary.Kafka.targets")
        if name == "Estuary.Templates":
            check("<packageType name=\"Template\"" in spec, "Estuary.Templates: not a template package")
            for template in ["estuary-app", "estuary-worker"]:
                check(f"content/{template}/.template.config/template.json" in files, f"Estuary.Templates: no {template}")
            for f in files:
                if f.startswith("content/") and not f.endswith("/"):
                    text = z.read(f).decode("utf-8", errors="replace")
                    check("ESTUARY_VERSION" not in text, f"Estuary.Templates: {f} still holds the version token")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
PY
}

run_check() {
  local name="$1" description="$2"
  shift 2
  if "$@"; then pass "$description"; else fail "$description" "see artifacts/new-project/$name.log"; fi
  cd "$WORK" || exit 1
}

run_check console "console project with dotnet add package Estuary builds and runs" check_console
run_check est0001 "a second command handler fails the build with EST0001 and its help link" check_duplicate_handler
if install_templates; then
  run_check estuary-app "dotnet new estuary-app builds with no warning and runs" check_app_template
  run_check estuary-worker "dotnet new estuary-worker builds, tests pass on PostgreSQL, native binary handles a message" check_worker_template
else
  fail "templates" "dotnet new install failed: see artifacts/new-project/templates.log"
fi
run_check packages "packages hold what they should" check_packages

echo
printf '%s\n' "${results[@]}"
echo "$passed passed, $failed failed, 0 skipped"
((failed == 0))
