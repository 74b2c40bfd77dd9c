#!/usr/bin/env bash
# Side-by-side benchmark, one command: whosaid native, whosaid WebAssembly
# under Node, compromise and wink-nlp (+ wink-eng-lite-web-model) on the same
# 0.5 MB text (the team's assets/sample.txt repeated) and, when ../shared/data
# is there, on 415 KB of real news; throughput after warm-up and peak memory of
# each process (bench/table.py); then the single-file page's size and its first
# annotated frame in headless Chromium. Prints Markdown for BENCHMARKS.md.
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
# Text 1: the team's sample repeated to 0.5 MB (the issues' reference text).
sample=$work/sample-0.5MB.txt
python3 -c '
import sys
s = open("assets/sample.txt", encoding="utf-8").read()
t = ""
while len(t.encode()) < 500_000:
    t += s if s.endswith("\n") else s + "\n"
open(sys.argv[1], "w", encoding="utf-8").write(t)
' "$sample"
echo
echo "Text 1: assets/sample.txt repeated to $(stat -c %s "$sample") bytes; ${seconds} s per tool after 2 warm-up runs; median run."
echo
python3 bench/table.py "$sample" "$seconds"

# Text 2: real news that does not repeat itself (repetition flatters any
# per-word cache), when ../shared/data is there: every PolNEAR dev article,
# read here and never copied into the project.
if [ -f ../shared/data/polnear/dev.jsonl ]; then
    news=$work/polnear-dev.txt
    python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        out.write(json.loads(line)["text"].strip() + "\n\n")
' ../shared/data/polnear/dev.jsonl "$news"
    echo
    echo "Text 2: the PolNEAR dev articles (../shared/data), $(stat -c %s "$news") bytes of news that does not repeat."
    echo
    python3 bench/table.py "$news" "$seconds"
fi
echo
echo "Page: dist/whosaid.html is $(stat -c %s dist/whosaid.html) bytes ($(python3 -c "print(round($(stat -c %s dist/whosaid.html)/1e6, 2))") MB, one file)."
echo "First annotated frame in headless Chromium (median of 5 loads, ms from navigation): $(node bench/page.mjs 5)"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB memory, load average $(cut -d' ' -f1-3 /proc/loadavg)"
