#include <gtest/gtest.h>

#include "whosaid/import.hpp"

using namespace whosaid;

TEST(Import, HtmlKeepsArticleParagraphsAndDropsTheRest) {
    const std::string html = R"(<!doctype html><html><head><title>Page</title>
<style>p { color: red }</style><script>alert("x")</script></head><body>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<header>Site banner</header>
<article><h1>Bridge vote delayed</h1>
<p>Mayor Ana Lopes said the vote would wait.</p><!-- a comment -->
<p>“We need   more time,”&nbsp;she said &amp; left.</p>
<aside>Related: other stories</aside></article>
<footer>© The Gazette</footer></body></html>)";
    EXPECT_EQ(htmlToText(html),
              "Bridge vote delayed\n\nMayor Ana Lopes said the vote would wait.\n\n“We need more time,” she said & left.");
}

TEST(Import, HtmlWithoutArticleUsesTheBody) {
    EXPECT_EQ(htmlToText("<p>One</p><p>Two<br>lines</p>"), "One\n\nTwo\nlines");
}

TEST(Import, HtmlCharacterReferences) {
    EXPECT_EQ(htmlToText("<p>&ldquo;Hi&rdquo; &#8212; &#x41;&#0; &bogus; a&b</p>"), "“Hi” — A\xEF\xBF\xBD &bogus; a&b");
}

TEST(Import, HostileHtmlEndsCleanly) {
    EXPECT_EQ(htmlToText("<script>never closed"), "");
    EXPECT_EQ(htmlToText("text <nav>unclosed"), "text");
    EXPECT_EQ(htmlToText("a < b and <"), "a < b and <");
    std::string many;
    for (int i = 0; i < 100000; ++i) many += "<a";
    EXPECT_EQ(htmlToText(many), "");
}

TEST(Import, Markdown) {
    EXPECT_EQ(markdownToText("# Title\n\nSome *bold* and [a link](http://x.invalid) ![img](p.png)\n- item one\n```\ncode_here\n```"),
              "Title\n\nSome bold and a link \nitem one\ncode_here");
}

TEST(Import, DetectsFormats) {
    EXPECT_EQ(detectFormat("x", "a.HTML"), InputFormat::Html);
    EXPECT_EQ(detectFormat("x", "notes.md"), InputFormat::Markdown);
    EXPECT_EQ(detectFormat("<!DOCTYPE html><p>x</p>"), InputFormat::Html);
    EXPECT_EQ(detectFormat(R"( {"schema":"whosaid/1","text":"a"})"), InputFormat::WhosaidJson);
    EXPECT_EQ(detectFormat("Plain words."), InputFormat::Text);
    EXPECT_EQ(importText(R"({"schema":"whosaid/1","text":"Hello"})"), "Hello");
}

TEST(Import, MarkdownListsRulesEscapesAndInlineHtml) {
    EXPECT_EQ(markdownToText("Bridge vote\n===========\n\n1. First point\n12) Second point\n  - nested item\n"
                             "A \\*literal\\* star and <b>bold</b> text<br>\n[1]: http://x.invalid\n"),
              "Bridge vote\n\nFirst point\nSecond point\nnested item\nA *literal* star and bold text");
}

TEST(Import, HtmlDropsHiddenPartsInAnyCase) {
    EXPECT_EQ(htmlToText("<P>One</P><SCRIPT type=x>var a = '</p>';</SCRIPT><Style>p{}</STYLE>"
                         "<!-- <p>commented</p> --><NAV><p>menu</p></NAV><p>Two &amp; three</p>"),
              "One\n\nTwo & three");
    EXPECT_EQ(htmlToText("<p title=\"a > b\">Quoted &gt; attribute</p>"), "Quoted > attribute");
}

TEST(Import, WhosaidJsonKeepsItsText) {
    EXPECT_EQ(detectFormat("{\"schema\":\"whosaid/1\"}", "doc.JSON"), InputFormat::WhosaidJson);
    EXPECT_EQ(importText(R"({"schema":"whosaid/1","text":"Ana <b>said</b> hi."})", "x.json"), "Ana <b>said</b> hi.");
    EXPECT_EQ(importText("not json at all", "x.json"), "not json at all");  // unreadable JSON stays text
}

// HTML comments end where browsers end them (issue 18: "<!-->" dropped the rest of the page).
TEST(Import, HtmlCommentsEndAsInBrowsers) {
    EXPECT_EQ(htmlToText("<p>One <!--> two</p>"), "One two");
    EXPECT_EQ(htmlToText("<p>One <!---> two</p>"), "One two");
    EXPECT_EQ(htmlToText("<p>One <!-- hidden --!> two</p>"), "One two");
    EXPECT_EQ(htmlToText("<p>One <!-- a -- b > c --> two</p>"), "One two");
    EXPECT_EQ(htmlToText("<p>One <!-- a --- b ---> two</p>"), "One two");
    EXPECT_EQ(htmlToText("<p>One</p><!-- never closed <p>Two</p>"), "One");
    EXPECT_EQ(htmlToText("<p>One <!- bogus > two</p>"), "One two");
}
