#!/usr/bin/env bash
# Certifies a real server on this machine: starts a fixture Prosody (from Debian's packages) on
# loopback ports and runs xmpp-certify against it. Arguments go to xmpp-certify, e.g.
#   scripts/demo.sh --level advanced-server --core 6120 -v
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh demo
software="${XMPP_CERTIFY_DEMO_SERVER:-prosody}"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--level intermediate-server)
# the fixture exports XMPP_TARGET, XMPP_DOMAIN, XMPP_CA and its endpoints to the command it
# runs; each endpoint is used by the levels that name its spec (BOSH: XEP-0206, WebSocket:
# RFC 7395, direct TLS: XEP-0368, host-meta: XEP-0156)
exec node dist/fixtures/servers/cli.js with "$software" -- \
  node dist/src/cli.js --target '$XMPP_TARGET' --domain '$XMPP_DOMAIN' --ca '$XMPP_CA' --bosh-url '$XMPP_BOSH_URL' \
  --websocket-url '$XMPP_WEBSOCKET_URL' --direct-tls '$XMPP_DIRECT_TLS' --host-meta-url '$XMPP_HOST_META_URL' --register "${args[@]}"
