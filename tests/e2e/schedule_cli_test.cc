// `reviewd schedule` end to end: the binary reads a case, prints deadlines, and refuses bad input
// with a message naming the field and value, printing nothing on standard output.
#include "e2e/e2e_support.h"
#include "support/temp_dir.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using nlohmann::json;
using reviewd::test::run_reviewd;
using reviewd::test::sample_case;

namespace {

const json* find_deadline(const json& doc, const std::string& kind, int sequence) {
    for (const auto& d : doc["deadlines"])
        if (d["kind"] == kind && d["sequence"] == sequence && !d.contains("placement"))
            return &d;
    return nullptr;
}

std::string minimal_case(const std::string& periods, const std::string& extra = "") {
    return R"({"jurisdiction": "england", "child": {"id": "T1", "date_of_birth": "2015-03-02"}, "periods": )" +
           periods + extra + "}";
}

} // namespace

TEST_CASE("schedule prints the sample case's deadlines as JSON", "[e2e][schedule]") {
    const auto input = reviewd::test::source_path("config/samples/case.json");
    const auto run = run_reviewd({"schedule", "--input", input, "--as-of", "2026-11-23"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const json doc = json::parse(run.out);
    CHECK(doc["child"]["id"] == "SAMPLE-0001");
    CHECK(doc["as_of"] == "2026-11-23");
    const json* first = find_deadline(doc, "review", 1);
    REQUIRE(first);
    CHECK((*first)["due"] == "2026-04-21");
    CHECK((*first)["practical_due"] == "2026-04-21");
    CHECK((*first)["status"] == "met");
    CHECK((*first)["met_on"] == "2026-04-16");
    CHECK((*first)["basis"].get<std::string>().find("Good Friday 2026-04-03") != std::string::npos);
    const json* fourth = find_deadline(doc, "review", 4);
    REQUIRE(fourth);
    CHECK((*fourth)["due"] == "2027-03-14");
    CHECK((*fourth)["practical_due"] == "2027-03-12");
    CHECK((*fourth)["status"] == "open");
}

TEST_CASE("schedule never prints the child's date of birth", "[e2e][schedule][privacy]") {
    const auto run =
        run_reviewd({"schedule", "--input", "-", "--as-of", "2026-11-23"}, sample_case());
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find("2015-03-02") == std::string::npos);
    CHECK(run.out.find("date_of_birth") == std::string::npos);
}

TEST_CASE("schedule reads standard input and prints a table", "[e2e][schedule]") {
    const auto run = run_reviewd(
        {"schedule", "-i", "-", "--format", "table", "--as-of", "2026-11-23"}, sample_case());
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find("Child SAMPLE-0001 (england), as of 2026-11-23") != std::string::npos);
    CHECK(run.out.find("review_request") != std::string::npos);
    CHECK(run.out.find("2027-03-12") != std::string::npos);
}

TEST_CASE("the as-of day decides between open and missed", "[e2e][schedule]") {
    const std::string input = minimal_case(R"([{"start": "2026-03-20"}])");
    const auto on_due = run_reviewd({"schedule", "-i", "-", "--as-of", "2026-04-21"}, input);
    const auto day_after = run_reviewd({"schedule", "-i", "-", "--as-of", "2026-04-22"}, input);
    REQUIRE(on_due.exit_code == 0);
    REQUIRE(day_after.exit_code == 0);
    CHECK((*find_deadline(json::parse(on_due.out), "review", 1))["status"] == "open");
    CHECK((*find_deadline(json::parse(day_after.out), "review", 1))["status"] == "missed");
}

TEST_CASE("bad input is refused naming the field and value, with no partial output",
          "[e2e][schedule][errors]") {
    struct bad_case {
        const char* name;
        std::string input;
        std::vector<std::string> expected; // fragments the message must contain
    };
    const std::vector<bad_case> cases = {
        {"malformed JSON",
         "{\"jurisdiction\": \"england\",\n  \"child\": }",
         {"not valid JSON", "line 2"}},
        {"unknown jurisdiction",
         R"({"jurisdiction": "atlantis", "child": {"id": "T1", "date_of_birth": "2015-03-02"}, "periods": [{"start": "2026-01-05"}]})",
         {"jurisdiction", "atlantis"}},
        {"impossible date",
         minimal_case(R"([{"start": "2026-02-30"}])"),
         {"periods[0].start", "2026-02-30"}},
        {"review before the period began",
         minimal_case(R"([{"start": "2026-01-05"}])", R"(, "reviews": [{"held": "2025-12-01"}])"),
         {"reviews[0].held", "2025-12-01", "before the first period of care began"}},
        {"overlapping periods",
         minimal_case(R"([{"start": "2026-01-05", "end": "2026-06-01"}, {"start": "2026-05-01"}])"),
         {"periods[1]", "overlaps", "periods[0]"}},
        {"unknown field",
         minimal_case(R"([{"start": "2026-01-05", "strat": "2026-01-05"}])"),
         {"periods[0].strat", "unknown field"}},
        {"wrong type", minimal_case(R"([{"start": 20260105}])"), {"periods[0].start", "20260105"}},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto run = run_reviewd({"schedule", "-i", "-", "--as-of", "2026-11-23"}, c.input);
        INFO(run.err);
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        for (const auto& fragment : c.expected)
            CHECK(run.err.find(fragment) != std::string::npos);
    }
}

TEST_CASE("an impossible --as-of is refused", "[e2e][schedule][errors]") {
    const auto run = run_reviewd({"schedule", "-i", "-", "--as-of", "2026-02-30"}, sample_case());
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find("--as-of") != std::string::npos);
}

TEST_CASE("a missing input file is reported by name", "[e2e][schedule][errors]") {
    const auto run = run_reviewd({"schedule", "-i", "/nonexistent/case.json"});
    CHECK(run.exit_code != 0);
    CHECK(run.out.empty());
    CHECK(run.err.find("/nonexistent/case.json") != std::string::npos);
}
