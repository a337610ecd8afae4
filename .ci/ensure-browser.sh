#!/usr/bin/env bash
# Makes sure Debian's chromium and chromium-driver are installed: the session-renewal tests and ./run-local drive
# a real headless Chromium. Quiet and quick when both are there; installs them with apt-get (as root) when not.
# Called by .ci/run, ./run-local and the build (session-renewal's and local's install-browser profiles).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
driver="${CHROMEDRIVER_PATH:-/usr/bin/chromedriver}"
if [ -x "$chromium" ] && [ -x "$driver" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium ($chromium) or chromedriver ($driver) is missing and this user cannot apt-get install them." >&2
  echo "Install Debian's 'chromium' and 'chromium-driver' packages (or set CHROMIUM_PATH and CHROMEDRIVER_PATH)." >&2
  exit 1
fi
echo "installing chromium and chromium-driver (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
"$chromium" --version >&2
