// brat standoff and CoNLL token exports.
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "edit_json.hpp"
#include "json_read.hpp"
#include "whosaid/json.hpp"
#include "whosaid/import.hpp"

#include "whosaid/export.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid {

namespace {

// brat keeps one annotation a line, and reads its files with Python's
// splitlines(), which breaks lines at every isLineBreak() character, not only
// at LF. Notes are escaped so that they read back exactly: \\ for a backslash,
// \t for a tab, \n for LF and \u2028 (\xNN for control characters) for the
// other line breaks.
std::string noteEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        int len = 1;
        const unsigned char b = static_cast<unsigned char>(s[i]);
        const char32_t c = b < 0x80 ? b : decodeAt(s, i, len);  // notes are valid UTF-8, as all of a Document
        if (c == '\\') out += "\\\\";
        else if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20 && isLineBreak(c)) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        } else if (isLineBreak(c)) out += c == 0x85 ? "\\u0085" : c == 0x2028 ? "\\u2028" : "\\u2029";
        else out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

// noteEscape() undone; a backslash before anything else stays as it is (notes by hand).
std::string noteUnescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    auto hex = [](std::string_view h, uint32_t& v) {
        v = 0;
        for (char c : h) {
            const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) return false;
            v = v * 16 + static_cast<uint32_t>(d);
        }
        return true;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) { out += s[i]; continue; }
        const char n = s[i + 1];
        uint32_t v = 0;
        if (n == '\\') out += '\\', ++i;
        else if (n == 't') out += '\t', ++i;
        else if (n == 'n') out += '\n', ++i;
        else if (n == 'r') out += '\r', ++i;
        else if (n == 'x' && i + 3 < s.size() && hex(s.substr(i + 2, 2), v) && v < 0x20) out += static_cast<char>(v), i += 3;
        else if (n == 'u' && i + 5 < s.size() && hex(s.substr(i + 2, 4), v) && isLineBreak(v)) appendUtf8(out, v), i += 5;
        else out += s[i];
    }
    return out;
}

// The end of the run of text from `b` up to `end` that holds no line break.
uint32_t lineEnd(std::string_view text, uint32_t b, uint32_t end) {
    while (b < end) {
        int len = 1;
        if (isLineBreak(decodeAt(text, b, len))) break;
        b += static_cast<uint32_t>(len);
    }
    return std::min(b, end);
}

// True when text[a, b) is one or more line breaks and nothing else: two
// fragments around it were one span that textBound() split.
bool onlyLineBreaks(std::string_view text, uint32_t a, uint32_t b) {
    if (a >= b) return false;
    while (a < b) {
        int len = 1;
        if (!isLineBreak(decodeAt(text, a, len))) return false;
        a += static_cast<uint32_t>(len);
    }
    return a == b;
}

// Fragments as documentFromBrat() reads them: neighbours with only line breaks between them join.
std::vector<Span> joinFragments(std::string_view text, const std::vector<Span>& frags) {
    std::vector<Span> out;
    for (Span s : frags) {
        if (!out.empty() && onlyLineBreaks(text, out.back().end, s.begin)) out.back().end = s.end;
        else out.push_back(s);
    }
    return out;
}

struct BratWriter {
    const Document& doc;
    OffsetIndex idx;
    std::string ann;
    int t = 0, r = 0, e = 0, a = 0, note = 0;

    // The fragments brat gets for these spans: each split around its line breaks
    // (brat shows one line per fragment, and its reader splits lines there).
    std::vector<Span> fragments(const std::vector<Span>& spans) const {
        std::vector<Span> out;
        for (Span s : spans) {
            uint32_t b = s.begin;
            while (b < s.end) {
                const uint32_t e2 = lineEnd(doc.text, b, s.end);
                if (e2 > b) out.push_back({b, e2});
                if (e2 >= s.end) break;
                int len = 1;
                decodeAt(doc.text, e2, len);
                b = e2 + static_cast<uint32_t>(len);
            }
        }
        return out;
    }
    // Writes "Tn\tTYPE b e;b e\ttext" and returns n (0 when nothing is left to show).
    int textBound(const char* type, const std::vector<Span>& spans) {
        std::string offsets, text;
        for (Span f : fragments(spans)) {
            if (!offsets.empty()) { offsets += ';'; text += ' '; }
            offsets += std::to_string(idx.byteToCodepoint(f.begin)) + ' ' + std::to_string(idx.byteToCodepoint(f.end));
            text += doc.slice(f);  // exactly the .txt's words: brat checks; a tab is fine (the text is the line's rest)
        }
        if (offsets.empty()) return 0;  // an empty or all-line-break span: nothing brat can show
        ++t;
        ann += 'T' + std::to_string(t) + '\t' + type + ' ' + offsets + '\t' + text + '\n';
        return t;
    }
    void noteOn(int id, std::string_view s) {
        if (!id || s.empty()) return;
        ann += '#' + std::to_string(++note) + "\tAnnotatorNotes T" + std::to_string(id) + '\t' + noteEscape(s) + '\n';
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
        // the actor's type where this mention's differs (an actor has one type:
        // "Vellmar" the council's town in one mention, the council in another)
        if (m.entity >= 0 && m.entity < static_cast<int>(doc.entities.size()) && doc.entities[m.entity].label != m.label)
            w.attribute("ActorType", mentionT[i], labelName(doc.entities[m.entity].label));
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
        // Content spans that the fragments do not give back (two spans with only
        // a line break between them read as one): listed, in code points.
        if (joinFragments(doc.text, w.fragments(q.content)) != q.content) {
            note += "; content";
            for (size_t k = 0; k < q.content.size(); ++k)
                note += (k ? "," : " ") + std::to_string(w.idx.byteToCodepoint(q.content[k].begin)) + "-" +
                        std::to_string(w.idx.byteToCodepoint(q.content[k].end));
        }
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
    for (const Edit& e : doc.edits.done) {
        // JSON on one line: line breaks inside strings are escapes already, but for U+0085, U+2028 and U+2029
        std::string line = detail::editJson(e, idx).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        escapeLineSeparators(line);
        w.ann += '#' + std::to_string(++w.note) + "\tWhosaidEdit T1\t" + line + '\n';
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
           "SourceKind\tArg:Quote, Value:named|organization|anonymous|unsourced\n"
           "MentionKind\tArg:PER|ORG|LOC|MISC|GRP, Value:name|pronoun|nominal\n"
           "ActorType\tArg:PER|ORG|LOC|MISC|GRP, Value:PER|ORG|LOC|MISC|GRP\n"
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
    std::vector<std::pair<size_t, std::string>> editLines;  // (line number, the edit's JSON)
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
                // fragments split only at line breaks were one span (toBrat() splits them)
                if (!t.spans.empty() && onlyLineBreaks(doc.text, t.spans.back().end, s.begin))
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
            if (fields[0] == "WhosaidEdit") editLines.push_back({lineNo, std::string(cols[2])});
            else if (fields[0] == "WhosaidEditBase") base = std::string(cols[2]);
            else if (fields[0] == "AnnotatorNotes") notes[std::string(fields[1])] = noteUnescape(cols[2]);
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
            Label actor = label;
            const std::string type = attr(id, "ActorType");
            if (!type.empty() && !parseLabel(type, actor)) return Error{"brat: " + id + " has an unknown ActorType"};
            doc.entities[n - 1] = {note.substr(colon + 2), actor, entityEdit};
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
                if (part.substr(0, 8) == "content ") {
                    // the content spans, when the fragments do not give them back: "b-e,b-e" in code points
                    std::vector<Span> spans;
                    for (std::string_view one : splitOn(part.substr(8), ',')) {
                        const size_t dash = one.find('-');
                        uint64_t b = 0, e = 0;
                        if (dash == std::string_view::npos || !number(one.substr(0, dash), b) || !number(one.substr(dash + 1), e) ||
                            b > e || e > idx.codepointCount())
                            return Error{"brat: " + id + ": the note's content spans must be start-end within the text"};
                        spans.push_back({idx.codepointToByte(static_cast<uint32_t>(b)), idx.codepointToByte(static_cast<uint32_t>(e))});
                    }
                    if (!spans.empty()) {
                        q.content = spans;
                        q.span = {spans.front().begin, spans.back().end};
                        for (Span c : spans) q.span.begin = std::min(q.span.begin, c.begin), q.span.end = std::max(q.span.end, c.end);
                    }
                }
            }
            if (inner.find("speaker e") == std::string::npos) q.speaker = -1;
            note = note.substr(0, conf);
        }
        q.why = note;
        doc.quotes.push_back(std::move(q));
    }
    std::stable_sort(doc.quotes.begin(), doc.quotes.end(), [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
    if (!base.empty() && !parseEditBase(base, doc.edits.base)) return Error{"brat: unknown WhosaidEditBase " + base};
    for (const auto& [lineNo, line] : editLines) {
        const std::string where = "brat: line " + std::to_string(lineNo);
        if (std::string deep = jsonNestingProblem(line); !deep.empty()) return Error{where + ": the edit's JSON is " + deep};
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded()) return Error{where + ": the edit is not valid JSON"};
        Edit e;
        detail::JsonReader r(where);
        if (!detail::readEdit(j, idx, e, r, detail::JsonPath{})) return Error{r.error()};
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
