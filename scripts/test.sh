#!/usr/bin/env bash
# The whole test suite: unit tests, then integration tests on the real PostgreSQL+pgvector and RabbitMQ that
# scripts/infra.sh installs (first time) and starts. Extra arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO"

say "infrastructure"; coding_infra; coding_secrets
say "tiny model vocabulary"; "$REPO/scripts/llama.sh" install >/dev/null
say "build"; dotnet build Coding.sln -c Release -nologo -v quiet -clp:ErrorsOnly

# artifacts/test/logs collects every log the run writes (worker processes, in-process hosts); the log scan, the last
# integration test, reads them all for note text, so each run starts it empty.
rm -rf artifacts/test
mkdir -p artifacts/test
status=0
for project in tests/Coding.UnitTests tests/Coding.IntegrationTests; do
  say "test $project"
  dotnet test "$project" -c Release --no-build -nologo "$@" 2>&1 | tee "artifacts/test/$(basename "$project").log" || status=1
done

# One closing line for people and CI alike, summed over both projects.
sum() { grep -hoE "$1: +[0-9]+" artifacts/test/*.log | awk '{s+=$NF} END {print s+0}'; }
echo "tests: $(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit $status
