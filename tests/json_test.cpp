#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "whosaid/annotate.hpp"
#include "whosaid/edits.hpp"
#include "whosaid/json.hpp"

using namespace whosaid;
using nlohmann::json;

namespace {
Document sampleDoc() {
    Document d;
    d.id = "t1";
    d.text = "Erdoğan met “Putin”, said Ayşe.";
    d.entities = {{"Recep Erdoğan", Label::PER}, {"Ayşe", Label::PER}};
    // byte offsets: Erdoğan = [0, 8) (ğ is two bytes)
    d.mentions = {{{0, 8}, Label::PER, MentionKind::Name, 0}, {{31, 36}, Label::PER, MentionKind::Name, 1}};
    Quote q;
    q.span = {13, 24};
    q.content = {q.span};
    q.cue = {26, 30};
    q.source = {31, 36};
    q.speaker = 1;
    q.sourceKind = SourceKind::Named;
    q.confidence = 0.75f;
    q.why = "test";
    d.quotes = {q};
    return d;
}
} // namespace

TEST(Json, OffsetsAreCodepoints) {
    const Document d = sampleDoc();
    ASSERT_EQ(d.slice(d.mentions[0].span), "Erdoğan");
    ASSERT_EQ(d.slice(d.mentions[1].span), "Ayşe");
    const json j = json::parse(toJson(d));
    EXPECT_EQ(j["schema"], "whosaid/1");
    EXPECT_EQ(j["offsets"], "codepoint");
    EXPECT_EQ(j["mentions"][0]["start"], 0);
    EXPECT_EQ(j["mentions"][0]["end"], 7);
    EXPECT_EQ(j["mentions"][1]["start"], 26);
    EXPECT_EQ(j["mentions"][1]["entity"], "e2");
    EXPECT_EQ(j["quotes"][0]["speaker"], "e2");
    EXPECT_EQ(j["quotes"][0]["source_text"], "Ayşe");
}

TEST(Json, RoundTripKeepsMarkup) {
    const Document d = sampleDoc();
    Result<Document> back = fromJson(toJson(d));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->id, d.id);
    EXPECT_EQ(back->text, d.text);
    ASSERT_EQ(back->mentions.size(), 2u);
    EXPECT_EQ(back->mentions[1].span, d.mentions[1].span);
    EXPECT_EQ(back->mentions[1].entity, 1);
    ASSERT_EQ(back->quotes.size(), 1u);
    EXPECT_EQ(back->quotes[0].cue, d.quotes[0].cue);
    EXPECT_EQ(back->quotes[0].source, d.quotes[0].source);
    EXPECT_EQ(back->quotes[0].speaker, 1);
    EXPECT_EQ(back->quotes[0].why, "test");
    EXPECT_EQ(toJson(*back), toJson(d));
}

TEST(Json, ErrorsNameTheProblem) {
    struct Case { const char* in; const char* message; };
    const Case cases[] = {
        {"{", "whosaid/1: not valid JSON"},
        {"[]", "whosaid/1: the document must be a JSON object"},
        {R"({"schema":"other","text":""})", "whosaid/1: \"schema\" must be \"whosaid/1\""},
        {R"({"schema":"whosaid/1"})", "whosaid/1: \"text\" must be a string"},
        {R"({"schema":"whosaid/1","text":"ab","mentions":[{"start":0,"end":9}]})",
         "whosaid/1: mentions[0].end: 9 is past the end of the text (2 code points)"},
        {R"({"schema":"whosaid/1","text":"ab","mentions":[{"start":0,"end":1,"entity":"e9"}]})",
         "whosaid/1: mentions[0].entity: \"e9\" is no entity's id"},
        {R"({"schema":"whosaid/1","text":"ab","mentions":[{"start":0,"end":"1"}]})",
         "whosaid/1: mentions[0].end: must be a non-negative integer, not a string"},
    };
    for (const Case& c : cases) {
        Result<Document> r = fromJson(c.in);
        ASSERT_FALSE(r) << c.in;
        EXPECT_EQ(r.error().message, c.message);
    }
}

// Strict imports (issue 18): a member of the wrong type is an error naming
// its JSON path, never a silent default ("speaker": 0 used to become null).
TEST(Json, WrongTypesAreErrorsWithTheirPath) {
    const std::string head = R"({"schema":"whosaid/1","text":"Ana said hi.","entities":[{"id":"e1","label":"PER","name":"Ana"}],)";
    struct Case { std::string in, message; };
    const Case cases[] = {
        {head + R"("quotes":[{"start":4,"end":11,"speaker":0}]})",
         "whosaid/1: quotes[0].speaker: must be an entity id (a string) or null, not an integer"},
        {head + R"("quotes":[{"start":4,"end":11,"speaker":"e1","confidence":"high"}]})",
         "whosaid/1: quotes[0].confidence: must be a number, not a string"},
        {head + R"("quotes":[{"start":4,"end":11,"content_spans":[[4,11],null]}]})",
         "whosaid/1: quotes[0].content_spans[1]: must be [start, end], not null"},
        {head + R"("quotes":[{"start":4,"end":11,"cue":[4]}]})", "whosaid/1: quotes[0].cue: must be [start, end], not 1 numbers"},
        {head + R"("quotes":[{"start":4,"end":11,"why":["no"]}]})", "whosaid/1: quotes[0].why: must be a string, not an array"},
        {head + R"("mentions":[{"start":0,"end":3,"label":7}]})", "whosaid/1: mentions[0].label: must be a string, not an integer"},
        {head + R"("mentions":[{"start":-1,"end":3}]})", "whosaid/1: mentions[0].start: must be a non-negative integer, not -1"},
        {head + R"("mentions":[{"start":0.5,"end":3}]})", "whosaid/1: mentions[0].start: must be a non-negative integer, not 0.5"},
        {head + R"("mentions":[{"start":0,"end":3,"entity":true}]})",
         "whosaid/1: mentions[0].entity: must be an entity id (a string) or null, not true or false"},
        {head + R"("mentions":[{"start":0,"end":3}],"edits":[{"op":"mention.remove","at":{"start":"0"}}]})",
         "whosaid/1: edits[0].at.start: must be a non-negative integer, not a string"},
        {head + R"("edits":[{"op":5}]})", "whosaid/1: edits[0].op: must be a string, not an integer"},
        {head + R"("warnings":[1]})", "whosaid/1: warnings[0]: must be a string, not an integer"},
        {R"({"schema":"whosaid/1","text":"ab","entities":5})", "whosaid/1: entities: must be an array, not an integer"},
        {R"({"schema":"whosaid/1","text":"ab","quotes":"x"})", "whosaid/1: quotes: must be an array, not a string"},
        {R"({"schema":"whosaid/1","text":"ab","id":3})", "whosaid/1: id: must be a string, not an integer"},
        {R"({"schema":"whosaid/1","text":"ab","entities":[{"id":"e1"},{"id":"e1"}]})",
         "whosaid/1: entities[1].id: \"e1\" is the id of an earlier entity too"},
        {R"({"schema":"whosaid/1","text":"ab","entities":[{"id":1}]})", "whosaid/1: entities[0].id: must be a string, not an integer"},
    };
    for (const Case& c : cases) {
        Result<Document> r = fromJson(c.in);
        ASSERT_FALSE(r) << c.in;
        EXPECT_EQ(r.error().message, c.message) << c.in;
    }
    // what is absent keeps its default, and null is "none" where the schema allows it
    Result<Document> ok = fromJson(head + R"("mentions":[{"start":0,"end":3,"entity":null}],"quotes":[{"start":4,"end":11,"speaker":null,"cue":null}]})");
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->quotes[0].speaker, -1);
    EXPECT_EQ(ok->mentions[0].entity, -1);
    EXPECT_TRUE(fromJson(R"({"schema":"whosaid/1","text":"ab","mentions":[{"start":0,"end":2.0}]})"));  // 2.0 is an integer
}

// Bounded recursion (issue 18): nesting past kMaxJsonDepth is refused before
// parsing, whatever member it hides in; 100,000 levels used to overflow the stack.
TEST(Json, DeepNestingIsRefusedWithAMessage) {
    for (const char* open : {"[", "{\"a\":"}) {
        std::string deep = R"({"schema":"whosaid/1","text":"ab","extra":)";
        const size_t levels = 100000;
        for (size_t i = 0; i < levels; ++i) deep += open;
        for (size_t i = 0; i < levels; ++i) deep += open[0] == '[' ? "]" : "}";
        deep += "}";
        Result<Document> r = fromJson(deep);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().message.rfind("whosaid/1: the JSON is nested more than 128 levels deep (at byte ", 0), 0u) << r.error().message;
    }
    std::string ok = R"({"schema":"whosaid/1","text":"ab","extra":)";
    for (int i = 0; i < 100; ++i) ok += "[";
    for (int i = 0; i < 100; ++i) ok += "]";
    EXPECT_TRUE(fromJson(ok + "}"));
    // brackets inside strings do not count, escaped quotes do not end them
    EXPECT_EQ(jsonNestingExceeded(R"(["[[[[\"[[[", "{{{{"])", 2), std::string_view::npos);
    EXPECT_EQ(jsonNestingExceeded("[[[", 2), 2u);
}

TEST(Json, AnnotatedOutputSlicesMatch) {
    auto doc = annotate("President Ana Lopes said: “We will win.” The Vellmar Council agreed.", Model::builtin());
    ASSERT_TRUE(doc);
    const json j = json::parse(toJson(*doc));
    const std::u32string text = [&] {
        std::u32string out;
        const std::string s = j["text"];
        for (size_t i = 0; i < s.size();) {
            unsigned char c = s[i];
            int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            char32_t cp = n == 1 ? c : c & (0x7F >> n);
            for (int k = 1; k < n; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
            out += cp;
            i += n;
        }
        return out;
    }();
    ASSERT_FALSE(j["mentions"].empty());
    for (const json& m : j["mentions"]) {
        const std::u32string slice = text.substr(m["start"].get<size_t>(), m["end"].get<size_t>() - m["start"].get<size_t>());
        std::string utf8;
        for (char32_t c : slice) {
            if (c < 0x80) utf8 += char(c);
            else if (c < 0x800) { utf8 += char(0xC0 | (c >> 6)); utf8 += char(0x80 | (c & 0x3F)); }
            else { utf8 += char(0xE0 | (c >> 12)); utf8 += char(0x80 | ((c >> 6) & 0x3F)); utf8 += char(0x80 | (c & 0x3F)); }
        }
        EXPECT_EQ(utf8, m["text"].get<std::string>());
    }
}

// Every field survives toJson → fromJson: ids, kinds, spans, speakers,
// confidences (two decimals), why, warnings and the hand corrections.
TEST(Json, RoundTripKeepsEveryFieldAndCorrections) {
    Document d = sampleDoc();
    d.mentions.push_back({{9, 12}, Label::GRP, MentionKind::Nominal, -1});
    d.quotes[0].kind = QuoteKind::Mixed;
    d.quotes[0].content = {{13, 18}, {19, 24}};
    d.warnings = {"3 bytes were not valid UTF-8 and were replaced by U+FFFD"};
    Edit source;
    source.op = EditOp::ClaimSource;
    source.at = anchorAt(d.text, {13, 18});
    source.source = anchorAt(d.text, {0, 8});
    source.author = "teacher";
    source.time = "2026-05-04T09:30:00Z";
    Edit rename;
    rename.op = EditOp::RenameActor;
    rename.at = anchorAt(d.text, {0, 8});
    rename.name = "Recep Tayyip Erdoğan";
    d.edits.done = {source, rename};
    d.mentions[0].edit = 1;
    d.quotes[0].edit = 0;
    d.entities[0].edit = 1;
    const std::string once = toJson(d);
    Result<Document> back = fromJson(once);
    ASSERT_TRUE(back) << back.error().message;
    const Document& b = *back;
    EXPECT_EQ(b.id, d.id);
    EXPECT_EQ(b.text, d.text);
    ASSERT_EQ(b.entities.size(), d.entities.size());
    for (size_t i = 0; i < d.entities.size(); ++i) {
        EXPECT_EQ(b.entities[i].name, d.entities[i].name);
        EXPECT_EQ(b.entities[i].label, d.entities[i].label);
    }
    ASSERT_EQ(b.mentions.size(), d.mentions.size());
    for (size_t i = 0; i < d.mentions.size(); ++i) {
        EXPECT_EQ(b.mentions[i].span, d.mentions[i].span);
        EXPECT_EQ(b.mentions[i].label, d.mentions[i].label);
        EXPECT_EQ(b.mentions[i].kind, d.mentions[i].kind);
        EXPECT_EQ(b.mentions[i].entity, d.mentions[i].entity);
    }
    ASSERT_EQ(b.quotes.size(), 1u);
    const Quote &q = b.quotes[0], &o = d.quotes[0];
    EXPECT_EQ(q.span, o.span);
    EXPECT_EQ(q.kind, o.kind);
    EXPECT_EQ(q.content, o.content);
    EXPECT_EQ(q.cue, o.cue);
    EXPECT_EQ(q.source, o.source);
    EXPECT_EQ(q.speaker, o.speaker);
    EXPECT_EQ(q.sourceKind, o.sourceKind);
    EXPECT_FLOAT_EQ(q.confidence, o.confidence);
    EXPECT_EQ(q.why, o.why);
    EXPECT_EQ(b.warnings, d.warnings);
    ASSERT_EQ(b.edits.done.size(), 2u);
    EXPECT_EQ(b.edits.done[0].op, EditOp::ClaimSource);
    EXPECT_EQ(b.edits.done[0].at.span, d.edits.done[0].at.span);
    EXPECT_EQ(b.edits.done[0].source.exact, d.edits.done[0].source.exact);
    EXPECT_EQ(b.edits.done[0].author, "teacher");
    EXPECT_EQ(b.edits.done[1].name, "Recep Tayyip Erdoğan");
    EXPECT_EQ(b.mentions[0].edit, 1);
    EXPECT_EQ(b.quotes[0].edit, 0);
    EXPECT_EQ(b.entities[0].edit, 1);
    EXPECT_EQ(toJson(b), once);  // and the second trip is byte-identical
}

// toJson writes exactly what nlohmann's dump() writes (it once built the tree
// and dumped it): parsing its output and dumping that again gives the same
// bytes, one line or pretty printed, with escapes, empty arrays and the
// corrections block.
TEST(Json, WritesWhatNlohmannDumpWrites) {
    using ordered = nlohmann::ordered_json;
    Document d = sampleDoc();
    d.text += " \x01\x1f\x7f\t\b\f\r\n\"\\ 🎉 習近平";
    d.entities[1].name = "Ayşe \"A\"\n";
    d.quotes.push_back(d.quotes[0]);
    d.quotes[1].cue = {};
    d.quotes[1].source = {};
    d.quotes[1].speaker = -1;
    d.quotes[1].confidence = 1.f / 3.f;
    d.quotes[1].why = "tab\there";
    Edit removed;
    removed.op = EditOp::RemoveMention;
    removed.at = anchorAt(d.text, {31, 36});
    d.edits.done.push_back(removed);
    d.warnings = {"one", "two\u0002"};
    for (int indent : {-1, 0, 2, 4}) {
        JsonOptions o;
        o.indent = indent;
        const std::string out = toJson(d, o);
        EXPECT_EQ(ordered::parse(out).dump(indent), out) << "indent " << indent;
    }
    EXPECT_NE(toJson(d).find(R"("confidence":0.33,)"), std::string::npos);
    EXPECT_NE(toJson(d).find(R"("edits":[{"op":"mention.remove","at":{"start":26,"end":30,)"), std::string::npos);
}

TEST(Json, PrettyPrintsLikeDump) {
    Document d;
    d.text = "a\x01\"";
    JsonOptions o;
    o.indent = 2;
    EXPECT_EQ(toJson(d, o),
              "{\n"
              "  \"schema\": \"whosaid/1\",\n"
              "  \"offsets\": \"codepoint\",\n"
              "  \"text\": \"a\\u0001\\\"\",\n"
              "  \"entities\": [],\n"
              "  \"mentions\": [],\n"
              "  \"quotes\": []\n"
              "}");
    EXPECT_EQ(toJson(d), R"({"schema":"whosaid/1","offsets":"codepoint","text":"a\u0001\"","entities":[],"mentions":[],"quotes":[]})");
}

// Strings that are not valid UTF-8 (names and reasons are not checked on the
// way in) come out as nlohmann's error_handler_t::replace writes them: one
// U+FFFD per invalid byte or broken sequence, then the byte that broke it.
TEST(Json, InvalidUtf8IsReplacedLikeDump) {
    using ordered = nlohmann::ordered_json;
    const std::string cases[] = {
        "\xFF", "a\xE2\x80" "b", "\xE2\x80", "\xE2\x80\xE2\x80\x9C", "\xED\xA0\x80", "\xF0\x9F\x98", "\xC0\xAF",
        "\xF4\x90\x80\x80", "\x80\x80", "ok \xC3\xA9 \xF0\x9F\x98\x80 \xC3", std::string("nul\0byte", 8),
    };
    for (const std::string& s : cases) {
        Document d;
        d.warnings = {s};
        const std::string expected = ordered::array({s}).dump(-1, ' ', false, ordered::error_handler_t::replace);
        EXPECT_NE(toJson(d).find("\"warnings\":" + expected + "}"), std::string::npos) << expected;
    }
    Document d;
    d.warnings = {"a\xE2\x80" "b\xFF"};
    EXPECT_NE(toJson(d).find("\"warnings\":[\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\"]"), std::string::npos);
}
