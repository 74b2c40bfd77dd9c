# Writes the single-file page: shell.html with the Emscripten loader (wasm and
# embedded files inlined as base64 by -sSINGLE_FILE) put in place of /*WHOSAID_JS*/.
#   cmake -DSHELL=web/shell.html -DJS=whosaid_web.js -DOUT=dist/whosaid.html -P inline.cmake
file(READ "${SHELL}" page)
file(READ "${JS}" js)
string(FIND "${js}" "</script" bad)
if(NOT bad EQUAL -1)
    message(FATAL_ERROR "inline.cmake: ${JS} contains </script and cannot be inlined")
endif()
string(FIND "${page}" "/*WHOSAID_JS*/" at)
if(at EQUAL -1)
    message(FATAL_ERROR "inline.cmake: ${SHELL} has no /*WHOSAID_JS*/ marker")
endif()
string(REPLACE "/*WHOSAID_JS*/" "${js}" page "${page}")
file(WRITE "${OUT}" "${page}")
file(SIZE "${OUT}" size)
math(EXPR kb "${size} / 1024")
message(STATUS "whosaid: wrote ${OUT} (${kb} KiB)")
