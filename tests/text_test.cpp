#include <gtest/gtest.h>

#include "whosaid/text.hpp"

using namespace whosaid;

// [SECTION] sanitizeUtf8

TEST(Text, ValidTextIsUnchanged) {
    const std::string s = "Erdo\xC4\x9F" "an \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0";
    const SanitizedText t = sanitizeUtf8(s);
    EXPECT_EQ(t.text, s);
    EXPECT_EQ(t.replacedBytes, 0u);
    EXPECT_TRUE(isValidUtf8(s));
}

TEST(Text, InvalidBytesBecomeReplacementCharacters) {
    struct Case { std::string in, out; uint32_t replaced; };
    const std::string R = "\xEF\xBF\xBD";
    const Case cases[] = {
        {"a\xFF" "b", "a" + R + "b", 1},                  // never valid
        {"\xC0\xAF", R + R, 2},                           // overlong slash
        {"\xED\xA0\x80", R + R + R, 3},                   // UTF-16 surrogate
        {"\xF4\x90\x80\x80", R + R + R + R, 4},           // above U+10FFFF
        {"ab\xE2\x80", "ab" + R + R, 2},                  // truncated at the end
        {"\x80x", R + "x", 1},                            // lone continuation byte
    };
    for (const Case& c : cases) {
        const SanitizedText t = sanitizeUtf8(c.in);
        EXPECT_EQ(t.text, c.out);
        EXPECT_EQ(t.replacedBytes, c.replaced);
        EXPECT_TRUE(isValidUtf8(t.text));
        EXPECT_FALSE(isValidUtf8(c.in));
    }
}

TEST(Text, LineEndsAndNulsAreNormalized) {
    const SanitizedText t = sanitizeUtf8(std::string("a\r\nb\rc\0d", 8));
    EXPECT_EQ(t.text, "a\nb\ncd");
    EXPECT_EQ(t.crlfFixed, 2u);
    EXPECT_EQ(t.removedNuls, 1u);
}

// [SECTION] OffsetIndex

TEST(Text, OffsetsRoundTripThroughCodepointsAndUtf16) {
    // 1-, 2-, 3- and 4-byte characters, repeated past several 64-byte blocks
    std::string s;
    for (int i = 0; i < 40; ++i) s += "a\xC4\x9F\xE2\x80\x9C\xF0\x9F\x98\x80 ";
    const OffsetIndex idx(s);
    uint32_t cp = 0, u16 = 0;
    for (size_t b = 0; b < s.size();) {
        int len = 1;
        const char32_t c = decodeAt(s, b, len);
        EXPECT_EQ(idx.byteToCodepoint(static_cast<uint32_t>(b)), cp);
        EXPECT_EQ(idx.byteToUtf16(static_cast<uint32_t>(b)), u16);
        EXPECT_EQ(idx.codepointToByte(cp), b);
        EXPECT_EQ(idx.utf16ToByte(u16), b);
        ++cp;
        u16 += c >= 0x10000 ? 2 : 1;
        b += len;
    }
    EXPECT_EQ(idx.codepointCount(), cp);
    EXPECT_EQ(idx.utf16Count(), u16);
    EXPECT_EQ(idx.codepointToByte(cp), s.size());
    EXPECT_EQ(idx.byteToCodepoint(static_cast<uint32_t>(s.size())), cp);
}

TEST(Text, OffsetsOnEmptyText) {
    const OffsetIndex idx("");
    EXPECT_EQ(idx.byteToCodepoint(0), 0u);
    EXPECT_EQ(idx.codepointToByte(0), 0u);
    EXPECT_EQ(idx.codepointCount(), 0u);
}

TEST(Text, Utf16OffsetInsideSurrogatePairRoundsDown) {
    const std::string s = "x\xF0\x9F\x98\x80y";  // x 😀 y: UTF-16 units 0,1-2,3
    const OffsetIndex idx(s);
    EXPECT_EQ(idx.utf16ToByte(2), 1u);
    EXPECT_EQ(idx.utf16ToByte(3), 5u);
}

// [SECTION] Character classes

TEST(Text, CharacterClasses) {
    EXPECT_TRUE(isLetter(U'ğ'));
    EXPECT_TRUE(isLetter(U'Ж'));
    EXPECT_TRUE(isLetter(U'λ'));
    EXPECT_FALSE(isLetter(U'×'));
    EXPECT_TRUE(isUpper(U'Ğ'));
    EXPECT_FALSE(isUpper(U'ğ'));
    EXPECT_TRUE(isSpace(0xA0));
    EXPECT_TRUE(isSpace(0x200B));
    EXPECT_TRUE(isOpeningQuote(U'«'));
    EXPECT_TRUE(isClosingQuote(U'”'));
    EXPECT_TRUE(isDash(U'—'));
    EXPECT_EQ(lowercase("ERDOĞAN Путин"), "erdoğan путин");
}
