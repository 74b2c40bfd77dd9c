// libFuzzer target: lesson and student files (whosaid-lesson/1,
// whosaid-student/1) on arbitrary bytes, then what the page does with them: a
// lesson starts a student's work, the work is compared with the key and
// summed up for the class, and both are written back and read again. What is
// written must read back as the same file (lessonToJson is a fixed point), and
// nothing may recurse without bound (issue 18: 100k levels overflowed the stack).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../document_invariants.hpp"
#include "whosaid/classroom.hpp"

namespace {

[[noreturn]] void broken(const char* what, const std::string& detail) {
    std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
    std::abort();
}

void checkDoc(const whosaid::Document& doc, const char* what) {
    const std::string why = whosaid::invariants::checkDocument(doc, {.strict = false});
    if (!why.empty()) broken(what, why);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace whosaid;
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    (void)classroomFileKind(in);
    if (Result<Lesson> lesson = lessonFromJson(in)) {
        checkDoc(lesson->key, "lesson key");
        const std::string once = lessonToJson(*lesson);
        Result<Lesson> back = lessonFromJson(once);
        if (!back) broken("own lesson does not read back", back.error().message);
        if (lessonToJson(*back) != once) broken("lesson changes when read back", once);
        StudentWork work = startWork(*lesson, "fuzz");
        checkDoc(work.marks, "fresh work");
        if (!work.marks.mentions.empty() || !work.marks.quotes.empty()) broken("fresh work", "holds the key's markup");
        Result<StudentWork> w = studentWorkFromJson(studentWorkToJson(work));
        if (!w) broken("own work does not read back", w.error().message);
        (void)compareMarkup(lesson->key, w->marks);
        (void)summarizeClass(lesson->key, {*w, work});
    }
    if (Result<StudentWork> work = studentWorkFromJson(in)) {
        checkDoc(work->marks, "student work");
        const std::string once = studentWorkToJson(*work);
        Result<StudentWork> back = studentWorkFromJson(once);
        if (!back) broken("own work does not read back", back.error().message);
        if (studentWorkToJson(*back) != once) broken("work changes when read back", once);
        (void)compareMarkup(work->marks, back->marks);
        (void)summarizeClass(work->marks, {*back});
    }
    return 0;
}
