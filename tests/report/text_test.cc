// Escaping data for each output, the statistics, and the words and number formats the report
// uses.
#include "report/labels.h"
#include "report/stats.h"
#include "report/text_escape.h"

#include <catch2/catch.hpp>

using namespace reviewd::report;

TEST_CASE("the median of an odd count is the middle value, of an even count the mean of the two",
          "[report][stats]") {
    CHECK_FALSE(median({}));
    CHECK(*median({7}) == 7);
    CHECK(*median({9, 1, 5}) == 5);
    CHECK(*median({4, 1, 10, 5}) == 4.5);
    CHECK(*median({2, 2}) == 2);
    CHECK_FALSE(worst({}));
    CHECK(*worst({3, 11, 2}) == 11);
    CHECK_FALSE(percent(1, 0));
    CHECK(*percent(1, 4) == 25.0);
}

TEST_CASE("numbers and percentages are written plainly", "[report][labels]") {
    CHECK(format_number(4) == "4");
    CHECK(format_number(15.5) == "15.5");
    CHECK(format_percent(100.0 * 2 / 3) == "66.7%");
    CHECK(format_percent(100.0) == "100%");
    CHECK(format_percent(std::nullopt) == "-");
    CHECK(one_decimal(68.18) == Approx(68.2));
    CHECK(long_date(reviewd::core::make_day(2028, 2, 29)) == "29 February 2028");
}

TEST_CASE("stage ids and IROs in words", "[report][labels]") {
    CHECK(stage_label("head_of_service") == "Head of service");
    CHECK(stage_label("cafcass") == "Cafcass");
    CHECK(stage_label("iro_manager") == "IRO manager");
    CHECK(iro_label("I-1", "Ann Ash") == "Ann Ash (I-1)");
    CHECK(iro_label("I-1", "") == "I-1");
    CHECK(iro_label("", "") == "No IRO assigned");
}

TEST_CASE("HTML escaping covers the five XML characters and cleans bad bytes", "[report][escape]") {
    CHECK(html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
    CHECK(html_escape("tab\there\nnew") == "tab here new");
    CHECK(html_escape("bad \xff byte") == "bad \xEF\xBF\xBD byte");
    CHECK(html_escape("\xC3\xA9t\xC3\xA9") == "\xC3\xA9t\xC3\xA9"); // été stays
    CHECK(clean_text("\xC0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD");    // overlong NUL refused
}

TEST_CASE("Markdown escaping backslashes every punctuation character", "[report][escape]") {
    CHECK(markdown_escape("a|b") == "a\\|b");
    CHECK(markdown_escape("[x](y)") == "\\[x\\]\\(y\\)");
    CHECK(markdown_escape("<script>") == "\\<script\\>");
    CHECK(markdown_escape("plain words 12") == "plain words 12");
}

TEST_CASE("CSV fields are quoted when needed and guarded against formulas", "[report][escape]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("=SUM(A1)") == "'=SUM(A1)");
    CHECK(csv_field("-1+1") == "'-1+1");
    CHECK(csv_field("@x,y") == "\"'@x,y\"");
    CHECK(csv_field("line\nbreak") == "line break");
}
