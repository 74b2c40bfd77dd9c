// whosaid/export.hpp — a Document in the formats other tools read.
//
// Pure functions Document → text, shared by the CLI (`whosaid annotate
// --format …`) and the page's Export menu. All offsets written are Unicode code
// points, end exclusive, the same as whosaid/1 (json.hpp):
//
//   webanno  W3C Web Annotation (JSON-LD): an AnnotationCollection with one
//            annotation per actor mention and per claim; targets carry a
//            TextPositionSelector and a TextQuoteSelector; a claim links to its
//            source's annotation.
//   brat     brat standoff: the .txt (the text itself) and the .ann (T lines for
//            mentions, quote content, cues and sources; E/R lines tying them).
//   conll    one token a line (token, start, end, IOB tag), blank line between
//            sentences.
//   conllu   CoNLL-U (whosaid/syntax.hpp): our tokens and sentences with their
//            parts of speech and dependency trees.
//   html     a self-contained, printable handout: highlights and a legend, the
//            sources ledger and a claims table. All article text is escaped and
//            a strict Content-Security-Policy forbids scripts and loads.
//
// Usage:
//   ExportFormat f;
//   if (parseExportFormat("webanno", f)) download(exportDocument(doc, f), exportFileExtension(f));
//   BratFiles brat = toBrat(doc);   // brat.txt, brat.ann
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "whosaid/document.hpp"

namespace whosaid {

enum class ExportFormat : uint8_t { Json, WebAnnotation, Brat, Conll, Html, Conllu };

// "json", "webanno", "brat", "conll", "html", "conllu"; false on an unknown name.
bool parseExportFormat(std::string_view name, ExportFormat& out);
const char* exportFormatName(ExportFormat f);
// ".json", ".jsonld", ".ann", ".conll", ".html", ".conllu" (brat's text goes in a ".txt" beside the ".ann").
const char* exportFileExtension(ExportFormat f);
// "application/json", "application/ld+json", "text/plain", "text/plain", "text/html"
const char* exportMimeType(ExportFormat f);

struct ExportOptions {
    int indent = -1;  // JSON formats: -1 one line, >= 0 pretty-printed
    bool syntax = false;  // whosaid/1: include the tokens with their syntax (JsonOptions::syntax)
    // The IRI annotations target (Web Annotation "source"); empty: "urn:whosaid:doc:<id>"
    // (or "urn:whosaid:doc" without an id).
    std::string sourceIri;
    std::string title;  // HTML handout title; empty: the text's first line, shortened
    // Web Annotation provenance: when the tool's markup was made (ISO 8601, as
    // "created" and "generated"); empty: not said. The CLI and the page set it.
    std::string created;
    std::string language;  // the article's language (BCP 47) when known: the targets say it
};

// The document in `format`. For brat this is the .ann only (see toBrat()).
std::string exportDocument(const Document& doc, ExportFormat format, const ExportOptions& options = {});

// [SECTION] Web Annotation

// An AnnotationCollection (with one AnnotationPage in "first") as JSON-LD.
// Mention annotations have ids "<collection>#m<N>", claims "#q<N>"; a claim
// whose source span is no mention gets a source annotation "#s<N>". Every
// annotation has its own "@context" (it stands alone), a "creator" and a
// "generator" (whosaid, Software; or the Person whose edit made or changed it,
// with "modified"), "created" when options.created is set; TextualBody bodies
// say their "format" and "language", targets their source's "format". The
// collection carries the text, the actors and the edit log under "whosaid:",
// so that documentFromWebAnnotation() (import.hpp) reads the same document back.
std::string toWebAnnotation(const Document& doc, const ExportOptions& options = {});

// [SECTION] brat standoff

struct BratFiles {
    std::string txt;  // the document text, byte for byte
    std::string ann;  // T/E/R/A/# lines; offsets are code points into txt
};

// T lines: PER/ORG/LOC/MISC/GRP per mention, Quote per claim (its content
// spans joined with ';'), Cue and Source; spans crossing a line break are split
// into fragments at it, as brat requires. E lines (Cue:Tc Content:Tq
// Source:Ts) for claims with a cue, R lines (SaidBy Arg1:quote Arg2:source)
// for every sourced claim, A lines for the claim kind and source kind, and #
// notes with entity names and the rule that chose each source.
BratFiles toBrat(const Document& doc);

// brat's annotation.conf for the types toBrat() writes (put it beside the files).
// Edits go in as "#N\tWhosaidEdit T1\t{…}" comment lines (one edit's JSON
// each, in order) and every annotation a person made or changed gets the
// attribute "Corrected"; documentFromBrat() (import.hpp) reads both back.
std::string bratConfig();

// [SECTION] CoNLL

// "token\tstart\tend\ttag" lines, IOB tags over all mentions (B-PER, I-ORG,
// O…), a blank line after each sentence. Tokenizes a copy when doc.tokens is
// empty (documents read back from JSON carry no tokens).
std::string toConll(const Document& doc);

// [SECTION] HTML handout

// A complete HTML page: no script, no external resource, every piece of
// article text escaped; prints well (print CSS keeps the highlight colors).
std::string toHtmlHandout(const Document& doc, const ExportOptions& options = {});

// Escapes & < > " ' for HTML text and attribute values.
std::string htmlEscape(std::string_view s);

} // namespace whosaid
