#!/usr/bin/env bash
# Prepares a Debian machine to build, test (scripts/setup.sh, or scripts/setup.sh test) or demo
# (scripts/setup.sh demo) xmpp-certify: what that needs from Debian's packages (when missing),
# the npm dependencies, and the build.
set -euo pipefail
cd "$(dirname "$0")/.."

# What to install from Debian depends on what the machine is for: the demo certifies one fixture
# server; the tests use both servers, the console clients, xmllint, a JUnit reader and a browser.
purpose="${1:-test}"
case "$purpose" in
  demo)
    if [ "${XMPP_CERTIFY_DEMO_SERVER:-prosody}" = ejabberd ]; then packages=(ejabberd ca-certificates)
    else packages=(prosody prosody-modules ca-certificates); fi ;;
  test)
    packages=(prosody prosody-modules ejabberd openssl libxml2-utils ca-certificates python3-junitparser chromium
      profanity poezio python3-slixmpp tmux) ;;
  *) echo "setup: unknown purpose '$purpose': say demo or test" >&2; exit 2 ;;
esac
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
  npm ci --no-audit --no-fund   # builds too, through the prepare script
else
  npm run build --silent
fi
