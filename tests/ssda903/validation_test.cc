// The validation report: each thing the import cannot use, at its file, row and column, and the
// child refused whole (nothing of it imported) while the others go on.
#include "return_files.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using reviewd::test::find_child;
using reviewd::test::issues_with;
using reviewd::test::return_files;

namespace {

// The one issue with `code`; fails the test unless there is exactly one.
ssda903::issue only(const ssda903::return_extract& e, const std::string& code) {
    const auto found = issues_with(e, code);
    INFO("issues with code " << code);
    REQUIRE(found.size() == 1);
    return found[0];
}

void located(const ssda903::issue& i, const std::string& file, int row, const std::string& column,
             const std::string& child) {
    CHECK(i.file == file);
    CHECK(i.row == row);
    CHECK(i.column == column);
    CHECK(i.child == child);
}

// A good child beside the faulty one, to show the rest of the return still goes in.
return_files with_good_child() {
    return_files f;
    f.child("GOOD").episode("GOOD", "05/01/2026", "S", "C2", "U1", "", "");
    return f;
}

bool refused(const ssda903::return_extract& e, const std::string& id) {
    return std::find(e.refused.begin(), e.refused.end(), id) != e.refused.end() &&
           !find_child(e, id);
}

} // namespace

TEST_CASE("a date that does not exist is an error at its row and column", "[ssda903][validation]") {
    auto f = with_good_child();
    f.child("A1")
        .episode("A1", "05/01/2025", "S", "C2", "U1", "01/03/2025", "X1")
        .episode("A1", "31/02/2025", "P", "C2", "U2", "", "");
    const auto e = f.build();
    const auto i = only(e, "bad_date");
    located(i, "episodes.csv", 4, "DECOM", "A1");
    CHECK(i.level == ssda903::severity::error);
    CHECK(i.message == "DECOM \"31/02/2025\" is not a date in the form dd/mm/yyyy");
    CHECK(refused(e, "A1"));
    CHECK(find_child(e, "GOOD"));
}

TEST_CASE("two-digit years and ISO dates are not the return's dates", "[ssda903][validation]") {
    auto f = with_good_child();
    f.child("A1").episode("A1", "05/01/2025", "S", "C2", "U1", "24/04/25", "E13");
    f.child("A2").episode("A2", "2025-01-05", "S", "C2", "U1", "", "");
    const auto e = f.build();
    const auto bad = issues_with(e, "bad_date");
    REQUIRE(bad.size() == 2);
    located(bad[0], "episodes.csv", 3, "DEC", "A1");
    located(bad[1], "episodes.csv", 4, "DECOM", "A2");
}

TEST_CASE("unknown RNE, LS and REC codes are errors; an unknown PLACE is a warning",
          "[ssda903][validation]") {
    auto f = with_good_child();
    f.child("A1").episode("A1", "05/01/2025", "Q", "C2", "U1", "", "");
    f.child("A2").episode("A2", "05/01/2025", "S", "V9", "U1", "", "");
    f.child("A3").episode("A3", "05/01/2025", "S", "C2", "U1", "01/02/2025", "E99");
    f.child("A4").episode("A4", "05/01/2025", "S", "C2", "ZZ", "", "");
    const auto e = f.build();
    const auto codes = issues_with(e, "unknown_code");
    REQUIRE(codes.size() == 4);
    located(codes[0], "episodes.csv", 3, "RNE", "A1");
    CHECK(codes[0].message.find("S, P, L, T, U, B") != std::string::npos);
    located(codes[1], "episodes.csv", 4, "LS", "A2");
    located(codes[2], "episodes.csv", 5, "REC", "A3");
    located(codes[3], "episodes.csv", 6, "PLACE", "A4");
    CHECK(codes[3].level == ssda903::severity::warning);
    CHECK(refused(e, "A1"));
    CHECK(refused(e, "A2"));
    CHECK(refused(e, "A3"));
    CHECK(find_child(e, "A4"));
}

TEST_CASE("a short break (LS V3) that does not start with S is an error at RNE",
          "[ssda903][validation]") {
    auto f = with_good_child();
    f.child("A1").episode("A1", "05/01/2025", "P", "V3", "K2", "07/01/2025", "E13");
    const auto e = f.build();
    located(only(e, "short_break_not_started"), "episodes.csv", 3, "RNE", "A1");
    CHECK(refused(e, "A1"));
}

TEST_CASE("an episode ending before it starts is an error at DEC", "[ssda903][validation]") {
    auto f = with_good_child();
    f.child("A1").episode("A1", "05/01/2025", "S", "C2", "U1", "04/01/2025", "E13");
    const auto i = only(f.build(), "invalid_range");
    located(i, "episodes.csv", 3, "DEC", "A1");
}

TEST_CASE("overlapping episodes are errors at the later one's DECOM", "[ssda903][validation]") {
    auto f = with_good_child();
    f.child("A1")
        .episode("A1", "05/01/2025", "S", "C2", "U1", "01/03/2025", "X1")
        .episode("A1", "20/02/2025", "P", "C2", "U2", "", "");
    f.child("A2")
        .episode("A2", "05/01/2025", "S", "C2", "U1", "", "")
        .episode("A2", "01/03/2025", "P", "C2", "U2", "", "");
    const auto e = f.build();
    const auto overlaps = issues_with(e, "overlapping_episodes");
    REQUIRE(overlaps.size() == 2);
    located(overlaps[0], "episodes.csv", 4, "DECOM", "A1");
    CHECK(overlaps[0].message ==
          "starts 2025-02-20, before the episode in row 3 ended (2025-03-01)");
    located(overlaps[1], "episodes.csv", 6, "DECOM", "A2");
    CHECK(overlaps[1].message.find("has no end (DEC is blank)") != std::string::npos);
    CHECK(refused(e, "A1"));
    CHECK(refused(e, "A2"));
}

TEST_CASE("episodes that do not join up are errors", "[ssda903][validation]") {
    auto f = with_good_child();
    f.child("GAP") // X1 says care continued, but the next episode starts later
        .episode("GAP", "05/01/2025", "S", "C2", "U1", "01/03/2025", "X1")
        .episode("GAP", "05/03/2025", "P", "C2", "U2", "", "");
    f.child("RESTART") // X1, then S the same day
        .episode("RESTART", "05/01/2025", "S", "C2", "U1", "01/03/2025", "X1")
        .episode("RESTART", "01/03/2025", "S", "C2", "U2", "", "");
    f.child("NOSTART") // the period ended, then P without S
        .episode("NOSTART", "05/01/2025", "S", "C2", "U1", "01/03/2025", "E13")
        .episode("NOSTART", "01/05/2025", "P", "C2", "U2", "", "");
    f.child("DANGLING") // X1 with nothing after it
        .episode("DANGLING", "05/01/2025", "S", "C2", "U1", "01/03/2025", "X1");
    f.child("SAMEDAY") // a new period the day the last ended
        .episode("SAMEDAY", "05/01/2025", "S", "C2", "U1", "01/03/2025", "E13")
        .episode("SAMEDAY", "01/03/2025", "S", "C2", "U2", "", "");
    const auto e = f.build();
    located(only(e, "gap_in_care"), "episodes.csv", 4, "DECOM", "GAP");
    located(only(e, "unexpected_start"), "episodes.csv", 6, "RNE", "RESTART");
    located(only(e, "missing_start"), "episodes.csv", 8, "RNE", "NOSTART");
    located(only(e, "missing_next_episode"), "episodes.csv", 9, "REC", "DANGLING");
    located(only(e, "same_day_restart"), "episodes.csv", 11, "DECOM", "SAMEDAY");
    CHECK(e.children.size() == 1);
    CHECK(e.refused.size() == 5);
}

TEST_CASE("a review for a child with no episode is an error at the review",
          "[ssda903][validation][reviews]") {
    auto f = with_good_child();
    f.child("A1").review("A1", "01/06/2025");
    const auto e = f.build();
    located(only(e, "review_without_episode"), "reviews.csv", 2, "CHILD", "A1");
    CHECK(refused(e, "A1"));
}

TEST_CASE("a review outside every period of care is an error at REVIEW",
          "[ssda903][validation][reviews]") {
    auto f = with_good_child();
    f.child("A1")
        .episode("A1", "05/01/2025", "S", "C2", "U1", "01/03/2025", "E13")
        .review("A1", "01/02/2025")
        .review("A1", "01/06/2025");
    const auto e = f.build();
    const auto i = only(e, "review_outside_care");
    located(i, "reviews.csv", 3, "REVIEW", "A1");
    CHECK(i.message.find("(2025-01-05 to 2025-03-01)") != std::string::npos);
}

TEST_CASE("a review's DOB must agree with the header's, and is never echoed",
          "[ssda903][validation][reviews]") {
    auto f = with_good_child();
    f.child("A1", "04/01/2010")
        .episode("A1", "05/01/2025", "S", "C2", "U1", "", "")
        .review("A1", "01/02/2025", "PN1", "05/01/2010");
    const auto e = f.build();
    const auto i = only(e, "dob_mismatch");
    located(i, "reviews.csv", 2, "DOB", "A1");
    CHECK(i.message.find("2010") == std::string::npos);
}

TEST_CASE("an unknown or blank REVIEW_CODE is a warning: the review still counts",
          "[ssda903][validation][reviews]") {
    auto f = with_good_child();
    f.child("A1")
        .episode("A1", "05/01/2025", "S", "C2", "U1", "", "")
        .review("A1", "01/02/2025", "PN9")
        .review("A1", "01/03/2025", "");
    const auto e = f.build();
    located(only(e, "unknown_code"), "reviews.csv", 2, "REVIEW_CODE", "A1");
    located(only(e, "missing_value"), "reviews.csv", 3, "REVIEW_CODE", "A1");
    REQUIRE(find_child(e, "A1"));
    CHECK(find_child(e, "A1")->reviews.size() == 2);
}

TEST_CASE("a bad date of birth is an error that does not repeat the value",
          "[ssda903][validation][header]") {
    auto f = with_good_child();
    f.child("A1", "2010-13-01").episode("A1", "05/01/2025", "S", "C2", "U1", "", "");
    const auto e = f.build();
    const auto i = only(e, "bad_date");
    located(i, "header.csv", 3, "DOB", "A1");
    CHECK(i.message == "DOB is not a date in the form dd/mm/yyyy");
    CHECK(refused(e, "A1"));
}

TEST_CASE("an episode before the child was born is an error", "[ssda903][validation]") {
    auto f = with_good_child();
    f.child("A1", "04/01/2010").episode("A1", "05/01/2009", "S", "C2", "U1", "", "");
    located(only(f.build(), "invalid_range"), "episodes.csv", 3, "DECOM", "A1");
}

TEST_CASE("header faults: a duplicate child, an unusable reference, a blank CHILD",
          "[ssda903][validation][header]") {
    auto f = with_good_child();
    f.child("A1").child("A1").episode("A1", "05/01/2025", "S", "C2", "U1", "", "");
    f.child("BAD REF").episode("BAD REF", "05/01/2025", "S", "C2", "U1", "", "");
    f.child("");
    const auto e = f.build();
    located(only(e, "duplicate_child"), "header.csv", 4, "CHILD", "A1");
    located(only(e, "bad_reference"), "header.csv", 5, "CHILD", "BAD REF");
    located(only(e, "missing_value"), "header.csv", 6, "CHILD", "");
    CHECK(refused(e, "A1"));
    CHECK(refused(e, "BAD REF"));
}

TEST_CASE("rows for a child the header lacks are errors at each row", "[ssda903][validation]") {
    auto f = with_good_child();
    f.episode("NOHEAD", "05/01/2025", "S", "C2", "U1", "", "").review("NOHEAD", "01/02/2025");
    const auto e = f.build();
    const auto missing = issues_with(e, "no_header");
    REQUIRE(missing.size() == 2);
    located(missing[0], "episodes.csv", 3, "CHILD", "NOHEAD");
    located(missing[1], "reviews.csv", 2, "CHILD", "NOHEAD");
    CHECK(refused(e, "NOHEAD"));
}

TEST_CASE("in the XML form issues name the XML's line and element", "[ssda903][validation][xml]") {
    const std::string xml = "<EXPSSDA903>\n"
                            "<CHILD><HEADER><CHILDID>A1</CHILDID><DOB>04/01/2010</DOB></HEADER>\n"
                            "<EPISODE><DECOM>05/01/2025</DECOM><RNE>S</RNE><LS>C2</LS><PL>Q1</PL>"
                            "<DEC>01/03/2025</DEC><REC>X1</REC></EPISODE>\n"
                            "<EPISODE><DECOM>01/03/2025</DECOM><RNE>P</RNE><LS>C2</LS><PL>U1</PL>"
                            "<DEC>01/02/2025</DEC><REC>E13</REC></EPISODE>\n"
                            "</CHILD>\n</EXPSSDA903>\n";
    const auto rows = ssda903::rows_from_xml({"return.xml", xml});
    REQUIRE(rows);
    const auto e = ssda903::build_extract(rows.value());
    located(only(e, "unknown_code"), "return.xml", 3, "PL", "A1");
    located(only(e, "invalid_range"), "return.xml", 4, "DEC", "A1");
}
