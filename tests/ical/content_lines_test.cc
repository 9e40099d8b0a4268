// Content lines: TEXT escaping, folding at 75 octets without splitting UTF-8, CRLF, value forms.
#include "ical/content_lines.h"
#include "ical/ical_test_support.h"

#include <catch2/catch.hpp>

using namespace reviewd::ical;
using reviewd::test::physical_lines;

namespace {

// Undoes fold(): removes each CRLF followed by a space.
std::string unfold(const std::string& text) {
    std::string out;
    for (const auto& line : physical_lines(text))
        out += out.empty() ? line : line.substr(1);
    return out;
}

bool valid_utf8_text(const std::string& text) {
    return valid_utf8(text) == text;
}

} // namespace

TEST_CASE("TEXT escapes backslash, semicolon, comma and line breaks", "[ical][escape]") {
    CHECK(escape_text("plain words") == "plain words");
    CHECK(escape_text("a;b,c\\d") == "a\\;b\\,c\\\\d");
    CHECK(escape_text("one\ntwo") == "one\\ntwo");
    CHECK(escape_text("one\r\ntwo\rthree") == "one\\ntwo\\nthree");
    CHECK(escape_text("already \\n escaped") == "already \\\\n escaped");
    CHECK(escape_text("colon: and \"quotes\" stay") == "colon: and \"quotes\" stay");
}

TEST_CASE("TEXT keeps tabs and UTF-8 but drops other control characters", "[ical][escape]") {
    CHECK(escape_text("a\tb") == "a\tb");
    CHECK(escape_text(std::string("bell\x07 nul") + '\0' + "x\x1b\x7f") == "bell nulx");
    CHECK(escape_text("Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x85") ==
          "Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x85");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, so the output is always valid", "[ical][escape]") {
    const std::string fffd = "\xef\xbf\xbd";
    CHECK(escape_text("a\xff"
                      "b") == "a" + fffd + "b");
    CHECK(escape_text("\xc3") == fffd);                       // truncated sequence
    CHECK(escape_text("\xc0\xaf") == fffd + fffd);            // overlong '/'
    CHECK(escape_text("\xed\xa0\x80") == fffd + fffd + fffd); // a surrogate
    CHECK(escape_text("\xf4\x90\x80\x80").find(fffd) == 0);   // above U+10FFFF
    CHECK(valid_utf8_text(escape_text("\xe2\x82")));
}

TEST_CASE("a short line is one physical line ending in CRLF", "[ical][fold]") {
    CHECK(fold("VERSION:2.0") == "VERSION:2.0\r\n");
    const std::string exactly75(75, 'x');
    CHECK(fold(exactly75) == exactly75 + "\r\n");
}

TEST_CASE("long lines fold at 75 octets with a leading space on each continuation",
          "[ical][fold]") {
    const std::string line = "DESCRIPTION:" + std::string(300, 'a');
    const std::string folded = fold(line);
    const auto lines = physical_lines(folded);
    REQUIRE(lines.size() == 5); // 75 + 74 + 74 + 74 + 15
    CHECK(lines[0].size() == 75);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        CHECK(lines[i][0] == ' ');
        CHECK(lines[i].size() <= 75);
    }
    CHECK(lines[1].size() == 75);
    CHECK(lines.back().size() == 1 + 15);
    CHECK(unfold(folded) == line);
    CHECK(folded.substr(folded.size() - 2) == "\r\n");
    CHECK(folded.find('\n') == folded.find("\r\n") + 1); // every LF is part of a CRLF
}

TEST_CASE("folding never splits a multi-octet UTF-8 character", "[ical][fold]") {
    // Each case puts a character of 2, 3 or 4 octets across the 75-octet boundary at every
    // possible offset.
    for (const std::string ch : {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x93\x85"}) {
        for (std::size_t pad = 70; pad <= 76; ++pad) {
            std::string line = "SUMMARY:" + std::string(pad - 8, 'x');
            for (int i = 0; i < 60; ++i)
                line += ch;
            const std::string folded = fold(line);
            INFO("character of " << ch.size() << " octets after " << pad << " octets");
            for (const auto& physical : physical_lines(folded)) {
                CHECK(physical.size() <= 75);
                // Each piece on its own is valid UTF-8 (after the continuation's space).
                CHECK(valid_utf8_text(physical));
            }
            CHECK(unfold(folded) == line);
        }
    }
}

TEST_CASE("a character ending exactly at octet 75 stays on the first line", "[ical][fold]") {
    const std::string line = std::string(72, 'x') + "\xe2\x82\xac" + "yz";
    const auto lines = physical_lines(fold(line));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == std::string(72, 'x') + "\xe2\x82\xac");
    CHECK(lines[1] == " yz");
    const std::string straddling = std::string(73, 'x') + "\xe2\x82\xac" + "yz";
    const auto moved = physical_lines(fold(straddling));
    REQUIRE(moved.size() == 2);
    CHECK(moved[0] == std::string(73, 'x'));
    CHECK(moved[1] == " \xe2\x82\xac" + std::string("yz"));
}

TEST_CASE("append_line joins name and value and folds the whole line", "[ical][fold]") {
    std::string out;
    append_line(out, "DTSTART;VALUE=DATE", "20261002");
    append_line(out, "SUMMARY", std::string(80, 's'));
    CHECK(out.substr(0, 29) == "DTSTART;VALUE=DATE:20261002\r\n");
    const auto lines = physical_lines(out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == "SUMMARY:" + std::string(67, 's'));
    CHECK(lines[2] == " " + std::string(13, 's'));
}

TEST_CASE("DATE, UTC DATE-TIME and DURATION values", "[ical][values]") {
    CHECK(format_date(reviewd::core::make_day(2026, 10, 2)) == "20261002");
    CHECK(format_date(reviewd::core::make_day(999, 1, 9)) == "09990109");
    CHECK(format_utc(reviewd::test::fixed_stamp()) == "20260901T083000Z");
    CHECK(format_utc(reviewd::test::fixed_stamp() + std::chrono::milliseconds(999)) ==
          "20260901T083000Z");
    using namespace std::chrono;
    CHECK(format_duration(hours(1)) == "PT1H");
    CHECK(format_duration(-hours(15)) == "-PT15H");
    CHECK(format_duration(hours(24)) == "P1D");
    CHECK(format_duration(hours(25) + minutes(30)) == "P1DT1H30M");
    CHECK(format_duration(hours(1) + seconds(5)) == "PT1H0M5S");
    CHECK(format_duration(minutes(15)) == "PT15M");
    CHECK(format_duration(seconds(0)) == "PT0S");
}
