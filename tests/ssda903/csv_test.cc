// The RFC 4180 reader: quoting, line ends, byte order marks, and errors by line and column.
#include "ssda903/csv.h"

#include <catch2/catch.hpp>

using reviewd::ssda903::csv_field;
using reviewd::ssda903::read_csv;

TEST_CASE("a plain CSV file gives its header and records with their line numbers",
          "[ssda903][csv]") {
    const auto t = read_csv("CHILD,DECOM\nA1,01/04/2025\nA2,02/04/2025\n");
    REQUIRE(t);
    CHECK(t.value().header == std::vector<std::string>{"CHILD", "DECOM"});
    REQUIRE(t.value().records.size() == 2);
    CHECK(t.value().records[0].line == 2);
    CHECK(t.value().records[1].line == 3);
    CHECK(t.value().records[1].fields == std::vector<std::string>{"A2", "02/04/2025"});
}

TEST_CASE("quoted fields keep commas, doubled quotes and line breaks", "[ssda903][csv]") {
    const auto t =
        read_csv("A,B,C\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\"\"\r\n");
    REQUIRE(t);
    REQUIRE(t.value().records.size() == 2);
    CHECK(t.value().records[0].fields ==
          std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
    CHECK(t.value().records[0].line == 2);
    CHECK(t.value().records[1].line == 4); // the quoted line break moved the next record down
    CHECK(t.value().records[1].fields == std::vector<std::string>{"last", "", ""});
}

TEST_CASE("every line break inside quotes reads as one LF, so a field written back reads the same",
          "[ssda903][csv][fuzz]") {
    // Found by ssda903_csv_fuzz: a lone CR before a CRLF read as "\r\n", which csv_field wrote
    // inside quotes and the reader then read back as "\n".
    const auto t = read_csv("\n\"P\r\n\r\r\nN4\",\"x\"\r\n\"m\",\r\n");
    REQUIRE(t);
    CHECK(t.value().header == std::vector<std::string>{"P\n\n\nN4", "x"});
    REQUIRE(t.value().records.size() == 1);
    CHECK(t.value().records[0].line == 6); // a blank line, then three line breaks in the header
    CHECK(t.value().records[0].fields == std::vector<std::string>{"m", ""});
    const std::string written = csv_field(t.value().header[0]) + "," + csv_field("x") + "\n";
    const auto again = read_csv(written);
    REQUIRE(again);
    CHECK(again.value().header == t.value().header);
}

TEST_CASE("a byte order mark, CRLF, a missing final line break and blank lines are accepted",
          "[ssda903][csv]") {
    const auto t = read_csv("\xEF\xBB\xBF"
                            "CHILD,DOB\r\n\r\nA1,01/01/2010\r\n\r\nA2,02/02/2011");
    REQUIRE(t);
    CHECK(t.value().header[0] == "CHILD");
    REQUIRE(t.value().records.size() == 2);
    CHECK(t.value().records[0].line == 3);
    CHECK(t.value().records[1].line == 5);
    CHECK(t.value().records[1].fields[1] == "02/02/2011");
}

TEST_CASE("a quoted empty field on its own is a record, not a blank line", "[ssda903][csv]") {
    const auto t = read_csv("A\n\"\"\n");
    REQUIRE(t);
    REQUIRE(t.value().records.size() == 1);
    CHECK(t.value().records[0].fields == std::vector<std::string>{""});
}

TEST_CASE("an unterminated quote is an error at the line and column it opened",
          "[ssda903][csv][errors]") {
    const auto t = read_csv("A,B\n1,2\n3,\"open\n4,5\n");
    REQUIRE_FALSE(t);
    CHECK(t.err().code == "csv_syntax");
    CHECK(t.err().field == "line 3, column 3");
    CHECK(t.err().message.find("not closed") != std::string::npos);
}

TEST_CASE("a stray quote in an unquoted field and text after a closing quote are errors",
          "[ssda903][csv][errors]") {
    const auto stray = read_csv("A,B\nab\"c,d\n");
    REQUIRE_FALSE(stray);
    CHECK(stray.err().field == "line 2, column 3");
    const auto after = read_csv("A,B\n\"ab\"c,d\n");
    REQUIRE_FALSE(after);
    CHECK(after.err().field == "line 2, column 5");
    CHECK(after.err().message.find("after the closing quote") != std::string::npos);
}

TEST_CASE("an empty file is refused", "[ssda903][csv][errors]") {
    CHECK_FALSE(read_csv(""));
    CHECK(read_csv("\xEF\xBB\xBF").err().code == "csv_empty");
}

TEST_CASE("fields are written back quoted only when they must be", "[ssda903][csv]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    const auto back = read_csv("X\n" + csv_field("a,\"b\"\nc") + "\n");
    REQUIRE(back);
    CHECK(back.value().records[0].fields[0] == "a,\"b\"\nc");
}
