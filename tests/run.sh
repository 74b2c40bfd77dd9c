#!/usr/bin/env bash
# The test command: installs what is missing, builds native and WebAssembly,
# and runs every test (GoogleTest units, CLI and evaluation tests through
# ctest, then the browser and Node tests). `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source shell/deps.sh
whosaid_deps native wasm browser sanitize cluster
whosaid_build native wasm
echo "== native: unit, CLI and evaluation tests"
ctest --test-dir build/native --output-on-failure -j 2
echo "== browser and WebAssembly-under-Node tests"
(cd tests/e2e && node --test --test-concurrency=1 .)
echo "== sanitizers and fuzzing (clang, build/asan; WHOSAID_FUZZ_SECONDS per target)"
bash tests/sanitize.sh "${WHOSAID_FUZZ_SECONDS:-20}"
