// The import report in its three forms: a table for people, CSV and JSON for tools.
#include "ssda903/import_report.h"

#include "ssda903/csv.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace reviewd::ssda903;

namespace {

import_report sample() {
    import_report r;
    r.dry_run = true;
    r.files = {"header.csv", "episodes.csv", "reviews.csv"};
    r.issues = {{severity::error, "episodes.csv", 4, "DECOM", "A1", "bad_date",
                 "DECOM \"31/02/2025\" is not a date, in the form dd/mm/yyyy"},
                {severity::warning, "reviews.csv", 9, "REVIEW_CODE", "A2", "unknown_code", "x"}};
    r.children = {{"A1", child_outcome::refused, "see the issues"},
                  {"A2", child_outcome::created, "deadlines +3 ~0 -0 =0"},
                  {"A3", child_outcome::unchanged, ""}};
    return r;
}

} // namespace

TEST_CASE("the table lists issues by file, row and column and says what became of each child",
          "[ssda903][report]") {
    const auto t = render_table(sample());
    CHECK(t.find("(dry run: nothing written)") != std::string::npos);
    CHECK(t.find("Issues: 1 errors, 1 warnings, 0 notes") != std::string::npos);
    CHECK(t.find("episodes.csv  4    DECOM") != std::string::npos);
    CHECK(t.find("1 created, 0 updated, 1 unchanged, 0 kept, 0 skipped, 1 refused") !=
          std::string::npos);
    CHECK(t.find("refused:\n  A1\n") != std::string::npos);
}

TEST_CASE("the CSV report reads back with one row per issue and per child", "[ssda903][report]") {
    const auto parsed = read_csv(render_csv(sample()));
    REQUIRE(parsed);
    const auto& rows = parsed.value().records;
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].fields[0] == "issue");
    CHECK(rows[0].fields[5] == "4");
    CHECK(rows[0].fields[8] == "DECOM \"31/02/2025\" is not a date, in the form dd/mm/yyyy");
    CHECK(rows[3].fields[1] == "A2");
    CHECK(rows[3].fields[2] == "created");
}

TEST_CASE("the JSON report has the summary, issues and children", "[ssda903][report]") {
    const auto j = to_json(sample());
    CHECK(j["dry_run"] == true);
    CHECK(j["summary"]["refused"] == 1);
    CHECK(j["issues"][0]["column"] == "DECOM");
    CHECK(j["children"][1]["outcome"] == "created");
    CHECK(j["window"].is_null());
}
