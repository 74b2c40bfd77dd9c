#!/usr/bin/env bash
# Side-by-side benchmark, one command: whosaid native, whosaid WebAssembly
# under Node, compromise and wink-nlp (+ wink-eng-lite-web-model) on the same
# 0.5 MB text (the team's assets/sample.txt repeated), throughput after
# warm-up and peak memory of each process; then the single-file page's size
# and its first annotated frame in headless Chromium. Prints a Markdown table
# for BENCHMARKS.md.
#
#   bash bench/run.sh [SECONDS_PER_TOOL=5]
#
# Builds what is missing (native, wasm) and installs the peers from npm into
# bench/node_modules (package-lock.json pins them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-5}
source shell/deps.sh
whosaid_deps native wasm browser >/dev/null
whosaid_build native wasm >/dev/null
if [ ! -d bench/node_modules/wink-nlp ] || [ ! -d bench/node_modules/compromise ]; then
    (cd bench && npm ci --no-audit --no-fund --silent)
fi
[ -x /usr/bin/time ] || _whosaid_apt time

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
text=$work/sample-0.5MB.txt
python3 - "$text" <<'PY'
import sys
s = open('assets/sample.txt', encoding='utf-8').read()
t = ''
while len(t.encode()) < 500_000:
    t += s if s.endswith('\n') else s + '\n'
open(sys.argv[1], 'w', encoding='utf-8').write(t)
PY

# name | command printing one JSON line with mb_per_s
tools=(
  "whosaid native|build/native/shell/whosaid bench $text --seconds $seconds"
  "whosaid WebAssembly (Node $(node --version))|node build/wasm/shell/whosaid.js bench $text --seconds $seconds"
  "wink-nlp $(node -p "require('./bench/node_modules/wink-nlp/package.json').version") + lite model (tokens, entities, POS)|node bench/peers.mjs wink $text $seconds"
  "compromise $(node -p "require('./bench/node_modules/compromise/package.json').version") (people, places, orgs, quotations)|node bench/peers.mjs compromise $text $seconds"
)
echo
echo "Text: assets/sample.txt repeated to $(stat -c %s "$text") bytes; ${seconds} s per tool after 2 warm-up runs; median run."
echo
echo "| tool | MB/s | median run (s) | peak memory (MB) |"
echo "|---|---:|---:|---:|"
for entry in "${tools[@]}"; do
    name=${entry%%|*}
    cmd=${entry#*|}
    /usr/bin/time -f '%M' -o "$work/rss" $cmd >"$work/out"
    python3 - "$name" "$work/out" "$work/rss" <<'PY'
import json, sys
name, out, rss = sys.argv[1:4]
r = json.loads(open(out).read().strip().splitlines()[-1])
kb = int(open(rss).read().strip().splitlines()[-1])
print(f"| {name} | {r['mb_per_s']:.2f} | {r['median_s']:.3f} | {kb / 1024:.0f} |")
PY
done
echo
echo "Page: dist/whosaid.html is $(stat -c %s dist/whosaid.html) bytes ($(python3 -c "print(round($(stat -c %s dist/whosaid.html)/1e6, 2))") MB, one file)."
echo "First annotated frame in headless Chromium (median of 5 loads, ms from navigation): $(node bench/page.mjs 5)"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB memory, load average $(cut -d' ' -f1-3 /proc/loadavg)"
