#include <gtest/gtest.h>

#include "whosaid/classroom.hpp"
#include "whosaid/json.hpp"

using namespace whosaid;

namespace {

Span find(const Document& d, std::string_view s, size_t from = 0) {
    const size_t at = d.text.find(s, from);
    EXPECT_NE(at, std::string::npos) << s;
    return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + s.size())};
}

// A key written by hand: two named speakers, one anonymous group, three claims.
Document makeKey() {
    Document d;
    d.text = "Mayor Ana Lopes said “the bridge will open in May.” Council staff said the budget had grown. "
             "Piotr Nowak warned that costs would rise.";
    d.entities = {{"Ana Lopes", Label::PER}, {"Council staff", Label::GRP}, {"Piotr Nowak", Label::PER}};
    d.mentions = {{find(d, "Ana Lopes"), Label::PER, MentionKind::Name, 0},
                  {find(d, "Council staff"), Label::GRP, MentionKind::Nominal, 1},
                  {find(d, "Piotr Nowak"), Label::PER, MentionKind::Name, 2}};
    auto quote = [&](std::string_view content, std::string_view cue, int mention, SourceKind kind, QuoteKind qk) {
        Quote q;
        q.span = find(d, content);
        q.content = {q.span};
        q.cue = find(d, cue, q.span.begin > 20 ? q.span.begin - 20 : 0);
        q.source = d.mentions[mention].span;
        q.speaker = d.mentions[mention].entity;
        q.sourceKind = kind;
        q.kind = qk;
        q.why = "checked by the teacher";
        d.quotes.push_back(q);
    };
    quote("“the bridge will open in May.”", "said", 0, SourceKind::Named, QuoteKind::Direct);
    quote("the budget had grown", "said", 1, SourceKind::Anonymous, QuoteKind::Indirect);
    quote("that costs would rise", "warned", 2, SourceKind::Named, QuoteKind::Indirect);
    return d;
}

int findMentionIndex(const Document& d, std::string_view words) {
    for (size_t i = 0; i < d.mentions.size(); ++i)
        if (d.slice(d.mentions[i].span) == words) return static_cast<int>(i);
    return -1;
}

} // namespace

TEST(Classroom, PerfectWorkScoresFull) {
    const Document key = makeKey();
    Lesson lesson;
    lesson.key = key;
    StudentWork w = startWork(lesson, "Sam");
    Document& s = w.marks;
    ASSERT_GE(addStudentMention(s, find(s, "Ana Lopes"), Label::PER), 0);
    ASSERT_GE(addStudentMention(s, find(s, "Council staff"), Label::GRP), 0);
    ASSERT_GE(addStudentMention(s, find(s, "Piotr Nowak"), Label::PER), 0);
    // the student's spans are a little different: no quotation marks, "that" included
    const int q0 = addStudentClaim(s, find(s, "the bridge will open in May."));
    const int q1 = addStudentClaim(s, find(s, "the budget had grown."));
    const int q2 = addStudentClaim(s, find(s, "costs would rise"));
    ASSERT_TRUE(setStudentSpeaker(s, q0, findMentionIndex(s, "Ana Lopes")));
    ASSERT_TRUE(setStudentSpeaker(s, q1, findMentionIndex(s, "Council staff")));
    ASSERT_TRUE(setStudentSpeaker(s, q2, findMentionIndex(s, "Piotr Nowak")));
    const Comparison c = compareMarkup(key, s);
    EXPECT_EQ(c.actors.right, 3);
    EXPECT_EQ(c.labels.right, 3);
    EXPECT_EQ(c.claims.right, 3);
    EXPECT_EQ(c.claims.total, 3);
    EXPECT_EQ(c.speakers.right, 3);
    EXPECT_EQ(c.anonymous.right, 1);
    EXPECT_EQ(c.anonymous.total, 1);
    EXPECT_EQ(c.extraActors, 0);
    EXPECT_EQ(c.extraClaims, 0);
}

TEST(Classroom, MissedWrongAndUnnoticed) {
    const Document key = makeKey();
    Document s;
    s.text = key.text;
    addStudentMention(s, find(s, "Piotr Nowak"), Label::PER);
    addStudentMention(s, find(s, "Council staff"), Label::ORG);  // not seen as anonymous
    const int staff = findMentionIndex(s, "Council staff");
    const int q1 = addStudentClaim(s, find(s, "the budget had grown"));
    const int q2 = addStudentClaim(s, find(s, "costs would rise"));
    addStudentClaim(s, find(s, "Mayor Ana Lopes said"));  // overlaps nothing claimed: an extra
    ASSERT_TRUE(setStudentSpeaker(s, q1, staff));
    ASSERT_TRUE(setStudentSpeaker(s, q2, staff));  // wrong: Nowak said it
    const Comparison c = compareMarkup(key, s);
    EXPECT_EQ(c.claims.right, 2);
    EXPECT_EQ(c.claims.total, 3);
    EXPECT_EQ(c.speakers.right, 1);
    EXPECT_EQ(c.speakers.total, 2);
    EXPECT_EQ(c.anonymous.right, 0);
    EXPECT_EQ(c.anonymous.total, 1);
    EXPECT_EQ(c.labels.right, 1);
    EXPECT_EQ(c.extraClaims, 1);
    ASSERT_EQ(c.claimChecks.size(), 4u);
    EXPECT_EQ(c.claimChecks[0].studentQuote, -1);  // the direct quote was missed
    EXPECT_NE(c.claimChecks[0].why.find("Ana Lopes"), std::string::npos);
    EXPECT_NE(c.claimChecks[1].why.find("anonymous"), std::string::npos);
    EXPECT_FALSE(c.claimChecks[2].speakerRight);
}

TEST(Classroom, LessonAndStudentFilesRoundTrip) {
    Lesson lesson;
    lesson.title = "Who speaks for the bridge?";
    lesson.instructions = "Mark every claim and its speaker.";
    lesson.questions = {"Which source is anonymous?", "Who is quoted most?"};
    lesson.key = makeKey();
    Result<Lesson> back = lessonFromJson(lessonToJson(lesson));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->title, lesson.title);
    EXPECT_EQ(back->questions, lesson.questions);
    EXPECT_EQ(toJson(back->key), toJson(lesson.key));
    EXPECT_EQ(classroomFileKind(lessonToJson(lesson)), ClassroomFile::Lesson);

    StudentWork w = startWork(lesson, "Ana");
    addStudentClaim(w.marks, find(w.marks, "costs would rise"));
    Result<StudentWork> wb = studentWorkFromJson(studentWorkToJson(w));
    ASSERT_TRUE(wb) << wb.error().message;
    EXPECT_EQ(wb->student, "Ana");
    EXPECT_EQ(wb->textHash, textHash(lesson.key.text));
    EXPECT_EQ(wb->marks.quotes.size(), 1u);
    EXPECT_EQ(classroomFileKind(studentWorkToJson(w)), ClassroomFile::StudentWork);
}

TEST(Classroom, ForeignFilesGetClearMessages) {
    struct Case { std::string in, message; };
    const Case cases[] = {
        {"not json", "lesson: not a whosaid file (not valid JSON)"},
        {R"({"a":1})", "lesson: not a whosaid file (no \"schema\")"},
        {R"({"schema":"whosaid-lesson/2"})", "lesson: made by a newer whosaid (whosaid-lesson/2); this page reads whosaid-lesson/1"},
        {R"({"schema":"whosaid-student/1"})", "lesson: this is a whosaid-student/1 file, not a whosaid-lesson/1 file"},
        {R"({"schema":"whosaid-lesson/1"})", "lesson: no \"document\" in the file"},
        {R"({"schema":"whosaid-lesson/1","document":{"schema":"whosaid/1","text":"x","mentions":[{"start":0,"end":5}]}})",
         "lesson: document.mentions[0].end: 5 is past the end of the text (1 code point)"},
        {R"({"schema":"whosaid-lesson/1","title":5,"document":{"schema":"whosaid/1","text":"x"}})",
         "lesson: title: must be a string, not an integer"},
        {R"({"schema":"whosaid-lesson/1","questions":["a",2],"document":{"schema":"whosaid/1","text":"x"}})",
         "lesson: questions[1]: must be a string, not an integer"},
        {R"({"schema":"whosaid-lesson/1","document":{"schema":"whosaid/1","text":"x","quotes":[{"start":0,"end":1,"speaker":0}]}})",
         "lesson: document.quotes[0].speaker: must be an entity id (a string) or null, not an integer"},
    };
    for (const Case& c : cases) {
        Result<Lesson> r = lessonFromJson(c.in);
        ASSERT_FALSE(r) << c.in;
        EXPECT_EQ(r.error().message, c.message);
    }
    EXPECT_EQ(classroomFileKind("{}"), ClassroomFile::Unknown);
    EXPECT_EQ(classroomFileKind(R"({"schema":"whosaid/1","text":""})"), ClassroomFile::Document);
}

// Bounded recursion (issue 18): a lesson or a student's work nested 100,000
// levels deep used to overflow the native stack when its document was written
// back; now it is refused with a message, whichever way the nesting goes.
TEST(Classroom, DeeplyNestedFilesAreRefused) {
    const size_t levels = 100000;
    for (const char* schema : {"whosaid-lesson/1", "whosaid-student/1"}) {
        std::string doc;  // "document" inside "document" inside ...
        for (size_t i = 0; i < levels; ++i) doc += R"({"schema":"whosaid/1","text":"x","document":)";
        doc += "{}";
        for (size_t i = 0; i < levels; ++i) doc += "}";
        std::string extra = R"({"schema":"whosaid/1","text":"x","extra":)";  // deep in a member nobody reads
        for (size_t i = 0; i < levels; ++i) extra += "[";
        for (size_t i = 0; i < levels; ++i) extra += "]";
        extra += "}";
        EXPECT_EQ(classroomFileKind(std::string(100000, '[')), ClassroomFile::Unknown);
        for (const std::string& inner : {doc, extra}) {
            const std::string file = std::string(R"({"schema":")") + schema + R"(","document":)" + inner + "}";
            const bool lesson = std::string_view(schema) == kLessonSchema;
            const std::string message = lesson ? lessonFromJson(file).error().message : studentWorkFromJson(file).error().message;
            EXPECT_EQ(message.rfind(std::string(lesson ? "lesson" : "student work") + ": the JSON is nested more than 128 levels deep", 0), 0u)
                << message;
            // the schema at the start still says what the file is, so that the page names the problem
            EXPECT_EQ(classroomFileKind(file), lesson ? ClassroomFile::Lesson : ClassroomFile::StudentWork);
        }
    }
}

TEST(Classroom, ClassSummaryCountsMissesAndSkipsOtherTexts) {
    const Document key = makeKey();
    Lesson lesson;
    lesson.key = key;
    StudentWork a = startWork(lesson, "A"), b = startWork(lesson, "B"), other = startWork(lesson, "C");
    addStudentClaim(a.marks, find(a.marks, "costs would rise"));
    addStudentClaim(b.marks, find(b.marks, "costs would rise"));
    addStudentClaim(b.marks, find(b.marks, "the budget had grown"));
    other.marks.text = "A different article.";
    other.textHash = textHash(other.marks.text);
    const ClassSummary s = summarizeClass(key, {a, b, other});
    EXPECT_EQ(s.students, 2);
    EXPECT_EQ(s.claimMissedBy, (std::vector<int>{2, 1, 0}));
    EXPECT_EQ(s.skipped, (std::vector<std::string>{"C"}));
    EXPECT_EQ(s.claims.right, 3);
    EXPECT_EQ(s.claims.total, 6);
}

TEST(Classroom, MarkingToolsKeepOrderAndRemoveCleanly) {
    Document s = makeKey();
    s.mentions.clear();
    s.quotes.clear();
    s.entities.clear();
    const int late = addStudentMention(s, find(s, "Piotr Nowak"), Label::PER);
    const int early = addStudentMention(s, find(s, "Ana Lopes"), Label::PER);
    EXPECT_EQ(early, 0);
    EXPECT_EQ(late, 0);  // index at the time it was added
    EXPECT_EQ(s.slice(s.mentions[1].span), "Piotr Nowak");
    EXPECT_EQ(addStudentMention(s, {5, 999}, Label::PER), -1);
    const int q = addStudentClaim(s, find(s, "“the bridge will open in May.”"));
    EXPECT_EQ(s.quotes[q].kind, QuoteKind::Direct);
    ASSERT_TRUE(setStudentSpeaker(s, q, 0));
    ASSERT_TRUE(removeStudentMention(s, 0));
    EXPECT_EQ(s.quotes[q].speaker, -1);
    EXPECT_TRUE(s.quotes[q].source.empty());
    ASSERT_TRUE(removeStudentClaim(s, q));
    EXPECT_TRUE(s.quotes.empty());
    EXPECT_FALSE(removeStudentClaim(s, 0));
}
