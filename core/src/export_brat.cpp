// brat standoff and CoNLL token exports.
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "edit_json.hpp"
#include "whosaid/import.hpp"

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
        if (!mentionT[i]) continue;
        if (m.entity >= 0 && m.entity < static_cast<int>(doc.entities.size())) {
            // "e3: Ana Lopes", and which edits made the mention and the actor what they are
            std::string note = "e" + std::to_string(m.entity + 1) + ": " + doc.entities[m.entity].name;
            if (m.edit >= 0 || doc.entities[m.entity].edit >= 0)
                note += " [edit " + std::to_string(m.edit) + "/" + std::to_string(doc.entities[m.entity].edit) + "]";
            w.noteOn(mentionT[i], note);
        }
        if (m.kind != MentionKind::Name) w.attribute("MentionKind", mentionT[i], mentionKindName(m.kind));
        if (m.edit >= 0 || (m.entity >= 0 && m.entity < static_cast<int>(doc.entities.size()) && doc.entities[m.entity].edit >= 0))
            w.ann += 'A' + std::to_string(++w.a) + "\tCorrected T" + std::to_string(mentionT[i]) + '\n';
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
        if (q.edit >= 0) w.ann += 'A' + std::to_string(++w.a) + "\tCorrected T" + std::to_string(qt) + '\n';
        // The rule, then what brat has no place for: the confidence and the actor who spoke.
        char conf[16];
        std::snprintf(conf, sizeof conf, "%.2f", std::round(q.confidence * 100.f) / 100.0);
        std::string note = q.why + " (confidence " + conf;
        if (q.speaker >= 0) note += "; speaker e" + std::to_string(q.speaker + 1);
        if (q.edit >= 0) note += "; edit " + std::to_string(q.edit);
        w.noteOn(qt, note + ")");
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
    // The edit log, one edit a line in order, as comments on the first annotation.
    const OffsetIndex& idx = w.idx;
    if (doc.edits.base != EditBase::Tool)
        w.ann += '#' + std::to_string(++w.note) + "\tWhosaidEditBase T1\t" + editBaseName(doc.edits.base) + '\n';
    for (const Edit& e : doc.edits.done)
        w.ann += '#' + std::to_string(++w.note) + "\tWhosaidEdit T1\t" +
                 oneLine(detail::editJson(e, idx).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)) + '\n';
    return {doc.text, std::move(w.ann)};
}

std::string bratConfig() {
    return "# brat configuration for whosaid exports (whosaid annotate --format brat)\n"
           "[entities]\nPER\nORG\nLOC\nMISC\nGRP\nQuote\nSource\n\n"
           "[relations]\nSaidBy\tArg1:Quote, Arg2:<ENTITY>\n"
           "Coref\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n\n"
           "[events]\nCue\tContent:Quote, Source?:<ENTITY>\n\n"
           "[attributes]\nKind\tArg:Quote, Value:direct|mixed|indirect\n"
           "SourceKind\tArg:Quote, Value:named|organization|anonymous|unsourced\n"
           "MentionKind\tArg:PER|ORG|LOC|MISC|GRP, Value:name|pronoun|nominal\n"
           "Corrected\tArg:PER|ORG|LOC|MISC|GRP|Quote\n";
}

// [SECTION] brat import

namespace {

struct BratText {
    std::string type;
    std::vector<Span> spans;  // bytes
};

std::vector<std::string_view> splitOn(std::string_view s, char c) {
    std::vector<std::string_view> out;
    size_t at = 0;
    while (true) {
        const size_t k = s.find(c, at);
        out.push_back(s.substr(at, k == std::string_view::npos ? std::string_view::npos : k - at));
        if (k == std::string_view::npos) break;
        at = k + 1;
    }
    return out;
}

bool number(std::string_view s, uint64_t& out) {
    if (s.empty() || s.size() > 12) return false;
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + static_cast<uint64_t>(c - '0');
    }
    return true;
}

} // namespace

Result<Document> documentFromBrat(std::string_view txt, std::string_view ann) {
    Document doc;
    doc.text = std::string(txt);
    if (!isValidUtf8(doc.text)) return Error{"brat: the .txt is not valid UTF-8"};
    const OffsetIndex idx(doc.text);
    std::map<std::string, BratText> tb;
    std::vector<std::string> order;  // T ids in file order
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> attrs;  // T id → (name, value)
    std::map<std::string, std::string> notes;
    std::map<std::string, std::string> cueOf, sourceOf;  // quote T → cue T, source T
    std::vector<std::string> editLines;
    std::string base;
    size_t lineNo = 0;
    for (std::string_view line : splitOn(ann, '\n')) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        const auto cols = splitOn(line, '\t');
        const std::string where = "brat: line " + std::to_string(lineNo) + ": ";
        if (cols.size() < 2) return Error{where + "expected ID, a tab and the annotation"};
        const std::string id(cols[0]);
        const auto fields = splitOn(cols[1], ' ');
        if (id[0] == 'T') {
            const size_t sp = cols[1].find(' ');
            if (sp == std::string_view::npos) return Error{where + "a text-bound annotation needs offsets"};
            BratText t;
            t.type = std::string(cols[1].substr(0, sp));
            for (std::string_view frag : splitOn(cols[1].substr(sp + 1), ';')) {
                const auto be = splitOn(frag, ' ');
                uint64_t b = 0, e = 0;
                if (be.size() != 2 || !number(be[0], b) || !number(be[1], e) || b > e || e > idx.codepointCount())
                    return Error{where + "offsets must be \"start end\" within the text"};
                const Span s{idx.codepointToByte(static_cast<uint32_t>(b)), idx.codepointToByte(static_cast<uint32_t>(e))};
                // fragments split only at a line break were one span (toBrat() splits them)
                if (!t.spans.empty() && t.spans.back().end + 1 == s.begin && doc.text[t.spans.back().end] == '\n')
                    t.spans.back().end = s.end;
                else
                    t.spans.push_back(s);
            }
            tb[id] = std::move(t);
            order.push_back(id);
        } else if (id[0] == 'A' || id[0] == 'M') {
            if (fields.size() < 2) return Error{where + "an attribute needs a name and a target"};
            attrs[std::string(fields[1])].push_back({std::string(fields[0]), fields.size() > 2 ? std::string(fields[2]) : std::string()});
        } else if (id[0] == 'E') {
            std::string quote, cue, source;
            for (std::string_view f : fields) {
                const size_t colon = f.find(':');
                if (colon == std::string_view::npos) continue;
                const std::string_view role = f.substr(0, colon), target = f.substr(colon + 1);
                if (role == "Cue") cue = target;
                else if (role == "Content") quote = target;
                else if (role == "Source") source = target;
            }
            if (!quote.empty() && !cue.empty()) cueOf[quote] = cue;
            if (!quote.empty() && !source.empty()) sourceOf[quote] = source;
        } else if (id[0] == 'R') {
            if (fields.size() >= 3 && fields[0] == "SaidBy" && fields[1].substr(0, 5) == "Arg1:" && fields[2].substr(0, 5) == "Arg2:")
                sourceOf[std::string(fields[1].substr(5))] = std::string(fields[2].substr(5));
        } else if (id[0] == '#') {
            if (fields.size() < 2 || cols.size() < 3) continue;
            if (fields[0] == "WhosaidEdit") editLines.emplace_back(cols[2]);
            else if (fields[0] == "WhosaidEditBase") base = std::string(cols[2]);
            else if (fields[0] == "AnnotatorNotes") notes[std::string(fields[1])] = std::string(cols[2]);
        }
    }
    auto attr = [&](const std::string& t, const char* name) -> std::string {
        auto it = attrs.find(t);
        if (it == attrs.end()) return {};
        for (const auto& [n, v] : it->second)
            if (n == name) return v.empty() ? std::string("true") : v;
        return {};
    };
    // Actors, from the mentions' notes ("e3: Ana Lopes").
    std::map<std::string, int> mentionIndex;
    for (const std::string& id : order) {
        const BratText& t = tb[id];
        Label label;
        if (!parseLabel(t.type, label) || t.spans.empty()) continue;
        Mention m;
        m.span = {t.spans.front().begin, t.spans.back().end};
        m.label = label;
        const std::string kind = attr(id, "MentionKind");
        if (!kind.empty() && !parseMentionKind(kind, m.kind)) return Error{"brat: " + id + " has an unknown MentionKind"};
        std::string note = notes.count(id) ? notes[id] : std::string();
        int32_t entityEdit = -1;
        const size_t mark = note.rfind(" [edit ");
        if (mark != std::string::npos && note.back() == ']') {
            const std::string refs = note.substr(mark + 7, note.size() - mark - 8);
            const size_t slash = refs.find('/');
            if (slash != std::string::npos) {
                m.edit = std::atoi(refs.substr(0, slash).c_str());
                entityEdit = std::atoi(refs.substr(slash + 1).c_str());
                note = note.substr(0, mark);
            }
        }
        uint64_t n = 0;
        const size_t colon = note.find(": ");
        if (note.size() > 1 && note[0] == 'e' && colon != std::string::npos && number(note.substr(1, colon - 1), n) && n >= 1 && n < (1u << 20)) {
            if (doc.entities.size() < n) doc.entities.resize(n);
            doc.entities[n - 1] = {note.substr(colon + 2), label, entityEdit};
            m.entity = static_cast<int32_t>(n - 1);
        }
        mentionIndex[id] = static_cast<int>(doc.mentions.size());
        doc.mentions.push_back(m);
    }
    // Claims.
    for (const std::string& id : order) {
        const BratText& t = tb[id];
        if (t.type != "Quote" || t.spans.empty()) continue;
        Quote q;
        q.content = t.spans;
        q.span = {t.spans.front().begin, t.spans.back().end};
        if (!parseQuoteKind(attr(id, "Kind").empty() ? "direct" : attr(id, "Kind"), q.kind) ||
            !parseSourceKind(attr(id, "SourceKind").empty() ? "unsourced" : attr(id, "SourceKind"), q.sourceKind))
            return Error{"brat: " + id + " has an unknown Kind or SourceKind"};
        if (cueOf.count(id) && tb.count(cueOf[id])) {
            const BratText& c = tb[cueOf[id]];
            if (!c.spans.empty()) q.cue = {c.spans.front().begin, c.spans.back().end};
        }
        if (sourceOf.count(id) && tb.count(sourceOf[id])) {
            const std::string& sid = sourceOf[id];
            const BratText& s = tb[sid];
            if (!s.spans.empty()) q.source = {s.spans.front().begin, s.spans.back().end};
            if (mentionIndex.count(sid)) q.speaker = doc.mentions[mentionIndex[sid]].entity;
        }
        std::string note = notes.count(id) ? notes[id] : std::string();
        const size_t conf = note.rfind(" (confidence ");
        if (conf != std::string::npos && note.back() == ')') {
            const std::string inner = note.substr(conf + 13, note.size() - conf - 14);
            q.confidence = static_cast<float>(std::clamp(std::atof(inner.c_str()), 0.0, 1.0));
            for (std::string_view part : splitOn(inner, ';')) {
                while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
                uint64_t n = 0;
                if (part.substr(0, 9) == "speaker e" && number(part.substr(9), n) && n >= 1 && n <= doc.entities.size())
                    q.speaker = static_cast<int32_t>(n - 1);
                if (part.substr(0, 5) == "edit " && number(part.substr(5), n)) q.edit = static_cast<int32_t>(n);
            }
            if (inner.find("speaker e") == std::string::npos) q.speaker = -1;
            note = note.substr(0, conf);
        }
        q.why = note;
        doc.quotes.push_back(std::move(q));
    }
    std::stable_sort(doc.quotes.begin(), doc.quotes.end(), [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
    if (!base.empty() && !parseEditBase(base, doc.edits.base)) return Error{"brat: unknown WhosaidEditBase " + base};
    for (const std::string& line : editLines) {
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        Edit e;
        std::string error;
        if (!detail::readEdit(j, idx, e, error)) return Error{"brat: " + error};
        doc.edits.done.push_back(std::move(e));
    }
    const size_t edits = doc.edits.done.size();
    for (Mention& m : doc.mentions) if (m.edit >= static_cast<int32_t>(edits)) m.edit = -1;
    for (Quote& q : doc.quotes) if (q.edit >= static_cast<int32_t>(edits)) q.edit = -1;
    for (Entity& e : doc.entities) if (e.edit >= static_cast<int32_t>(edits)) e.edit = -1;
    return doc;
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
