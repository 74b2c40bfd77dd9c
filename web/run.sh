#!/usr/bin/env bash
# The run command: installs what is missing, builds the CLI and the page, and
# serves the page on localhost. The page is one self-contained file that also
# works by double-click (file://) with no network.
#   PORT=8080 (default)  WHOSAID_NO_SERVE=1 builds without serving
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source shell/deps.sh
whosaid_deps native wasm
whosaid_build native wasm
page="$PWD/dist/whosaid.html"
size=$(stat -c %s "$page")
echo
echo "whosaid page: $page ($((size / 1024)) KiB, self-contained, works offline)"
echo "  open it directly:  file://$page"
echo "  command line:      build/native/shell/whosaid annotate assets/sample.txt"
[ -n "${WHOSAID_NO_SERVE:-}" ] && exit 0
port=${PORT:-8080}
while python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $port)) != 0)" 2>/dev/null; do
    port=$((port + 1))
done
echo "  or in a browser:   http://127.0.0.1:$port/whosaid.html   (Ctrl+C stops the server)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
