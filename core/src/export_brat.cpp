// brat standoff and CoNLL token exports.
#include <string>
#include <vector>

#include "whosaid/export.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid {

namespace {

// brat keeps one annotation a line: notes lose their tabs and line breaks.
std::string oneLine(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    return out;
}

struct BratWriter {
    const Document& doc;
    OffsetIndex idx;
    std::string ann;
    int t = 0, r = 0, e = 0, a = 0, note = 0;

    // Writes "Tn\tTYPE b e;b e\ttext" and returns n. A span crossing a line
    // break becomes fragments around it (brat shows one line per fragment).
    int textBound(const char* type, const std::vector<Span>& spans) {
        std::string offsets, text;
        for (Span s : spans) {
            uint32_t b = s.begin;
            while (b < s.end) {
                uint32_t e2 = b;
                while (e2 < s.end && doc.text[e2] != '\n') ++e2;
                if (e2 > b) {
                    if (!offsets.empty()) { offsets += ';'; text += ' '; }
                    offsets += std::to_string(idx.byteToCodepoint(b)) + ' ' + std::to_string(idx.byteToCodepoint(e2));
                    text += oneLine(doc.slice({b, e2}));
                }
                b = e2 + 1;
            }
        }
        if (offsets.empty()) return 0;  // an empty or all-newline span: nothing brat can show
        ++t;
        ann += 'T' + std::to_string(t) + '\t' + type + ' ' + offsets + '\t' + text + '\n';
        return t;
    }
    void noteOn(int id, std::string_view s) {
        if (!id || s.empty()) return;
        ann += '#' + std::to_string(++note) + "\tAnnotatorNotes T" + std::to_string(id) + '\t' + oneLine(s) + '\n';
    }
    void attribute(const char* name, int id, const char* value) {
        ann += 'A' + std::to_string(++a) + '\t' + name + " T" + std::to_string(id) + ' ' + value + '\n';
    }
};

} // namespace

BratFiles toBrat(const Document& doc) {
    BratWriter w{doc, OffsetIndex(doc.text), {}};
    std::vector<int> mentionT(doc.mentions.size(), 0);
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        const Mention& m = doc.mentions[i];
        mentionT[i] = w.textBound(labelName(m.label), {m.span});
        if (m.entity >= 0 && m.entity < static_cast<int>(doc.entities.size()))
            w.noteOn(mentionT[i], "e" + std::to_string(m.entity + 1) + ": " + doc.entities[m.entity].name);
    }
    // Coreference: one equivalence line per actor with two or more mentions.
    for (size_t ent = 0; ent < doc.entities.size(); ++ent) {
        std::string ids;
        int n = 0;
        for (size_t i = 0; i < doc.mentions.size(); ++i)
            if (doc.mentions[i].entity == static_cast<int>(ent) && mentionT[i]) { ids += " T" + std::to_string(mentionT[i]); ++n; }
        if (n >= 2) w.ann += "*\tCoref" + ids + '\n';
    }
    for (const Quote& q : doc.quotes) {
        const int qt = w.textBound("Quote", q.content);
        if (!qt) continue;
        w.attribute("Kind", qt, quoteKindName(q.kind));
        w.attribute("SourceKind", qt, sourceKindName(q.sourceKind));
        w.noteOn(qt, q.why);
        const int ct = q.cue.empty() ? 0 : w.textBound("Cue", {q.cue});
        int st = 0;
        if (!q.source.empty()) {
            for (size_t i = 0; i < doc.mentions.size() && !st; ++i)
                if (doc.mentions[i].span == q.source) st = mentionT[i];
            if (!st) st = w.textBound("Source", {q.source});
        }
        if (ct) {
            w.ann += 'E' + std::to_string(++w.e) + "\tCue:T" + std::to_string(ct) + " Content:T" + std::to_string(qt);
            if (st) w.ann += " Source:T" + std::to_string(st);
            w.ann += '\n';
        }
        if (st) w.ann += 'R' + std::to_string(++w.r) + "\tSaidBy Arg1:T" + std::to_string(qt) + " Arg2:T" + std::to_string(st) + '\n';
    }
    return {doc.text, std::move(w.ann)};
}

std::string bratConfig() {
    return "# brat configuration for whosaid exports (whosaid annotate --format brat)\n"
           "[entities]\nPER\nORG\nLOC\nMISC\nGRP\nQuote\nSource\n\n"
           "[relations]\nSaidBy\tArg1:Quote, Arg2:<ENTITY>\n"
           "Coref\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n\n"
           "[events]\nCue\tContent:Quote, Source?:<ENTITY>\n\n"
           "[attributes]\nKind\tArg:Quote, Value:direct|mixed|indirect\n"
           "SourceKind\tArg:Quote, Value:named|organization|anonymous|unsourced\n";
}

// [SECTION] CoNLL

std::string toConll(const Document& doc) {
    Document copy;
    const Document* d = &doc;
    if (doc.tokens.empty() && !doc.text.empty()) {
        copy.text = doc.text;
        tokenize(copy);
        d = &copy;
    }
    const OffsetIndex idx(doc.text);
    std::string out;
    size_t m = 0;         // first mention that may still overlap
    int lastMention = -1; // mention the previous token was tagged with
    uint32_t sentence = UINT32_MAX;
    for (const Token& tok : d->tokens) {
        if (tok.sentence != sentence) {
            if (sentence != UINT32_MAX) out += '\n';
            sentence = tok.sentence;
            lastMention = -1;
        }
        while (m < doc.mentions.size() && doc.mentions[m].span.end <= tok.span.begin) ++m;
        std::string tag = "O";
        if (m < doc.mentions.size() && doc.mentions[m].span.overlaps(tok.span)) {
            tag = (lastMention == static_cast<int>(m) ? "I-" : "B-") + std::string(labelName(doc.mentions[m].label));
            lastMention = static_cast<int>(m);
        } else {
            lastMention = -1;
        }
        out += doc.slice(tok.span);
        out += '\t' + std::to_string(idx.byteToCodepoint(tok.span.begin)) + '\t' +
               std::to_string(idx.byteToCodepoint(tok.span.end)) + '\t' + tag + '\n';
    }
    if (!out.empty()) out += '\n';
    return out;
}

} // namespace whosaid
