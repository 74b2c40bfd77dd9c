#!/usr/bin/env bash
# Installs what whosaid needs to build and test on Debian bookworm, and only
# what is missing, so a second run costs a few milliseconds.
#
#   source shell/deps.sh; whosaid_deps native|wasm|browser ...
#
# native : cmake, g++, nlohmann_json, GoogleTest
# wasm   : Emscripten (Debian's 3.1.6) and the Dear ImGui sources
# browser: Chromium, DejaVu fonts, playwright-core (npm, in tests/e2e)
# sanitize: clang and its sanitizer/libFuzzer runtimes (tests/sanitize.sh)
# cluster: Dask distributed for shell/cluster.py (Debian's python3-dask, python3-distributed)
#
# Dear ImGui's sources come from Debian's source package `imgui` into
# .deps/ of this checkout, through a private apt list so that the system's
# apt configuration is never changed. Set IMGUI_DIR to use your own copy.

WHOSAID_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_whosaid_sudo() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "whosaid: need root to run: $*" >&2; return 1; fi
}

_whosaid_apt() {
    # Install the Debian packages among "$@" that are not installed yet.
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "whosaid: installing ${missing[*]}" >&2
    if [ -z "${_WHOSAID_APT_UPDATED:-}" ]; then
        _whosaid_sudo apt-get update -qq || return 1
        _WHOSAID_APT_UPDATED=1
    fi
    _whosaid_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

_whosaid_imgui() {
    # Prints the Dear ImGui source folder, fetching Debian's source package once.
    if [ -n "${IMGUI_DIR:-}" ]; then echo "$IMGUI_DIR"; return 0; fi
    local deps="$WHOSAID_ROOT/.deps" dir
    dir=$(ls -d "$deps"/imgui-*/ 2>/dev/null | head -1)
    if [ -n "$dir" ] && [ -f "$dir/imgui.cpp" ]; then echo "${dir%/}"; return 0; fi
    _whosaid_apt ca-certificates >&2 || return 1
    mkdir -p "$deps/apt/lists/partial" "$deps/apt/archives/partial"
    local uri
    uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
          grep -v security | head -1 | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*//')
    [ -n "$uri" ] || uri="http://deb.debian.org/debian"
    echo "deb-src [trusted=yes] $uri bookworm main" > "$deps/apt/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$deps/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
                -o "Dir::State::Lists=$deps/apt/lists" -o "Dir::Cache::Archives=$deps/apt/archives"
                -o Debug::NoLocking=1)
    echo "whosaid: fetching Dear ImGui sources (Debian source package imgui)" >&2
    apt-get "${opts[@]}" update -qq >&2 || return 1
    (cd "$deps" && apt-get "${opts[@]}" source --download-only imgui >&2) || return 1
    local tarball
    tarball=$(ls "$deps"/imgui_*.orig.tar.* 2>/dev/null | head -1)
    [ -n "$tarball" ] || { echo "whosaid: imgui source tarball not found" >&2; return 1; }
    tar -xf "$tarball" -C "$deps" || return 1
    dir=$(ls -d "$deps"/imgui-*/ 2>/dev/null | head -1)
    [ -f "$dir/imgui.cpp" ] || { echo "whosaid: imgui sources incomplete in $dir" >&2; return 1; }
    echo "${dir%/}"
}

_whosaid_node() {
    # Node and npm from wherever they are; Debian's packages only if both are absent
    # (installing Debian's npm over another Node distribution would conflict).
    command -v node >/dev/null && command -v npm >/dev/null && return 0
    _whosaid_apt nodejs npm
}

# Configures (when needed) and builds the native tree in build/native and the
# Emscripten tree in build/wasm; the page lands in dist/whosaid.html.
whosaid_build() {
    local jobs; jobs=$(nproc 2>/dev/null || echo 2)
    for what in "$@"; do
        case "$what" in
            native) cmake -S "$WHOSAID_ROOT" -B "$WHOSAID_ROOT/build/native" -DCMAKE_BUILD_TYPE=Release >/dev/null &&
                    cmake --build "$WHOSAID_ROOT/build/native" -j "$jobs" || return 1 ;;
            wasm)   # configured once; a configure that failed half way (no Makefile) is redone
                    if [ ! -f "$WHOSAID_ROOT/build/wasm/Makefile" ]; then
                        rm -f "$WHOSAID_ROOT/build/wasm/CMakeCache.txt"
                        emcmake cmake -S "$WHOSAID_ROOT" -B "$WHOSAID_ROOT/build/wasm" -DCMAKE_BUILD_TYPE=Release \
                            -DIMGUI_DIR="$IMGUI_DIR" >/dev/null || return 1
                    fi
                    cmake --build "$WHOSAID_ROOT/build/wasm" -j "$jobs" || return 1 ;;
        esac
    done
}

whosaid_deps() {
    for what in "$@"; do
        case "$what" in
            native)  _whosaid_apt cmake make g++ nlohmann-json3-dev libgtest-dev python3 wordnet-base iso-codes || return 1 ;;
            wasm)    _whosaid_apt emscripten nlohmann-json3-dev fonts-dejavu-core || return 1
                     _whosaid_node || return 1
                     IMGUI_DIR=$(_whosaid_imgui) || return 1; export IMGUI_DIR
                     # emcc's JS optimizer needs Debian's acorn when node is not Debian's own
                     case ":${NODE_PATH:-}:" in *:/usr/share/nodejs:*) ;; *) export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH} ;; esac ;;
            browser) _whosaid_apt chromium fonts-dejavu-core || return 1
                     _whosaid_node || return 1
                     if [ ! -d "$WHOSAID_ROOT/tests/e2e/node_modules/playwright-core" ]; then
                         echo "whosaid: installing playwright-core (npm)" >&2
                         (cd "$WHOSAID_ROOT/tests/e2e" && npm install --no-audit --no-fund --silent >&2) || return 1
                     fi ;;
            sanitize) _whosaid_apt clang libclang-rt-14-dev || return 1 ;;
            cluster) _whosaid_apt python3-dask python3-distributed || return 1 ;;
            *) echo "whosaid_deps: unknown part $what" >&2; return 1 ;;
        esac
    done
}
