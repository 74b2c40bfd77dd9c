#!/usr/bin/env bash
# The sanitizer step of the test command: builds build/asan with clang,
# AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer targets, runs
# the GoogleTest units and the CLI tests there, then each fuzzer for a bounded
# time. Any sanitizer report fails the step.
#
#   bash tests/sanitize.sh [FUZZ_SECONDS_EACH=20]
#
# Needs clang and libclang-rt-14-dev (`source shell/deps.sh; whosaid_deps sanitize`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
seconds=${1:-20}
build=build/asan
if [ ! -f "$build/CMakeCache.txt" ]; then
    CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DWHOSAID_FUZZ=ON >/dev/null
fi
cmake --build "$build" -j 2
export UBSAN_OPTIONS="suppressions=$root/tests/fuzz/ubsan.supp:print_stacktrace=1:halt_on_error=1"
echo "== ASan + UBSan: unit tests"
"$build/tests/whosaid_tests" --gtest_brief=1
echo "== ASan + UBSan: CLI tests"
ctest --test-dir "$build" -R '^(cli_sample|cli_batch|bad_input_cli)$' --output-on-failure
echo "== fuzzing: ${seconds} s per target"
bash tests/fuzz/run.sh "$seconds" "$build"
