#!/usr/bin/env bash
# Linear cost of annotate, 1 MB to 16 MB, normal and adversarial text (see
# bench/linear.py). Not a timed test: it prints a table for BENCHMARKS.md.
#
#   bash bench/linear.sh [SIZES_MB=1,2,4,8,16] [SHAPES=all|0,1,...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source shell/deps.sh
whosaid_deps native >/dev/null
whosaid_build native >/dev/null
[ -x /usr/bin/time ] || _whosaid_apt time
python3 bench/linear.py build/native/shell/whosaid "${1:-1,2,4,8,16}" "${2:-all}"
