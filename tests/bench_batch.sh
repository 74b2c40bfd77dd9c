#!/usr/bin/env bash
# Batch benchmark (not a timed test): `whosaid annotate --jsonl` over N short
# documents. Reports peak RSS for 1,000 / 10,000 / 40,000 documents (memory
# must stay flat: the stream holds at most 4 × jobs records) and wall time for
# --jobs 1 against --jobs 2 on 10,000 documents.
#
#   bash tests/bench_batch.sh [path/to/whosaid]     (default build/native/shell/whosaid)
set -euo pipefail
WHOSAID=${1:-build/native/shell/whosaid}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Our own short documents: names, a quote and reported speech, varied per line.
python3 - "$TMP" <<'PY'
import json, sys
names = ['Ana Lopes', 'Tomasz Kowalczyk', 'Helen Okafor', 'Ayşe Demir', 'Piotr Nowak', 'Marta Silva']
orgs = ['the Green Alliance', 'the Northern Rivers Authority', 'Vellmar Council', 'the Harbour Trust']
def doc(i):
    a, b, o = names[i % 6], names[(i * 7 + 3) % 6], orgs[i % 4]
    return (f'{a} said on Monday that the bridge project {i} would be finished by June. '
            f'“We have the money and the engineers,” {a.split()[-1]} told reporters. '
            f'{b} of {o} disagreed, saying the plan ignored cheaper options, according to officials.')
for n in (1000, 10000, 40000):
    with open(f'{sys.argv[1]}/docs{n}.jsonl', 'w', encoding='utf-8') as f:
        for i in range(n):
            f.write(json.dumps({'id': f'd{i}', 'text': doc(i)}, ensure_ascii=False) + '\n')
PY

# Peak RSS (KB) and wall seconds of one run. GNU time reports the process
# itself; getrusage from a Python parent would count the forked interpreter.
measure() {
    local input=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M %e' -o "$TMP/time" "$@" < "$input" > /dev/null 2> "$TMP/err" || { cat "$TMP/err" >&2; exit 1; }
        cat "$TMP/time"
    else  # sample /proc/PID/status while it runs
        "$@" < "$input" > /dev/null 2> "$TMP/err" &
        local pid=$! peak=0 start=$(date +%s.%N)
        while kill -0 $pid 2> /dev/null; do
            local hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2> /dev/null || true)
            [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
            sleep 0.01
        done
        wait $pid
        echo "$peak $(python3 -c "import time; print(round(time.time() - $start, 2))")"
    fi
}

echo "whosaid: $WHOSAID ($(nproc) cores)"
echo "== memory: peak RSS by stream length (--jsonl, --jobs 1 and 2)"
for jobs in 1 2; do
    for n in 1000 10000 40000; do
        read -r rss wall < <(measure "$TMP/docs$n.jsonl" "$WHOSAID" annotate --jsonl --jobs $jobs -)
        printf '  jobs %d  %6d docs  peak RSS %6d KB  %6.2f s\n' "$jobs" "$n" "$rss" "$wall"
    done
done
echo "== speed: 10,000 docs, best of 3"
for jobs in 1 2; do
    best=
    for _ in 1 2 3; do
        read -r rss wall < <(measure "$TMP/docs10000.jsonl" "$WHOSAID" annotate --jsonl --jobs $jobs -)
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $wall < $best else 1)"; then best=$wall; fi
    done
    printf '  --jobs %d: %s s (%s docs/s)\n' "$jobs" "$best" "$(python3 -c "print(round(10000 / $best))")"
done
