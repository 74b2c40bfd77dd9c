// Lessons, student work and the comparison behind the classroom reveal.
#include "whosaid/classroom.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "whosaid/json.hpp"
#include "json_read.hpp"
#include "span_match.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

// [SECTION] Files

uint64_t textHash(std::string_view text) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

namespace {

std::string schemaOf(const json& j) {
    if (!j.is_object()) return {};
    auto it = j.find("schema");
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The embedded whosaid/1 document of a lesson or student file.
Result<Document> embedded(const json& j, const char* what) {
    auto it = j.find("document");
    if (it == j.end()) return Error{std::string(what) + ": no \"document\" in the file"};
    return detail::documentFromJsonValue(*it, what, "document");
}

Result<json> parseVersioned(std::string_view text, const char* schema, const char* what) {
    if (std::string deep = jsonNestingProblem(text); !deep.empty()) return Error{std::string(what) + ": the JSON is " + deep};
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{std::string(what) + ": not a whosaid file (not valid JSON)"};
    const std::string s = schemaOf(j);
    if (s.empty()) return Error{std::string(what) + ": not a whosaid file (no \"schema\")"};
    const std::string base(schema, std::string_view(schema).find('/'));
    if (s.rfind(base + "/", 0) == 0 && s != schema)
        return Error{std::string(what) + ": made by a newer whosaid (" + s + "); this page reads " + schema};
    if (s != schema) return Error{std::string(what) + ": this is a " + s + " file, not a " + schema + " file"};
    return j;
}

// A lesson's or a work's JSON, laid out as before, one line per record for line readers.
std::string dumped(const ordered& j) {
    std::string s = j.dump(2, ' ', false, ordered::error_handler_t::replace);
    escapeLineSeparators(s);
    return s;
}

} // namespace

ClassroomFile classroomFileKind(std::string_view text) {
    if (jsonNestingExceeded(text) != std::string_view::npos) {
        // too deep to parse: the schema near the start still tells what it wants
        // to be, so that its reader can say what is wrong with it
        const std::string_view head = text.substr(0, 512);
        if (head.find(std::string("\"") + kLessonSchema + "\"") != std::string_view::npos) return ClassroomFile::Lesson;
        if (head.find(std::string("\"") + kStudentSchema + "\"") != std::string_view::npos) return ClassroomFile::StudentWork;
        return ClassroomFile::Unknown;
    }
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    const std::string s = schemaOf(j);
    if (s == kLessonSchema) return ClassroomFile::Lesson;
    if (s == kStudentSchema) return ClassroomFile::StudentWork;
    if (s == "whosaid/1") return ClassroomFile::Document;
    return ClassroomFile::Unknown;
}

std::string lessonToJson(const Lesson& lesson) {
    ordered j = ordered::object();
    j["schema"] = kLessonSchema;
    j["title"] = lesson.title;
    j["instructions"] = lesson.instructions;
    j["questions"] = lesson.questions;
    j["has_key"] = lesson.hasKey;
    j["document"] = ordered::parse(toJson(lesson.key));
    return dumped(j);
}

Result<Lesson> lessonFromJson(std::string_view text) {
    Result<json> j = parseVersioned(text, kLessonSchema, "lesson");
    if (!j) return j.error();
    Lesson lesson;
    detail::JsonReader r("lesson");
    const detail::JsonPath root;
    const json* questions = nullptr;
    if (!r.string(*j, root, "title", lesson.title) || !r.string(*j, root, "instructions", lesson.instructions) ||
        !r.array(*j, root, "questions", questions) || !r.boolean(*j, root, "has_key", lesson.hasKey))
        return Error{r.error()};
    const detail::JsonPath questionsAt = root.key("questions");
    for (size_t i = 0; questions && i < questions->size(); ++i) {
        const json& x = (*questions)[i];
        if (!x.is_string()) {
            r.wrongType(questionsAt.item(i), x, "a string");
            return Error{r.error()};
        }
        lesson.questions.push_back(x.get<std::string>());
    }
    Result<Document> doc = embedded(*j, "lesson");
    if (!doc) return doc.error();
    lesson.key = std::move(*doc);
    return lesson;
}

std::string studentWorkToJson(const StudentWork& work) {
    ordered j = ordered::object();
    j["schema"] = kStudentSchema;
    j["student"] = work.student;
    j["lesson_title"] = work.lessonTitle;
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(work.textHash));
    j["text_hash"] = hash;
    j["document"] = ordered::parse(toJson(work.marks));
    return dumped(j);
}

Result<StudentWork> studentWorkFromJson(std::string_view text) {
    Result<json> j = parseVersioned(text, kStudentSchema, "student work");
    if (!j) return j.error();
    StudentWork w;
    detail::JsonReader r("student work");
    const detail::JsonPath root;
    std::string hash;
    if (!r.string(*j, root, "student", w.student) || !r.string(*j, root, "lesson_title", w.lessonTitle) ||
        !r.string(*j, root, "text_hash", hash))
        return Error{r.error()};
    Result<Document> doc = embedded(*j, "student work");
    if (!doc) return doc.error();
    w.marks = std::move(*doc);
    w.textHash = textHash(w.marks.text);
    return w;
}

StudentWork startWork(const Lesson& lesson, std::string student) {
    StudentWork w;
    w.student = std::move(student);
    w.lessonTitle = lesson.title;
    w.marks.id = lesson.key.id;
    w.marks.text = lesson.key.text;
    w.textHash = textHash(w.marks.text);
    return w;
}

// [SECTION] Marking

namespace {
bool fits(const Document& d, Span s) { return s.begin < s.end && s.end <= d.text.size(); }

int32_t groupMention(Document& doc, Span span, Label label) {
    const std::string_view words = doc.slice(span);
    for (const Mention& m : doc.mentions)
        if (m.entity >= 0 && m.label == label && doc.slice(m.span) == words) return m.entity;
    doc.entities.push_back({std::string(words), label});
    return static_cast<int32_t>(doc.entities.size() - 1);
}
} // namespace

int addStudentMention(Document& doc, Span span, Label label) {
    if (!fits(doc, span)) return -1;
    for (size_t i = 0; i < doc.mentions.size(); ++i)
        if (doc.mentions[i].span == span) {
            doc.mentions[i].label = label;
            doc.mentions[i].entity = groupMention(doc, span, label);
            return static_cast<int>(i);
        }
    Mention m;
    m.span = span;
    m.label = label;
    m.kind = label == Label::GRP ? MentionKind::Nominal : MentionKind::Name;
    m.entity = groupMention(doc, span, label);
    auto at = std::upper_bound(doc.mentions.begin(), doc.mentions.end(), m,
                               [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
    at = doc.mentions.insert(at, m);
    return static_cast<int>(at - doc.mentions.begin());
}

int addStudentClaim(Document& doc, Span span) {
    if (!fits(doc, span)) return -1;
    Quote q;
    q.span = span;
    q.content = {span};
    int len = 1;
    const char32_t first = decodeAt(doc.text, span.begin, len);
    const bool opens = isOpeningQuote(first) || isAmbiguousQuote(first);
    size_t marks = 0;
    for (size_t i = span.begin; i < span.end;) {
        const char32_t c = decodeAt(doc.text, i, len);
        marks += isOpeningQuote(c) || isClosingQuote(c) || c == '"';
        i += len;
    }
    q.kind = opens ? QuoteKind::Direct : marks >= 2 ? QuoteKind::Mixed : QuoteKind::Indirect;
    q.why = "marked by the student";
    q.confidence = 1.f;
    auto at = std::upper_bound(doc.quotes.begin(), doc.quotes.end(), q,
                               [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
    at = doc.quotes.insert(at, std::move(q));
    return static_cast<int>(at - doc.quotes.begin());
}

bool setStudentSpeaker(Document& doc, int quote, int mention) {
    if (quote < 0 || quote >= static_cast<int>(doc.quotes.size()) || mention < 0 ||
        mention >= static_cast<int>(doc.mentions.size()))
        return false;
    Quote& q = doc.quotes[quote];
    const Mention& m = doc.mentions[mention];
    q.source = m.span;
    q.speaker = m.entity;
    q.sourceKind = m.label == Label::PER ? SourceKind::Named : m.label == Label::GRP ? SourceKind::Anonymous
                                                                                   : SourceKind::Organization;
    q.why = "marked by the student";
    return true;
}

bool removeStudentMention(Document& doc, int mention) {
    if (mention < 0 || mention >= static_cast<int>(doc.mentions.size())) return false;
    const Span gone = doc.mentions[mention].span;
    doc.mentions.erase(doc.mentions.begin() + mention);
    for (Quote& q : doc.quotes)
        if (q.source == gone) {
            q.source = {};
            q.speaker = -1;
            q.sourceKind = SourceKind::Unsourced;
        }
    return true;
}

bool removeStudentClaim(Document& doc, int quote) {
    if (quote < 0 || quote >= static_cast<int>(doc.quotes.size())) return false;
    doc.quotes.erase(doc.quotes.begin() + quote);
    return true;
}

// [SECTION] Comparing

namespace {

// score.py's trim: blanks, quotation marks and punctuation at both ends, then a leading "that ".
Span trim(const Document& d, Span s) {
    const std::string_view t = d.text;
    while (s.begin < s.end) {
        int len = 1;
        if (!isTrimmedChar(decodeAt(t, s.begin, len))) break;
        s.begin += len;
    }
    while (s.end > s.begin) {
        uint32_t b = s.end - 1;
        while (b > s.begin && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) --b;
        int len = 1;
        if (!isTrimmedChar(decodeAt(t, b, len))) break;
        s.end = b;
    }
    if (s.end - s.begin >= 5 && lowercase(t.substr(s.begin, 5)) == "that ") s.begin += 5;
    return s;
}

uint32_t overlap(Span a, Span b) {
    const uint32_t lo = std::max(a.begin, b.begin), hi = std::min(a.end, b.end);
    return hi > lo ? hi - lo : 0;
}

uint32_t overlap(const std::vector<Span>& a, const std::vector<Span>& b) {
    uint32_t n = 0;
    for (Span x : a)
        for (Span y : b) n += overlap(x, y);
    return n;
}

std::vector<Span> mentionsOf(const Document& d, int entity) {
    std::vector<Span> out;
    if (entity < 0) return out;
    for (const Mention& m : d.mentions)
        if (m.entity == entity) out.push_back(m.span);
    return out;
}

// The key's actors: names and anonymous groups (pronouns are the key's business).
bool countsAsActor(const Mention& m) { return m.kind == MentionKind::Name || m.label == Label::GRP; }

std::string explain(const Document& key, const Quote& q) {
    std::string s;
    if (!q.source.empty()) {
        s = "source: \xE2\x80\x9C" + std::string(key.sourceWords(q)) + "\xE2\x80\x9D";
        if (q.speaker >= 0) s += " (" + key.entities[q.speaker].name + ")";
    } else {
        s = "no source in the text";
    }
    s += q.sourceKind == SourceKind::Anonymous ? "; an anonymous source" : "";
    if (!q.cue.empty()) s += "; cue: \xE2\x80\x9C" + std::string(key.slice(q.cue)) + "\xE2\x80\x9D";
    if (!q.why.empty()) s += "; why: " + q.why;
    return s;
}

} // namespace

Comparison compareMarkup(const Document& key, const Document& student) {
    Comparison c;
    // Actors.
    std::vector<int> keyActors, studentActors;
    for (size_t i = 0; i < key.mentions.size(); ++i)
        if (countsAsActor(key.mentions[i])) keyActors.push_back(static_cast<int>(i));
    for (size_t i = 0; i < student.mentions.size(); ++i) studentActors.push_back(static_cast<int>(i));
    auto actorPairs = pairByOverlap(keyActors.size(), studentActors.size(), [&](size_t i, size_t j) {
        return overlap(key.mentions[keyActors[i]].span, student.mentions[studentActors[j]].span);
    });
    std::vector<int> studentFor(keyActors.size(), -1);
    std::vector<char> studentUsed(studentActors.size());
    for (auto [i, j] : actorPairs) {
        studentFor[i] = j;
        studentUsed[j] = 1;
    }
    for (size_t i = 0; i < keyActors.size(); ++i) {
        ActorCheck a;
        a.keyMention = keyActors[i];
        if (studentFor[i] >= 0) {
            a.studentMention = studentActors[studentFor[i]];
            a.labelRight = student.mentions[a.studentMention].label == key.mentions[a.keyMention].label;
            ++c.actors.right;
            c.labels.right += a.labelRight;
        }
        ++c.actors.total;
        ++c.labels.total;
        c.actorChecks.push_back(a);
    }
    for (size_t j = 0; j < studentActors.size(); ++j)
        if (!studentUsed[j]) {
            c.actorChecks.push_back({-1, studentActors[j], false});
            ++c.extraActors;
        }

    // Claims.
    std::vector<std::vector<Span>> keySpans(key.quotes.size()), studentSpans(student.quotes.size());
    for (size_t i = 0; i < key.quotes.size(); ++i)
        for (Span s : key.quotes[i].content) keySpans[i].push_back(trim(key, s));
    for (size_t j = 0; j < student.quotes.size(); ++j)
        for (Span s : student.quotes[j].content) studentSpans[j].push_back(trim(student, s));
    auto claimPairs = pairByOverlap(key.quotes.size(), student.quotes.size(),
                                    [&](size_t i, size_t j) { return overlap(keySpans[i], studentSpans[j]); });
    std::vector<int> claimFor(key.quotes.size(), -1);
    std::vector<char> claimUsed(student.quotes.size());
    for (auto [i, j] : claimPairs) {
        claimFor[i] = j;
        claimUsed[j] = 1;
    }
    for (size_t i = 0; i < key.quotes.size(); ++i) {
        const Quote& kq = key.quotes[i];
        ClaimCheck cc;
        cc.keyQuote = static_cast<int>(i);
        cc.studentQuote = claimFor[i];
        cc.anonymous = kq.sourceKind == SourceKind::Anonymous;
        cc.why = explain(key, kq);
        ++c.claims.total;
        if (cc.studentQuote >= 0) {
            ++c.claims.right;
            const Quote& sq = student.quotes[cc.studentQuote];
            std::vector<Span> truth = mentionsOf(key, kq.speaker);
            if (!kq.source.empty()) truth.push_back(kq.source);
            std::vector<Span> said = mentionsOf(student, sq.speaker);
            if (!sq.source.empty()) said.push_back(sq.source);
            if (!truth.empty()) {
                ++c.speakers.total;
                cc.speakerRight = !said.empty() && overlap(truth, said) > 0;
                c.speakers.right += cc.speakerRight;
            }
            if (cc.anonymous) cc.anonymousNoticed = sq.sourceKind == SourceKind::Anonymous;
        }
        if (cc.anonymous) {
            ++c.anonymous.total;
            c.anonymous.right += cc.anonymousNoticed;
        }
        c.claimChecks.push_back(std::move(cc));
    }
    for (size_t j = 0; j < student.quotes.size(); ++j)
        if (!claimUsed[j]) {
            ClaimCheck cc;
            cc.studentQuote = static_cast<int>(j);
            cc.why = "not a claim in the answer key";
            c.claimChecks.push_back(std::move(cc));
            ++c.extraClaims;
        }
    return c;
}

ClassSummary summarizeClass(const Document& key, const std::vector<StudentWork>& works) {
    ClassSummary s;
    s.claimMissedBy.assign(key.quotes.size(), 0);
    s.speakerWrongBy.assign(key.quotes.size(), 0);
    const uint64_t hash = textHash(key.text);
    for (const StudentWork& w : works) {
        if (w.textHash != hash || w.marks.text != key.text) {
            s.skipped.push_back(w.student.empty() ? std::string("(no name)") : w.student);
            continue;
        }
        const Comparison c = compareMarkup(key, w.marks);
        ++s.students;
        s.names.push_back(w.student);
        for (const ClaimCheck& cc : c.claimChecks) {
            if (cc.keyQuote < 0) continue;
            if (cc.studentQuote < 0) ++s.claimMissedBy[cc.keyQuote];
            else if (!cc.speakerRight) ++s.speakerWrongBy[cc.keyQuote];
        }
        for (auto [sum, one] : {std::pair{&s.actors, &c.actors}, {&s.claims, &c.claims}, {&s.speakers, &c.speakers},
                                {&s.anonymous, &c.anonymous}}) {
            sum->right += one->right;
            sum->total += one->total;
        }
    }
    return s;
}

} // namespace whosaid
