// Percent-encoding keeps RFC 3986's unreserved characters and writes every other byte as %XX.
#include "core/percent_encoding.h"

#include <catch2/catch.hpp>

using reviewd::core::percent_encoded;

TEST_CASE("percent-encoding keeps unreserved characters and encodes every other byte",
          "[core][percent]") {
    CHECK(percent_encoded("C1-a.b_c~Z9") == "C1-a.b_c~Z9");
    CHECK(percent_encoded("C 2/x") == "C%202%2Fx");
    CHECK(percent_encoded("Tîm") == "T%C3%AEm"); // UTF-8 byte by byte, upper-case hex
    CHECK(percent_encoded(std::string("a\0b", 3)) == "a%00b");
    CHECK(percent_encoded("").empty());
}
