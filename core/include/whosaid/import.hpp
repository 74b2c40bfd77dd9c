// whosaid/import.hpp — turning what users bring (plain text, Markdown, HTML
// pages, whosaid/1 JSON) into article text.
//
// HTML pages carry navigation, scripts, styles and comments around the
// article: htmlToText() keeps the article's text and its paragraphs and drops
// the rest. Nothing here runs or loads anything; it only reads characters.
//
// Usage:
//   InputFormat f = detectFormat(bytes, "page.html");
//   std::string text = f == InputFormat::Html ? htmlToText(bytes) : std::string(bytes);
#pragma once

#include <string>
#include <string_view>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {

enum class InputFormat : uint8_t { Text, Markdown, Html, WhosaidJson, WebAnnotation };

// Guesses the format from the file name's extension, then from the content
// (".jsonld", or JSON naming an AnnotationCollection: WebAnnotation).
InputFormat detectFormat(std::string_view bytes, std::string_view fileName = {});

// The readable article text of an HTML page: the <article> (or <main>) when
// there is one, else the <body>; script, style, nav, header, footer, aside,
// form and comments dropped; block elements become paragraph breaks; character
// references decoded. Paragraphs are separated by one blank line.
std::string htmlToText(std::string_view html);

// Markdown to plain text: headings, emphasis, links ([text](url) → text),
// images, code fences and list markers reduced to their words.
std::string markdownToText(std::string_view md);

// Article text from any supported format (whosaid/1 JSON gives its "text").
std::string importText(std::string_view bytes, std::string_view fileName = {});

// The document a whosaid Web Annotation export holds (toWebAnnotation():
// its text, actors, mentions, claims and edits); other collections carry no
// text and are refused with a message.
[[nodiscard]] Result<Document> documentFromWebAnnotation(std::string_view json);

// The document of a brat .txt and the .ann toBrat() wrote: mentions (with
// their actors from the notes and Coref lines), claims with kind, source
// kind, cue, source and why, and the edits from the WhosaidEdit lines.
// Other .ann files read as far as they use the same types.
[[nodiscard]] Result<Document> documentFromBrat(std::string_view txt, std::string_view ann);

} // namespace whosaid
