// whosaid/classroom.hpp — lessons, students' own markup, and comparing it with
// an answer key.
//
// A teacher corrects an article's markup and saves it as a Lesson (the text,
// the corrected markup as the answer key, instructions and questions).
// Students open the lesson with the tool's markup hidden and mark actors,
// claims and who said each claim themselves (StudentWork). compareMarkup()
// then says what agrees, what was missed, which speakers are wrong and which
// anonymous sources went unnoticed; summarizeClass() adds up many students.
//
// The measure is the one `whosaid eval` uses for claims: content spans paired
// one-to-one by largest overlap after trimming quotation marks, punctuation and
// a leading "that"; a speaker is right when the student's source (or speaker)
// overlaps a mention of the key's speaker. Actors are found by overlap too,
// since students should not lose points for a stray space.
//
// Usage:
//   Result<Lesson> lesson = lessonFromJson(bytes);
//   StudentWork work = startWork(*lesson, "Ana");
//   addStudentClaim(work.marks, span);  setStudentSpeaker(work.marks, 0, mention);
//   Comparison c = compareMarkup(lesson->key, work.marks);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {

// [SECTION] Files

constexpr const char* kLessonSchema = "whosaid-lesson/1";
constexpr const char* kStudentSchema = "whosaid-student/1";

struct Lesson {
    std::string title;
    std::string instructions;
    std::vector<std::string> questions;
    Document key;        // text and the answer key's markup
    bool hasKey = true;  // false: the key is the tool's own markup, unchecked
};

struct StudentWork {
    std::string student;      // the name the student typed
    std::string lessonTitle;
    uint64_t textHash = 0;    // fnv1a64 of the text: ties the work to its lesson
    Document marks;           // the text with the student's mentions and claims
};

enum class ClassroomFile : uint8_t { Lesson, StudentWork, Document, Unknown };

// What kind of file this JSON is (by its "schema"), without parsing it all.
ClassroomFile classroomFileKind(std::string_view json);

std::string lessonToJson(const Lesson& lesson);
// Fails with a message naming the problem (not a lesson, newer version, bad markup).
[[nodiscard]] Result<Lesson> lessonFromJson(std::string_view json);
std::string studentWorkToJson(const StudentWork& work);
[[nodiscard]] Result<StudentWork> studentWorkFromJson(std::string_view json);

// 64-bit FNV-1a of the text.
uint64_t textHash(std::string_view text);

// Fresh work on a lesson: the lesson's text, no marks.
StudentWork startWork(const Lesson& lesson, std::string student);

// [SECTION] Marking (students' tools; the page uses them in student mode)

// Adds an actor mention (grouped with mentions of the same words and label).
// Returns its index, or -1 when the span does not fit the text.
int addStudentMention(Document& doc, Span span, Label label);
// Marks a claim (kind from its quotation marks). Returns its index or -1.
int addStudentClaim(Document& doc, Span span);
// The mention `mention` names the speaker of claim `quote`.
bool setStudentSpeaker(Document& doc, int quote, int mention);
bool removeStudentMention(Document& doc, int mention);
bool removeStudentClaim(Document& doc, int quote);

// [SECTION] Comparing

struct ActorCheck {
    int keyMention = -1, studentMention = -1;  // -1 when missing on that side
    bool labelRight = false;
};

struct ClaimCheck {
    int keyQuote = -1, studentQuote = -1;  // -1 when missing on that side
    bool speakerRight = false;
    bool anonymous = false;         // the key's source is anonymous
    bool anonymousNoticed = false;  // ...and the student marked it as an anonymous group
    std::string why;                // the key's reason, in words, for the reveal
};

struct Tally {
    int right = 0, total = 0;
    double share() const { return total ? static_cast<double>(right) / total : 1.0; }
};

struct Comparison {
    Tally actors;       // key actor mentions the student marked (any label)
    Tally labels;       // ...and with the right type
    Tally claims;       // key claims the student marked
    Tally speakers;     // found claims with the right speaker
    Tally anonymous;    // anonymous sources the student marked as anonymous
    int extraActors = 0, extraClaims = 0;  // marked by the student, not in the key
    std::vector<ActorCheck> actorChecks;   // key actors, then the student's extras
    std::vector<ClaimCheck> claimChecks;   // key claims, then the student's extras
};

// Compares a student's marks with the key (both on the same text).
Comparison compareMarkup(const Document& key, const Document& student);

struct ClassSummary {
    int students = 0;
    std::vector<std::string> names;
    std::vector<int> claimMissedBy;     // per key claim: how many students missed it
    std::vector<int> speakerWrongBy;    // per key claim: found but wrong speaker
    Tally actors, claims, speakers, anonymous;  // summed over the class
    std::vector<std::string> skipped;   // works that are for another text
};

ClassSummary summarizeClass(const Document& key, const std::vector<StudentWork>& works);

} // namespace whosaid
