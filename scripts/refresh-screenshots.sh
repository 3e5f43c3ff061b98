#!/usr/bin/env bash
# Refreshes the README's screenshots in docs/screenshots from the browser tests (which otherwise save them
# beside their binaries, leaving tracked files alone). Review the images and commit them when they are right.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/AnalysisHub.Browser.Tests -c Debug --nologo -v quiet
HUB_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/AnalysisHub.Browser.Tests -c Debug --no-build --nologo
git status --short docs/screenshots
