// Test helper: a text annotated with the built-in model, failing the test
// (and giving an empty document) when annotate() refuses it.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "whosaid/annotate.hpp"

namespace whosaid::test {

inline Document run(const std::string& text) {
    auto doc = annotate(text, Model::builtin());
    EXPECT_TRUE(doc) << doc.error().message;
    return doc ? std::move(*doc) : Document{};
}

} // namespace whosaid::test
