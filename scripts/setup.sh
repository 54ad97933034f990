#!/usr/bin/env bash
# Prepares a Debian machine to build, test and demo xmpp-certify: the fixture servers and tools
# from Debian's packages (when missing), the npm dependencies, and the build.
set -euo pipefail
cd "$(dirname "$0")/.."

# servers under test, tools the tests use (xmllint, a JUnit reader, a browser), and console
# clients for client certification
packages=(prosody prosody-modules ejabberd openssl libxml2-utils ca-certificates python3-junitparser chromium
  profanity poezio python3-slixmpp tmux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these Debian packages are missing: ${missing[*]}; install them as root (apt-get install ${missing[*]}) or run this script as root" >&2
    exit 1
  fi
  # Debian's postinst scripts would start the packaged daemons on the default ports; the
  # fixtures run their own instances, so tell apt not to start anything
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent
