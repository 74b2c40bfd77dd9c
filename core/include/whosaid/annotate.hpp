// whosaid/annotate.hpp — the one pipeline: text in, markup out.
//
// Both front ends (the CLI and the web page) call annotate(), so the same text
// gives the same markup everywhere.
//
// Usage:
//   const Model& model = Model::builtin();
//   Result<Document> doc = annotate(text, model);
//   if (!doc) fprintf(stderr, "%s\n", doc.error().message.c_str());
#pragma once

#include <memory>
#include <string_view>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {

struct ModelData;  // private: lexicons and trained weights

// The trained parts of the pipeline. Load once, share read-only between
// threads and documents.
class Model {
public:
    Model();
    ~Model();
    Model(Model&&) noexcept;
    Model& operator=(Model&&) noexcept;

    // The model built into the binary (assets/ compiled in).
    static const Model& builtin();

    // Loads a model from its serialized bytes (no file access: the browser has
    // no paths). Fails with a message on truncated, foreign or wrong-version data.
    static Result<Model> load(std::string_view bytes);
    // This model with another tagger and parser (bytes of assets/syntax.bin's
    // format, from whosaid train-syntax). Fails with a message on bad bytes.
    [[nodiscard]] Result<Model> withSyntax(std::string_view syntaxBytes) const;
    // This model with another attribution model (bytes of assets/quotes.bin's
    // format, from whosaid train-quotes).
    [[nodiscard]] Result<Model> withQuotes(std::string_view quoteBytes) const;

    const ModelData& data() const { return *m_data; }

private:
    std::unique_ptr<ModelData> m_data;
};

struct AnnotateOptions {
    bool syntax = true;  // parts of speech and dependency trees on the tokens
    bool entities = true;
    bool quotes = true;
    // Texts above this size are refused with an error (the CLI exits 2, the page
    // shows a message and keeps the previous document).
    size_t maxBytes = 16u << 20;
};

// Largest input annotate() accepts with the default options, in bytes.
constexpr size_t kDefaultMaxBytes = 16u << 20;

// Annotates untrusted text: repairs invalid UTF-8, CR line ends and NUL bytes
// (noted in Document::warnings), then tokenizes, tags, groups and attributes.
[[nodiscard]] Result<Document> annotate(std::string_view text, const Model& model,
                                        const AnnotateOptions& options = {});

} // namespace whosaid
