#!/usr/bin/env bash
# Archive benchmark (not a timed test): shell/cluster.py with 1 and 2 Dask
# workers against one `whosaid annotate --jsonl --jobs 2` process, over the
# same generated archive (tests/archive_gen.py: 8 shards, DOCS documents).
# Each figure is farm-bench's median of RUNS whole runs, cluster start-up
# included; the driver's own MB/s (start-up left out) is printed beside it.
#
#   bash bench/cluster.sh [DOCS=40000] [RUNS=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source shell/deps.sh
whosaid_deps native cluster >/dev/null
whosaid_build native >/dev/null
DOCS=${1:-40000}
RUNS=${2:-3}
W=$PWD/build/native/shell/whosaid
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 tests/archive_gen.py "$TMP/in" --shards 8 --docs "$DOCS" >/dev/null
cat "$TMP"/in/*.jsonl > "$TMP/all.jsonl"
BYTES=$(stat -c %s "$TMP/all.jsonl")

median_wall() {  # farm-bench's median wall seconds of a command
    farm-bench -n "$RUNS" --warmup 0 --timeout 3000 -- "$@" | awk '/^A wall s/ {print $5; exit}'
}
row() {  # name, median wall seconds, driver MB/s or -
    python3 -c "import sys; n,w,d=sys.argv[1],float(sys.argv[2]),sys.argv[3]; b=$BYTES; docs=$DOCS
print('| %s | %.2f | %.0f | %.2f | %s |' % (n, w, docs / w, b / 1e6 / w, d))" "$@"
}
driver_rate() {  # the driver's own MB/s (cluster start-up left out) from its last run
    python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])['mb_per_s'])" "$1"
}

echo "archive: $DOCS documents, $((BYTES / 1000)) KB in 8 shards; $RUNS runs each; $(nproc) cores"
echo "| run | wall s (median) | documents/s | MB/s | driver MB/s, start-up left out |"
echo "|---|---|---|---|---|"
for n in 1 2; do
    w=$(median_wall sh -c "rm -rf '$TMP/out$n'; exec python3 shell/cluster.py annotate -o '$TMP/out$n' --workers $n --whosaid '$W' '$TMP'/in/*.jsonl > '$TMP/summary$n' 2>/dev/null")
    row "cluster.py --workers $n" "$w" "$(driver_rate "$TMP/summary$n")"
done
w=$(median_wall sh -c "exec '$W' annotate --jsonl --jobs 2 '$TMP/all.jsonl' > /dev/null")
row "whosaid annotate --jsonl --jobs 2" "$w" "-"
w=$(median_wall sh -c "exec '$W' annotate --jsonl --jobs 1 '$TMP/all.jsonl' > /dev/null")
row "whosaid annotate --jsonl --jobs 1" "$w" "-"
cat "$TMP"/out2/shard-*.jsonl | cmp - <("$W" annotate --jsonl "$TMP/all.jsonl") >/dev/null 2>&1 && echo "outputs: the 2-worker shards equal one process's output, byte for byte" ||
    echo "outputs: NOT equal to one process's output"
