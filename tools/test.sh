#!/usr/bin/env bash
# The one test command: installs what the suite needs (Debian packages, only those missing), then runs every test.
# Extra arguments go to `dotnet test` (for example: tools/test.sh --filter FullyQualifiedName~Formats).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null; then
  echo "tools/test.sh: the .NET 10 SDK is needed (https://dotnet.microsoft.com/download)" >&2
  exit 2
fi
if [[ $(id -u) -eq 0 ]]; then
  bash tools/install-test-deps.sh
elif command -v sudo >/dev/null; then
  sudo bash tools/install-test-deps.sh
else
  echo "tools/test.sh: not root and no sudo: installing nothing (tools/install-test-deps.sh needs root)" >&2
fi
dotnet test CtcAlign.sln -c Release "$@"
