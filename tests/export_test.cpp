#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "whosaid/annotate.hpp"
#include "whosaid/edits.hpp"
#include "whosaid/export.hpp"
#include "whosaid/import.hpp"
#include "whosaid/json.hpp"
#include "whosaid/text.hpp"

using namespace whosaid;
using nlohmann::json;

namespace {

// Our own sentences: names with non-ASCII letters, a split quote, a claim
// continued over a paragraph break, an anonymous source and reported speech.
constexpr const char* kArticle =
    "Harbour plan divides Vellmar\n\n"
    "Mayor Ayşe Demir said the bridge would reopen in May. “We are ready,” Demir told reporters, "
    "“and the money is there.”\n\n"
    "Tomasz Kowalczyk of the Green Alliance disagreed. “Nobody has seen the budget,” he said.\n\n"
    "Council officials said the vote could slip to June, according to the Vellmar Gazette.";

Document annotated() {
    Result<Document> d = annotate(kArticle, Model::builtin());
    EXPECT_TRUE(d.ok());
    return std::move(d).value();
}

// Code point string of UTF-8, to slice the way Python and W3C selectors do.
std::u32string codepoints(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        int len;
        out += decodeAt(s, i, len);
        i += static_cast<size_t>(len);
    }
    return out;
}
std::string utf8(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) appendUtf8(out, c);
    return out;
}
std::string cpSlice(const std::u32string& text, uint32_t a, uint32_t b) { return utf8(std::u32string_view(text).substr(a, b - a)); }

} // namespace

// [SECTION] Formats

TEST(Export, FormatNames) {
    ExportFormat f;
    for (const char* name : {"json", "webanno", "brat", "conll", "html"}) {
        ASSERT_TRUE(parseExportFormat(name, f)) << name;
        EXPECT_STREQ(exportFormatName(f), name);
    }
    EXPECT_FALSE(parseExportFormat("xml", f));
    EXPECT_STREQ(exportFileExtension(ExportFormat::WebAnnotation), ".jsonld");
    EXPECT_STREQ(exportMimeType(ExportFormat::Html), "text/html");
}

// [SECTION] Web Annotation

TEST(Export, WebAnnotationOffsetsEqualWhosaidJson) {
    const Document doc = annotated();
    ASSERT_FALSE(doc.mentions.empty());
    ASSERT_FALSE(doc.quotes.empty());
    const json w = json::parse(toWebAnnotation(doc));
    const json j = json::parse(toJson(doc));
    const std::u32string text = codepoints(doc.text);

    // required model fields
    ASSERT_TRUE(w["@context"].is_array());
    EXPECT_EQ(w["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    EXPECT_EQ(w["type"], "AnnotationCollection");
    EXPECT_TRUE(w["id"].is_string());
    const json& items = w["first"]["items"];
    EXPECT_EQ(w["first"]["type"], "AnnotationPage");
    EXPECT_EQ(w["total"], items.size());

    std::set<std::string> ids;
    for (const json& a : items) {
        EXPECT_EQ(a["type"], "Annotation");
        ASSERT_TRUE(a["id"].is_string());
        EXPECT_TRUE(ids.insert(a["id"].get<std::string>()).second) << "ids are unique";
        EXPECT_TRUE(a.contains("target"));
        EXPECT_TRUE(a.contains("motivation"));
    }
    // every target: position selector = quote selector's exact = the code point slice
    auto checkTarget = [&](const json& t, uint32_t start, uint32_t end) {
        EXPECT_EQ(t["type"], "SpecificResource");
        EXPECT_EQ(t["selector"][0]["type"], "TextPositionSelector");
        EXPECT_EQ(t["selector"][0]["start"], start);
        EXPECT_EQ(t["selector"][0]["end"], end);
        const json& q = t["selector"][1];
        EXPECT_EQ(q["type"], "TextQuoteSelector");
        EXPECT_EQ(q["exact"], cpSlice(text, start, end));
        const uint32_t p = q["prefix"].get<std::string>().empty() ? 0 : countCodepoints(q["prefix"].get<std::string>());
        EXPECT_EQ(q["prefix"], cpSlice(text, start - p, start));
        EXPECT_LE(p, 32u);
        EXPECT_EQ(q["suffix"], cpSlice(text, end, std::min<uint32_t>(end + 32, text.size())));
    };
    for (size_t i = 0; i < j["mentions"].size(); ++i) {
        const json& m = j["mentions"][i];
        const json& a = items[i];
        EXPECT_EQ(a["body"][0]["value"], m["label"]);
        checkTarget(a["target"], m["start"], m["end"]);
    }
    for (size_t i = 0; i < j["quotes"].size(); ++i) {
        const json& q = j["quotes"][i];
        const json& a = items[j["mentions"].size() + i];
        const json targets = a["target"].is_array() ? a["target"] : json::array({a["target"]});
        ASSERT_EQ(targets.size(), q["content_spans"].size());
        for (size_t k = 0; k < targets.size(); ++k) checkTarget(targets[k], q["content_spans"][k][0], q["content_spans"][k][1]);
        if (!q["source"].is_null()) {
            // linked to the source's annotation, whose target is the source span
            const std::string src = a["whosaid:source"];
            EXPECT_TRUE(ids.count(src)) << src;
            bool linked = false;
            for (const json& b : a["body"]) linked |= b["purpose"] == "linking" && b["source"] == src;
            EXPECT_TRUE(linked);
            for (const json& s : items)
                if (s["id"] == src) checkTarget(s["target"], q["source"][0], q["source"][1]);
        }
        if (!q["cue"].is_null()) checkTarget(a["whosaid:cue"], q["cue"][0], q["cue"][1]);
    }
}

TEST(Export, WebAnnotationIdsAreIris) {
    Document d;
    d.id = "a b/ç";
    d.text = "x";
    const json w = json::parse(toWebAnnotation(d));
    EXPECT_EQ(w["id"], "urn:whosaid:doc:a%20b%2F%C3%A7/annotations");
    ExportOptions o;
    o.sourceIri = "https://example.org/article/1";
    EXPECT_EQ(json::parse(toWebAnnotation(d, o))["id"], "https://example.org/article/1/annotations");
}

// [SECTION] brat

namespace {
struct BratT {
    std::string type;
    std::vector<std::pair<uint32_t, uint32_t>> frags;
    std::string text;
};
// A small reader for the lines toBrat() writes, strict about their shape.
std::map<std::string, BratT> parseBratT(const std::string& ann, std::vector<std::string>& other) {
    std::map<std::string, BratT> out;
    std::istringstream in(ann);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] != 'T') { other.push_back(line); continue; }
        const size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        EXPECT_NE(t2, std::string::npos) << line;
        BratT t;
        std::istringstream mid(line.substr(t1 + 1, t2 - t1 - 1));
        mid >> t.type;
        std::string rest;
        std::getline(mid, rest);
        std::istringstream frags(rest);
        std::string frag;
        while (std::getline(frags, frag, ';')) {
            uint32_t a, b;
            std::istringstream(frag) >> a >> b;
            t.frags.push_back({a, b});
        }
        t.text = line.substr(t2 + 1);
        out[line.substr(0, t1)] = t;
    }
    return out;
}
} // namespace

TEST(Export, BratParsesBackToTheSameSpans) {
    const Document doc = annotated();
    const BratFiles brat = toBrat(doc);
    EXPECT_EQ(brat.txt, doc.text);
    std::vector<std::string> other;
    const auto ts = parseBratT(brat.ann, other);
    const std::u32string text = codepoints(brat.txt);
    const json j = json::parse(toJson(doc));

    // every T line's text is its fragments' text joined by spaces, no fragment crosses a line
    for (const auto& [id, t] : ts) {
        std::string joined;
        for (auto [a, b] : t.frags) {
            ASSERT_LT(a, b);
            ASSERT_LE(b, text.size());
            const std::string s = cpSlice(text, a, b);
            EXPECT_EQ(s.find('\n'), std::string::npos);
            joined += (joined.empty() ? "" : " ") + s;
        }
        EXPECT_EQ(joined, t.text) << id;
    }
    // mentions come first, in order, with their labels and code point spans
    for (size_t i = 0; i < j["mentions"].size(); ++i) {
        const BratT& t = ts.at("T" + std::to_string(i + 1));
        EXPECT_EQ(t.type, j["mentions"][i]["label"]);
        ASSERT_EQ(t.frags.size(), 1u);
        EXPECT_EQ(t.frags[0].first, j["mentions"][i]["start"]);
        EXPECT_EQ(t.frags[0].second, j["mentions"][i]["end"]);
    }
    // quotes: content spans (split at line breaks) and their SaidBy/Cue links
    std::vector<const BratT*> quotes;
    for (const auto& [id, t] : ts)
        if (t.type == "Quote") quotes.push_back(&t);
    ASSERT_EQ(quotes.size(), j["quotes"].size());
    std::map<std::string, std::string> saidBy;  // quote T → source T
    for (const std::string& l : other)
        if (l[0] == 'R') {
            std::istringstream in(l);
            std::string id, type, a1, a2;
            in >> id >> type >> a1 >> a2;
            EXPECT_EQ(type, "SaidBy");
            saidBy[a1.substr(5)] = a2.substr(5);
        }
    for (const auto& [id, t] : ts) {
        if (t.type != "Quote") continue;
        const json* q = nullptr;
        for (const json& x : j["quotes"])
            if (x["content_spans"][0][0] == t.frags[0].first) q = &x;
        ASSERT_TRUE(q) << id;
        std::vector<std::pair<uint32_t, uint32_t>> want;
        for (const json& s : (*q)["content_spans"]) {
            uint32_t a = s[0];
            const uint32_t b = s[1];
            for (uint32_t k = a; k <= b; ++k)
                if (k == b || text[k] == U'\n') {
                    if (k > a) want.push_back({a, k});
                    a = k + 1;
                }
        }
        EXPECT_EQ(t.frags, want) << id;
        if (!(*q)["source"].is_null()) {
            ASSERT_TRUE(saidBy.count(id)) << id;
            const BratT& s = ts.at(saidBy[id]);
            EXPECT_EQ(s.frags[0].first, (*q)["source"][0]);
            EXPECT_EQ(s.frags.back().second, (*q)["source"][1]);
        }
    }
    // every reference in E/R/A/#/* lines names an existing T
    for (const std::string& l : other) {
        for (size_t p = l.find('T', 1); p != std::string::npos; p = l.find('T', p + 1)) {
            if (p == 0 || (l[p - 1] != ':' && l[p - 1] != ' ')) continue;
            size_t e = p + 1;
            while (e < l.size() && isdigit(static_cast<unsigned char>(l[e]))) ++e;
            if (e > p + 1 && l[0] != '#') EXPECT_TRUE(ts.count(l.substr(p, e - p))) << l;
        }
    }
    EXPECT_NE(bratConfig().find("SaidBy"), std::string::npos);
}

TEST(Export, BratSplitsSpansAtLineBreaks) {
    Document d;
    d.text = "“One\n\ntwo,” Ana said.";
    d.mentions = {{{16, 19}, Label::PER, MentionKind::Name, -1}};
    Quote q;
    q.content = {{0, 15}};
    q.span = q.content[0];
    q.cue = {20, 24};
    q.source = {16, 19};
    d.quotes = {q};
    const BratFiles b = toBrat(d);
    EXPECT_NE(b.ann.find("T2\tQuote 0 4;6 11\t“One two,”\n"), std::string::npos) << b.ann;
    EXPECT_NE(b.ann.find("T3\tCue 16 20\tsaid\n"), std::string::npos) << b.ann;
    EXPECT_NE(b.ann.find("E1\tCue:T3 Content:T2 Source:T1\n"), std::string::npos) << b.ann;
    EXPECT_NE(b.ann.find("R1\tSaidBy Arg1:T2 Arg2:T1\n"), std::string::npos) << b.ann;
}

// [SECTION] CoNLL

TEST(Export, ConllTagsAndOffsets) {
    const Document doc = annotated();
    const std::string conll = toConll(doc);
    const std::u32string text = codepoints(doc.text);
    std::istringstream in(conll);
    std::string line;
    int blank = 0, tokens = 0, begins = 0;
    std::string prevTag = "O";
    while (std::getline(in, line)) {
        if (line.empty()) { ++blank; prevTag = "O"; continue; }
        std::istringstream f(line);
        std::string tok, tag;
        uint32_t a, b;
        ASSERT_TRUE(f >> tok >> a >> b >> tag) << line;
        EXPECT_EQ(cpSlice(text, a, b), tok);
        if (tag[0] == 'I') EXPECT_EQ(prevTag.substr(2), tag.substr(2)) << line;
        begins += tag[0] == 'B';
        ++tokens;
        prevTag = tag;
    }
    EXPECT_EQ(static_cast<size_t>(tokens), doc.tokens.size());
    EXPECT_EQ(static_cast<size_t>(blank), doc.sentences.size());
    EXPECT_EQ(static_cast<size_t>(begins), doc.mentions.size());
    // documents read back from JSON have no tokens: the exporter tokenizes
    const Document back = fromJson(toJson(doc)).value();
    EXPECT_EQ(toConll(back), conll);
}

TEST(Export, ConllExample) {
    Document d;
    d.text = "Ana Lopes left.\nShe cried.";
    d.mentions = {{{0, 9}, Label::PER, MentionKind::Name, -1}};
    EXPECT_EQ(toConll(d), "Ana\t0\t3\tB-PER\nLopes\t4\t9\tI-PER\nleft\t10\t14\tO\n.\t14\t15\tO\n\n"
                          "She\t16\t19\tO\ncried\t20\t25\tO\n.\t25\t26\tO\n\n");
}

// [SECTION] HTML handout

namespace {
// Every tag in `html`: its lowercase name (with '/' for end tags) and attribute names.
struct Tag { std::string name; std::vector<std::string> attrs; };
std::vector<Tag> scanTags(const std::string& html) {
    std::vector<Tag> tags;
    for (size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
        Tag t;
        size_t j = i + 1;
        while (j < html.size() && (isalnum(static_cast<unsigned char>(html[j])) || html[j] == '/' || html[j] == '!'))
            t.name += static_cast<char>(tolower(html[j++]));
        while (j < html.size() && html[j] != '>') {
            while (j < html.size() && (html[j] == ' ' || html[j] == '\n' || html[j] == '/')) ++j;
            std::string a;
            while (j < html.size() && html[j] != '=' && html[j] != ' ' && html[j] != '>') a += static_cast<char>(tolower(html[j++]));
            if (!a.empty()) t.attrs.push_back(a);
            if (j < html.size() && html[j] == '=') {
                ++j;
                if (html[j] == '"') j = html.find('"', j + 1) + 1;
                else while (j < html.size() && html[j] != ' ' && html[j] != '>') ++j;
            }
        }
        tags.push_back(t);
    }
    return tags;
}
} // namespace

TEST(Export, HtmlHandoutIsInert) {
    const std::string hostile =
        "<script>alert(1)</script> Mayor Ana Lopes said “\"><img src=x onerror=alert(2)>” today.\n\n"
        "</style><style>body{display:none}</style> <iframe src=javascript:alert(3)></iframe> "
        "“It is <b onmouseover=alert(4)>fine</b>,” Lopes told the <svg onload=alert(5)> Gazette.";
    Document doc = annotate(hostile, Model::builtin()).value();
    // names and rule text come from outside too
    doc.id = "<script>alert(6)</script>";
    doc.entities.push_back({"<img src=x onerror=alert(7)>", Label::PER});
    doc.mentions.push_back({{0, 8}, Label::PER, MentionKind::Name, static_cast<int32_t>(doc.entities.size() - 1)});
    std::sort(doc.mentions.begin(), doc.mentions.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
    if (!doc.quotes.empty()) doc.quotes[0].why = "</td></style><script>alert(8)</script>";
    ExportOptions o;
    o.title = "</title><script>alert(9)</script>";
    const std::string html = toHtmlHandout(doc, o);

    const std::set<std::string> allowedTags = {"!doctype", "html", "head", "meta", "title", "style", "/style", "body", "h1", "h2", "p",
                                               "div", "span", "mark", "sup", "a", "table", "thead", "tbody", "tr", "th", "td"};
    const std::set<std::string> allowedAttrs = {"html", "lang", "charset", "http-equiv", "content", "name", "class", "title", "href", "id"};
    int styles = 0;
    for (const Tag& t : scanTags(html)) {
        const std::string base = t.name[0] == '/' && t.name != "/style" ? t.name.substr(1) : t.name;
        EXPECT_TRUE(allowedTags.count(base)) << "tag <" << t.name << ">";
        for (const std::string& a : t.attrs) EXPECT_TRUE(allowedAttrs.count(a)) << "attribute " << a << " on <" << t.name << ">";
        if (t.name == "a")
            EXPECT_TRUE(html.find("href=\"#c") != std::string::npos);
        styles += t.name == "style";
    }
    EXPECT_EQ(styles, 1) << "only our own stylesheet";
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    // the hostile text is there, as text: our own tags and claim numbers stripped, the escapes remain
    std::string visible;
    for (size_t i = 0; i < html.size(); ++i) {
        if (html.compare(i, 4, "<sup") == 0) i = html.find("</sup>", i) + 5;
        else if (html[i] == '<') i = html.find('>', i);
        else visible += html[i];
    }
    EXPECT_NE(visible.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(visible.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
    EXPECT_NE(visible.find("&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;"), std::string::npos);
    EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'"),
              std::string::npos);
    // hrefs only point inside the page
    for (size_t p = html.find("href=\""); p != std::string::npos; p = html.find("href=\"", p + 1)) EXPECT_EQ(html[p + 6], '#');
}

TEST(Export, HtmlHandoutHasLegendLedgerAndClaims) {
    const Document doc = annotated();
    const std::string html = toHtmlHandout(doc);
    EXPECT_NE(html.find("class=\"legend\""), std::string::npos);
    EXPECT_NE(html.find("<h2>Sources ledger</h2>"), std::string::npos);
    EXPECT_NE(html.find("<h2>Claims</h2>"), std::string::npos);
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_NE(html.find("<title>Harbour plan divides Vellmar — whosaid</title>"), std::string::npos);
    for (size_t i = 1; i <= doc.quotes.size(); ++i) EXPECT_NE(html.find("<tr id=\"c" + std::to_string(i) + "\">"), std::string::npos);
    EXPECT_NE(html.find("<mark class=\"per\""), std::string::npos);
    EXPECT_NE(html.find("Ayşe"), std::string::npos);
}

TEST(Export, HtmlEscape) {
    EXPECT_EQ(htmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
    EXPECT_EQ(htmlEscape(std::string_view("x\0y", 3)), "x&#xFFFD;y");
}

// [SECTION] Corrections in every export, and back

namespace {

// The annotated article with one edit of each common kind applied.
Document corrected() {
    const Document base = annotated();
    EditLog log;
    auto push = [&](Edit e) {
        e.author = "Ms Novak";
        e.time = "2026-05-04T09:30:00Z";
        EXPECT_TRUE(completeEdit(base.text, e)) << e.unplaced;
        pushEdit(log, e);
    };
    EXPECT_GE(base.mentions.size(), 3u);
    EXPECT_GE(base.quotes.size(), 2u);
    Edit e;
    e.op = EditOp::RemoveMention;
    e.at.span = base.mentions[0].span;
    push(e);
    e = {};
    e.op = EditOp::RenameActor;
    e.at.span = base.mentions[1].span;
    e.name = "A renamed actor";
    push(e);
    e = {};
    e.op = EditOp::ClaimSource;
    e.at.span = base.quotes[0].content[0];
    e.source.span = base.mentions[2].span;
    push(e);
    e = {};
    e.op = EditOp::ClaimKind;
    e.at.span = base.quotes[1].content[0];
    e.quoteKind = QuoteKind::Mixed;
    push(e);
    e = {};
    e.op = EditOp::AddMention;
    e.at.span = {0, static_cast<uint32_t>(base.text.find(' '))};
    e.label = Label::GRP;
    e.mentionKind = MentionKind::Nominal;
    push(e);
    Document d = replayEdits(base, log);
    for (const Edit& x : d.edits.done) EXPECT_EQ(x.unplaced, "") << describeEdit(x);
    d.warnings.clear();
    return d;
}

} // namespace

TEST(Export, WebAnnotationRoundTripGivesTheSameDocumentEditsIncluded) {
    const Document d = corrected();
    ExportOptions o;
    o.created = "2026-05-04T09:00:00Z";
    Result<Document> back = documentFromWebAnnotation(toWebAnnotation(d, o));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(toJson(*back), toJson(d));
    EXPECT_EQ(back->edits.done.size(), 5u);
    // and an unannotated, an empty and a hostile collection
    Document empty;
    EXPECT_EQ(toJson(documentFromWebAnnotation(toWebAnnotation(empty)).value()), toJson(empty));
    EXPECT_FALSE(documentFromWebAnnotation(R"({"type":"AnnotationCollection"})"));
    EXPECT_FALSE(documentFromWebAnnotation(R"({"type":"AnnotationCollection","whosaid:text":"ab","first":{"items":[{"id":"x#m1","target":{"selector":{"type":"TextPositionSelector","start":1,"end":9}}}]}})"));
    EXPECT_FALSE(documentFromWebAnnotation("[]"));
}

TEST(Export, BratRoundTripGivesTheSameDocumentEditsIncluded) {
    const Document d = corrected();
    const BratFiles b = toBrat(d);
    EXPECT_NE(b.ann.find("\tWhosaidEdit T1\t{\"op\":\"mention.remove\""), std::string::npos);
    EXPECT_NE(b.ann.find("\tCorrected T"), std::string::npos);
    Result<Document> back = documentFromBrat(b.txt, b.ann);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(toJson(*back), toJson(d));
    EXPECT_FALSE(documentFromBrat("ab", "T1\tPER 0 9\tab"));
    EXPECT_FALSE(documentFromBrat("ab", "T1"));
    EXPECT_TRUE(documentFromBrat("ab", "#1\tAnnotatorNotes T9\tstray\n\nX9 odd line\tz\n"));
}

// An actor has one type, which one of its mentions may not share (a town's
// name that once stands for its council): brat carries it as ActorType.
TEST(Export, BratKeepsTheActorsTypeWhereAMentionDiffers) {
    Document d;
    d.text = "Dunmore voted no. Later Dunmore said the vote was fair.";
    d.entities = {{"Dunmore", Label::ORG, -1}};
    d.mentions = {{Span{0, 7}, Label::LOC, MentionKind::Name, 0}, {Span{24, 31}, Label::ORG, MentionKind::Name, 0}};
    const BratFiles b = toBrat(d);
    EXPECT_NE(b.ann.find("\tActorType T1 ORG"), std::string::npos) << b.ann;
    Result<Document> back = documentFromBrat(b.txt, b.ann);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(toJson(*back), toJson(d));
    std::swap(d.mentions[0], d.mentions[1]);  // whichever mention comes last
    std::swap(d.mentions[0].span, d.mentions[1].span);
    back = documentFromBrat(toBrat(d).txt, toBrat(d).ann);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->entities[0].label, Label::ORG);
    EXPECT_FALSE(documentFromBrat("ab", "T1\tPER 0 2\tab\nA1\tActorType T1 BOGUS\n#1\tAnnotatorNotes T1\te1: ab\n"));
}

// The W3C test suite's checks (web-annotation-tests, as JSON schemas), in our
// own words: every MUST, and the SHOULDs that apply to what whosaid writes.
TEST(Export, WebAnnotationMeetsTheModelsMustsAndShoulds) {
    const Document d = corrected();
    ExportOptions o;
    o.created = "2026-05-04T09:00:00Z";
    const json w = json::parse(toWebAnnotation(d, o));
    const std::regex dateTime(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
    auto agent = [&](const json& a, const char* type) {
        ASSERT_TRUE(a.is_object());
        EXPECT_EQ(a["type"], type);
        EXPECT_TRUE(a["id"].is_string() && a["id"].get<std::string>().find(':') != std::string::npos) << "agent id is an IRI";
        EXPECT_TRUE(a["name"].is_string() && !a["name"].get<std::string>().empty());  // one name
        EXPECT_TRUE(a["nickname"].is_string());
    };
    size_t people = 0, machine = 0;
    for (const json& a : w["first"]["items"]) {
        // MUST: @context (the anno context first), id (an IRI), type Annotation, a target; no body and bodyValue both
        ASSERT_TRUE(a["@context"].is_array()) << a["id"];
        EXPECT_EQ(a["@context"][0], "http://www.w3.org/ns/anno.jsonld");
        EXPECT_NE(a["id"].get<std::string>().find(':'), std::string::npos);
        EXPECT_EQ(a["type"], "Annotation");
        ASSERT_TRUE(a.contains("target"));
        EXPECT_FALSE(a.contains("body") && a.contains("bodyValue"));
        for (const json& t : a["target"].is_array() ? a["target"] : json::array({a["target"]})) {
            EXPECT_EQ(t["type"], "SpecificResource");
            EXPECT_EQ(t["source"]["format"], "text/plain");
        }
        // bodies: typed, TextualBody with a string value, its format and language
        ASSERT_TRUE(a["body"].is_array());
        for (const json& b : a["body"]) {
            ASSERT_TRUE(b.contains("type"));
            if (b["type"] == "TextualBody") {
                EXPECT_TRUE(b["value"].is_string());
                EXPECT_EQ(b["format"], "text/plain");
                EXPECT_EQ(b["language"], "en");
            }
        }
        // SHOULD: one creator, a generator, created and generated as xsd:dateTime, motivation
        EXPECT_TRUE(a["motivation"].is_string());
        ASSERT_TRUE(a.contains("creator") && a.contains("generator"));
        agent(a["generator"], "Software");
        for (const char* k : {"created", "generated", "modified"})
            if (a.contains(k)) EXPECT_TRUE(std::regex_match(a[k].get<std::string>(), dateTime)) << k;
        EXPECT_TRUE(a.contains("created") && a.contains("generated"));
        if (a.contains("whosaid:edit")) {
            agent(a["creator"], "Person");
            EXPECT_EQ(a["creator"]["name"], "Ms Novak");
            EXPECT_EQ(a["modified"], "2026-05-04T09:30:00Z");
            ++people;
        } else {
            agent(a["creator"], "Software");
            EXPECT_FALSE(a.contains("modified"));
            ++machine;
        }
    }
    EXPECT_GT(people, 0u);
    EXPECT_GT(machine, 0u);
    EXPECT_EQ(w["total"], w["first"]["items"].size());
    agent(w["generator"], "Software");
}

// [SECTION] Line breaks in line-oriented formats (issue 18)

namespace {

// Lines as Python's str.splitlines() (brat's reader) sees them.
size_t pythonLines(const std::string& s) {
    size_t n = 0, start = 0;
    for (size_t i = 0; i < s.size();) {
        int len = 1;
        const char32_t c = decodeAt(s, i, len);
        if (isLineBreak(c)) {
            ++n;
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++len;
            start = i + len;
        }
        i += len;
    }
    return n + (start < s.size());
}

// An article with every line break inside quotations, names and notes, and
// a CR that came in through JSON (sanitizeUtf8() never leaves one).
Document withLineBreaks() {
    const std::string text =
        "“We will build\xE2\x80\xA8the bridge,” Mayor Ana\vLopes said.\r"
        "“It is late\fand costly\xC2\x85" "for all,” said Ben Okafor.\xE2\x80\xA9"
        "Officials\x1C" "said\x1D" "so\x1E" "too.";
    Result<Document> d = annotate(text, Model::builtin());
    EXPECT_TRUE(d.ok());
    Document doc = std::move(d).value();
    doc.text = text;  // keep the CR (annotate() made it an LF of the same length: the offsets hold)
    doc.warnings.clear();  // its "CR line ends were changed" is no longer true
    if (!doc.entities.empty()) doc.entities[0].name = "Ana\xE2\x80\xA8Lopes \\ the\tmayor";
    if (!doc.quotes.empty()) doc.quotes[0].why = "a why\nwith\xE2\x80\xA9 breaks and a \\ backslash";
    return doc;
}

} // namespace

TEST(Export, BratAnnHasOneRecordALineForPythonsReader) {
    const Document doc = withLineBreaks();
    ASSERT_FALSE(doc.quotes.empty());
    const BratFiles b = toBrat(doc);
    EXPECT_EQ(b.txt, doc.text);  // exactly the text, CR and all
    size_t records = 0;
    for (char c : b.ann) records += c == '\n';
    EXPECT_EQ(pythonLines(b.ann), records) << b.ann;
    // every T line's text is the .txt at its offsets, fragment by fragment
    std::vector<std::string> other;
    const std::u32string text = codepoints(b.txt);
    for (const auto& [id, t] : parseBratT(b.ann, other)) {
        std::string joined;
        for (auto [a, e] : t.frags) joined += (joined.empty() ? "" : " ") + cpSlice(text, a, e);
        EXPECT_EQ(joined, t.text) << id;
    }
}

TEST(Export, BratWithLineBreaksReadsBackTheSameDocument) {
    const Document doc = withLineBreaks();
    const BratFiles b = toBrat(doc);
    Result<Document> back = documentFromBrat(b.txt, b.ann);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(toJson(*back), toJson(doc));
}

TEST(Export, BratKeepsContentSpansThatOnlyALineBreakSeparates) {
    Document d;
    d.text = "“One.”\n“Two.” Ana said.";
    Quote q;
    q.content = {{0, 10}, {11, 21}};  // two spans, a line break between them
    q.span = {0, 21};
    d.quotes = {q};
    const BratFiles b = toBrat(d);
    Result<Document> back = documentFromBrat(b.txt, b.ann);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(toJson(*back), toJson(d)) << b.ann;
}

TEST(Export, JsonEscapesTheLineSeparatorsItMayHoldRaw) {
    const Document doc = withLineBreaks();
    for (const std::string& out : {toJson(doc), toWebAnnotation(doc)}) {
        EXPECT_EQ(out.find("\xE2\x80\xA8"), std::string::npos);
        EXPECT_EQ(out.find("\xE2\x80\xA9"), std::string::npos);
        EXPECT_EQ(out.find("\xC2\x85"), std::string::npos);
        EXPECT_EQ(pythonLines(out), 1u);
        EXPECT_NE(out.find("\\u2028"), std::string::npos);
    }
    Result<Document> back = fromJson(toJson(doc));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->text, doc.text);
    std::string s = "{\"a\":\"x\xE2\x80\xA8y\xC2\x85z\xE2\x80\xA9\"}";
    escapeLineSeparators(s);
    EXPECT_EQ(s, "{\"a\":\"x\\u2028y\\u0085z\\u2029\"}");
}

TEST(Export, ConllAndConlluFieldsHoldNoLineBreak) {
    const Document doc = withLineBreaks();
    for (ExportFormat f : {ExportFormat::Conll, ExportFormat::Conllu}) {
        const std::string out = exportDocument(doc, f);
        // every line break in the output is an LF that ends a record
        for (size_t i = 0; i < out.size();) {
            int len = 1;
            const char32_t c = decodeAt(out, i, len);
            EXPECT_TRUE(!isLineBreak(c) || c == '\n') << exportFormatName(f) << " at " << i;
            i += len;
        }
    }
}
