#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time; exits non-zero on the first
# crash, sanitizer report, broken invariant or timeout (the input that did it
# is kept in BUILD/fuzz-artifacts/).
#
#   bash tests/fuzz/run.sh [SECONDS_EACH=60] [BUILD_DIR=build/asan]
#
# Builds BUILD_DIR with clang, ASan + UBSan and the fuzz targets when needed
# (CXX=clang++ cmake -DWHOSAID_FUZZ=ON). The seed corpus in tests/fuzz/corpus/
# is read only; what the fuzzers find grows in BUILD/fuzz-corpus/ and is kept
# between runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
seconds=${1:-60}
build=${2:-build/asan}
if [ ! -f "$build/CMakeCache.txt" ]; then
    CXX=${CXX:-clang++} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DWHOSAID_FUZZ=ON >/dev/null
fi
cmake --build "$build" -j 2 --target fuzz_annotate fuzz_json fuzz_html fuzz_conllu fuzz_classroom fuzz_export >/dev/null
export UBSAN_OPTIONS="suppressions=$root/tests/fuzz/ubsan.supp:print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
mkdir -p "$build/fuzz-artifacts"
status=0
for target in annotate json html conllu classroom export; do
    case $target in
        annotate) maxlen=8192 ;;   # a few paragraphs; the 5 MB cases live in bad_input_test.cpp
        *) maxlen=16384 ;;
    esac
    dict=()
    dict_name=$target
    case $target in classroom|export) dict_name=json ;; esac  # JSON files too
    [ -f "tests/fuzz/$dict_name.dict" ] && dict=(-dict="tests/fuzz/$dict_name.dict")
    corpus="$build/fuzz-corpus/$target"
    mkdir -p "$corpus"
    echo "== fuzz_$target: ${seconds} s"
    if ! "$build/tests/fuzz/fuzz_$target" "$corpus" "tests/fuzz/corpus/$target" "${dict[@]}" \
            -max_total_time="$seconds" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2560 \
            -artifact_prefix="$build/fuzz-artifacts/$target-" -print_final_stats=1 \
            >"$build/fuzz-$target.log" 2>&1; then
        status=1
        echo "fuzz_$target FAILED (log $build/fuzz-$target.log, input in $build/fuzz-artifacts/):"
        grep -E "ERROR|runtime error|invariant|failed|SUMMARY|Test unit written" "$build/fuzz-$target.log" | head -20
    fi
    grep -E "^stat::(number_of_executed_units|peak_rss_mb)|cov: .* ft: " "$build/fuzz-$target.log" | tail -3
done
exit $status
