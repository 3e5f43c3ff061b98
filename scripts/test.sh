#!/usr/bin/env bash
# Runs every test of the solution. The README's test command and CI (.ci/run) both call this, so what a
# developer runs is what CI runs. It installs what the tests need from Debian's packages when missing:
# PostgreSQL (the PostgreSQL ledger tests start a throwaway server from its binaries) and Chromium (the
# dashboard's browser tests drive /usr/bin/chromium; no browser is ever downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

needed=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || needed+=(postgresql)
[ -x /usr/bin/chromium ] || needed+=(chromium)
if [ ${#needed[@]} -gt 0 ]; then
  # CI runs as root on Debian 12; a developer without root gets sudo's prompt.
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${needed[@]}"
fi

dotnet build AnalysisHub.sln -c Debug --nologo -v quiet
status=0
# A test that hangs fails after 15 minutes (its name in the log) instead of holding the run to its limit.
dotnet test AnalysisHub.sln -c Debug --no-build --nologo --blame-hang-timeout 15m --blame-hang-dump-type none --logger "trx" --results-directory "$results" || status=$?

# One plain closing line summing every test project's results.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns).attrib
    passed += int(c["passed"]); failed += int(c["failed"]) + int(c.get("error", 0))
    skipped += int(c["notExecuted"])
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
