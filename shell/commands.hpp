// The CLI's larger commands, each in its own file; main.cpp dispatches.
#pragma once

#include <string>
#include <vector>

namespace whosaid::cli {

// whosaid train-ner [options]; args excludes the command name.
int trainNerMain(const std::vector<std::string>& args);
// whosaid train-quotes [options] (shell/train_quotes.cpp)
int trainQuotesMain(const std::vector<std::string>& args);
// whosaid annotate [FILE...|-] [options] (shell/annotate.cpp)
int annotateMain(const std::vector<std::string>& args);
// whosaid eval --gold FILE [options]
int evalMain(const std::vector<std::string>& args);
// whosaid train-syntax [options], whosaid eval-syntax --gold FILE.conllu (shell/syntax.cpp)
int trainSyntaxMain(const std::vector<std::string>& args);
int evalSyntaxMain(const std::vector<std::string>& args);

// Reads a whole file, or stdin for "-"; false with a message on failure (shell/io.cpp).
bool readFile(const std::string& path, std::string& out, std::string& err);

} // namespace whosaid::cli
