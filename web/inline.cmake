# Writes the single-file page: shell.html with the Emscripten loader put in
# place of /*WHOSAID_JS*/ and the wasm, gzipped and base64-encoded, in place of
# /*WHOSAID_WASM*/ (the page inflates it with DecompressionStream and compiles
# it while it streams in).
#   cmake -DSHELL=web/shell.html -DJS=whosaid_web.js -DWASM=whosaid_web.wasm -DOUT=dist/whosaid.html -P inline.cmake
file(READ "${SHELL}" page)
file(READ "${JS}" js)
string(FIND "${js}" "</script" bad)
if(NOT bad EQUAL -1)
    message(FATAL_ERROR "inline.cmake: ${JS} contains </script and cannot be inlined")
endif()
foreach(marker "/*WHOSAID_JS*/" "/*WHOSAID_WASM*/")
    string(FIND "${page}" "${marker}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "inline.cmake: ${SHELL} has no ${marker} marker")
    endif()
endforeach()
# gzip and base64 are in every Debian system (coreutils, gzip); -n keeps the
# output byte for byte the same from build to build.
set(gz "${WASM}.gz")  # in the build tree: the folder of OUT may not exist yet
execute_process(COMMAND gzip -9 -n -c "${WASM}" OUTPUT_FILE "${gz}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "inline.cmake: gzip failed on ${WASM}")
endif()
execute_process(COMMAND base64 -w0 "${gz}" OUTPUT_VARIABLE wasm64 RESULT_VARIABLE rc)
file(REMOVE "${gz}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "inline.cmake: base64 failed")
endif()
string(REPLACE "/*WHOSAID_WASM*/" "${wasm64}" page "${page}")
string(REPLACE "/*WHOSAID_JS*/" "${js}" page "${page}")
file(WRITE "${OUT}" "${page}")
file(SIZE "${OUT}" size)
math(EXPR kb "${size} / 1024")
message(STATUS "whosaid: wrote ${OUT} (${kb} KiB)")
