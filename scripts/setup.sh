#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, once: Debian's Chromium for the
# browser test (as root, through apt) and the local Neo4j's jars (through Maven). The
# OSCAL schemas the exported documents are validated against ship in vendor/oscal.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: Chromium is missing; install Debian's chromium package (needs root): apt-get install chromium" >&2
    exit 1
  fi
  echo "setup: installing Debian's chromium for the browser test"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
echo "setup: $(chromium --version 2>/dev/null | head -1)"

[ -d node_modules ] || npm ci --no-audit --no-fund
npx tsx src/cli/db.ts provision
