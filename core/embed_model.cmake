# Turns a binary file into a C++ source holding its bytes, so the model is
# compiled into the library (the browser has no files to open).
#   cmake -DIN=assets/ner.bin -DOUT=builtin_kBuiltinModel.cpp [-DNAME=kBuiltinModel] -P embed_model.cmake
# A missing IN gives an empty array (a build without a trained model). NAME is
# the array's symbol (NAME and NAMESize) in whosaid::detail.
if(NOT NAME)
    set(NAME kBuiltinModel)
endif()
if(EXISTS "${IN}")
    file(READ "${IN}" hex HEX)
else()
    set(hex "")
endif()
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
# 32 bytes per line of \xNN escapes (every character is escaped, so no escape
# can swallow a following digit).
string(REPEAT "[0-9a-f]" 64 chunk)
string(REGEX REPLACE "(${chunk})" "\\1\n" lines "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" lines "${lines}")
string(REPLACE "\n" "\"\n\"" lines "${lines}")
file(WRITE "${OUT}.tmp"
"// Generated from ${IN} by core/embed_model.cmake. Do not edit.\n"
"#include <cstddef>\n"
"namespace whosaid::detail {\n"
"extern const char ${NAME}[];\n"
"extern const size_t ${NAME}Size;\n"
"const char ${NAME}[] =\n\"${lines}\";\n"
"const size_t ${NAME}Size = ${bytes};\n"
"} // namespace whosaid::detail\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
