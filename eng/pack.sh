#!/usr/bin/env bash
# Packs every shipped package into artifacts/packages: ./eng/pack.sh
#
#   Estuary                      runtime + source generator + analyzers + code fixes (analyzers/dotnet/cs)
#   Estuary.Postgres             PostgreSQL channels, outbox, stores
#   Estuary.RabbitMQ             RabbitMQ channels and topology
#   Estuary.Kafka                Kafka channels (with build targets that keep Confluent.Kafka working under NativeAOT)
#   Estuary.EntityFrameworkCore  EF Core aggregate repositories
#   Estuary.Testing              the flow-testing harness
#   Estuary.Cli                  operations commands hosted by the application
#   Estuary.Templates            dotnet new estuary-app / estuary-worker
#
# Each package comes with its symbols package (.snupkg). The version is Directory.Build.props'
# <Version>; packing is deterministic (ContinuousIntegrationBuild), so one commit gives the same
# assemblies wherever it is packed. Needs no network beyond the NuGet restore.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/artifacts/packages"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

projects=(
  src/Estuary/Estuary.csproj
  src/Estuary.Postgres/Estuary.Postgres.csproj
  src/Estuary.RabbitMQ/Estuary.RabbitMQ.csproj
  src/Estuary.Kafka/Estuary.Kafka.csproj
  src/Estuary.EntityFrameworkCore/Estuary.EntityFrameworkCore.csproj
  src/Estuary.Testing/Estuary.Testing.csproj
  src/Estuary.Cli/Estuary.Cli.csproj
  templates/Estuary.Templates.csproj
)

cd "$ROOT"
rm -rf "$OUT"
mkdir -p "$OUT"
for project in "${projects[@]}"; do
  echo "pack.sh: $project"
  dotnet pack "$project" -c Release -o "$OUT" -p:EstuaryStrict=true -p:EstuaryPack=true --nologo -v:quiet
done
echo "pack.sh: packages in ${OUT#"$ROOT"/}:"
ls -l "$OUT" | awk 'NR > 1 { printf "  %-48s %8.1f KB\n", $9, $5 / 1024 }'
