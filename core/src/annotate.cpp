// The pipeline: sanitize, tokenize, syntax, entities, grouping, quotes.
#include "whosaid/annotate.hpp"

#include <string>

#include "pipeline.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid {

Model::Model() : m_data(std::make_unique<ModelData>()) {}
Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

namespace detail {
// Generated at build time from assets/ner.bin (core/embed_model.cmake).
extern const char kBuiltinModel[];
extern const size_t kBuiltinModelSize;
// From assets/quotes.bin (the attribution model); empty in a build without it.
extern const char kBuiltinQuoteModel[];
extern const size_t kBuiltinQuoteModelSize;
// From assets/syntax.bin (tagger and parser); empty in a build without it.
extern const char kBuiltinSyntaxModel[];
extern const size_t kBuiltinSyntaxModelSize;
} // namespace detail

namespace {
// The built-in attribution model, shared by every loaded Model (a NER file given to
// Model::load() does not carry one). Bad bytes give the lexicon alone.
const attr::AttrModel& builtinQuoteModel() {
    static const attr::AttrModel m = [] {
        Result<attr::AttrModel> q = attr::deserialize(std::string_view(detail::kBuiltinQuoteModel, detail::kBuiltinQuoteModelSize));
        return q ? std::move(*q) : attr::AttrModel();
    }();
    return m;
}
// The built-in tagger and parser, shared like the cue tagger. Bad bytes give
// no syntax (tokens keep zero tags).
const syn::SyntaxModel& builtinSyntaxModel() {
    static const syn::SyntaxModel m = [] {
        Result<syn::SyntaxModel> s =
            syn::deserialize(std::string_view(detail::kBuiltinSyntaxModel, detail::kBuiltinSyntaxModelSize));
        return s ? std::move(*s) : syn::SyntaxModel();
    }();
    return m;
}
} // namespace

const Model& Model::builtin() {
    // A build without assets/ner.bin embeds no bytes: the model is then empty
    // and finds no names (the first training run needs such a build).
    static const Model model = [] {
        Result<Model> m = load(std::string_view(detail::kBuiltinModel, detail::kBuiltinModelSize));
        return m ? std::move(*m) : Model();
    }();
    return model;
}

Result<Model> Model::load(std::string_view bytes) {
    Result<ner::NerModel> ner = ner::deserialize(bytes);
    if (!ner) return ner.error();
    Model m;
    m.m_data->version = ner::kFormatVersion;
    m.m_data->ner = std::move(*ner);
    m.m_data->quotes = builtinQuoteModel();
    m.m_data->syntax = builtinSyntaxModel();
    return m;
}

Result<Model> Model::withQuotes(std::string_view quoteBytes) const {
    Result<attr::AttrModel> q = attr::deserialize(quoteBytes);
    if (!q) return q.error();
    Model m;
    *m.m_data = *m_data;
    m.m_data->quotes = std::move(*q);
    return m;
}

Result<Model> Model::withSyntax(std::string_view syntaxBytes) const {
    Result<syn::SyntaxModel> s = syn::deserialize(syntaxBytes);
    if (!s) return s.error();
    Model m;
    *m.m_data = *m_data;
    m.m_data->syntax = std::move(*s);
    return m;
}

Result<Document> annotate(std::string_view text, const Model& model, const AnnotateOptions& options) {
    if (text.size() > options.maxBytes)
        return Error{"text too large: " + std::to_string(text.size()) + " bytes, the limit is " +
                     std::to_string(options.maxBytes) + " bytes (" + std::to_string(options.maxBytes >> 20) + " MB)"};
    Document doc;
    SanitizedText clean = sanitizeUtf8(text);
    doc.text = std::move(clean.text);
    if (clean.replacedBytes)
        doc.warnings.push_back(std::to_string(clean.replacedBytes) +
                               " bytes were not valid UTF-8 and were replaced by U+FFFD");
    if (clean.removedNuls) doc.warnings.push_back(std::to_string(clean.removedNuls) + " NUL bytes were removed");
    if (clean.crlfFixed) doc.warnings.push_back("CR line ends were changed to LF");

    tokenize(doc);
    if (options.syntax) syn::parseDocument(doc, model.data().syntax);
    if (options.entities) {
        findEntities(doc, model.data());
        groupEntities(doc);
        resolvePronouns(doc);
    }
    if (options.quotes) findQuotes(doc, model.data());
    if (options.entities) dropPartyTags(doc);
    return doc;
}

} // namespace whosaid
