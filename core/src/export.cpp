// Export dispatch and the names of the formats.
#include "whosaid/export.hpp"

#include <array>

#include "whosaid/annotate.hpp"
#include "whosaid/json.hpp"
#include "whosaid/syntax.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid {

namespace {
struct FormatInfo { const char* name; const char* ext; const char* mime; };
constexpr std::array<FormatInfo, 6> kFormats = {{
    {"json", ".json", "application/json"},
    {"webanno", ".jsonld", "application/ld+json"},
    {"brat", ".ann", "text/plain"},
    {"conll", ".conll", "text/plain"},
    {"html", ".html", "text/html"},
    {"conllu", ".conllu", "text/plain"},
}};
} // namespace

bool parseExportFormat(std::string_view name, ExportFormat& out) {
    for (size_t i = 0; i < kFormats.size(); ++i)
        if (name == kFormats[i].name) { out = static_cast<ExportFormat>(i); return true; }
    return false;
}
const char* exportFormatName(ExportFormat f) { return kFormats[static_cast<size_t>(f)].name; }
const char* exportFileExtension(ExportFormat f) { return kFormats[static_cast<size_t>(f)].ext; }
const char* exportMimeType(ExportFormat f) { return kFormats[static_cast<size_t>(f)].mime; }

std::string exportDocument(const Document& doc, ExportFormat format, const ExportOptions& options) {
    switch (format) {
    case ExportFormat::Json: {
        JsonOptions jo;
        jo.indent = options.indent;
        jo.syntax = options.syntax;
        return toJson(doc, jo);
    }
    case ExportFormat::WebAnnotation: return toWebAnnotation(doc, options);
    case ExportFormat::Brat: return toBrat(doc).ann;
    case ExportFormat::Conll: return toConll(doc);
    case ExportFormat::Html: return toHtmlHandout(doc, options);
    case ExportFormat::Conllu: {
        // a document read back from JSON has no tokens, or no syntax on them
        const bool parsed = !doc.tokens.empty() && doc.tokens.front().deprel != 0;
        if (parsed || doc.text.empty()) return toConllu(doc);
        Document copy;
        copy.text = doc.text;
        tokenize(copy);
        parseSyntax(copy, Model::builtin());
        return toConllu(copy);
    }
    }
    return {};
}

} // namespace whosaid
