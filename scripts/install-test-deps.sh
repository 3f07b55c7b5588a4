#!/usr/bin/env bash
# Install what the browser tests need on a fresh Debian machine (run as root): headless
# Chromium and its WebDriver. Idempotent: does nothing when /usr/bin/chromium is there.
# Also installs wrk (HTTP benchmark) when it is missing; a failure there is not fatal.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "install-test-deps: chromium already installed"
else
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-test-deps: chromium is missing and this is not root; the browser test will be skipped" >&2
        exit 0
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends chromium chromium-driver fonts-noto-core
fi

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk || \
        echo "install-test-deps: wrk not installed (benchmarks only)" >&2
fi
