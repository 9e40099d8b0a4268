// Configuration end to end: `reviewd check-config` accepts the shipped files and refuses broken
// ones with the file, line and key, before any work is done.
#include "e2e/e2e_support.h"
#include "support/temp_dir.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

#include <filesystem>

using reviewd::test::run_reviewd;
using reviewd::test::source_path;
using reviewd::test::temp_dir;

namespace {

// A copy of the shipped configuration in a temp dir, which a test may then break.
void copy_shipped_config(const temp_dir& dir) {
    namespace fs = std::filesystem;
    fs::copy(source_path("config/reviewd.toml"), dir.path() / "reviewd.toml");
    fs::copy(source_path("config/bank-holidays.json"), dir.path() / "bank-holidays.json");
    fs::copy(source_path("config/rules"), dir.path() / "rules");
}

} // namespace

TEST_CASE("check-config accepts the shipped configuration and lists the rule sets",
          "[e2e][config]") {
    const auto run = run_reviewd({"check-config"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    for (const char* id : {"england", "england-1991", "wales", "scotland", "northern-ireland",
                           "england-short-breaks"})
        CHECK(run.out.find(std::string("rule set ") + id + " (") != std::string::npos);
    CHECK(run.out.find("holidays england-and-wales: 2010-01-01 to 2027-12-31") !=
          std::string::npos);
}

TEST_CASE("an unknown key in the configuration names file, line and key", "[e2e][config][errors]") {
    temp_dir dir;
    copy_shipped_config(dir);
    dir.write("reviewd.toml", "[calendar]\nholidays_file = \"bank-holidays.json\"\nholiday_file = "
                              "\"x\"\n\n[rules]\ndirectory = \"rules\"\n");
    const auto run =
        run_reviewd({"--config", (dir.path() / "reviewd.toml").string(), "check-config"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("reviewd.toml:3 calendar.holiday_file") != std::string::npos);
}

TEST_CASE("a mistyped time limit in a rule set names the rule file, line and key",
          "[e2e][config][errors]") {
    temp_dir dir;
    copy_shipped_config(dir);
    const auto path = dir.path() / "rules" / "england.toml";
    std::string text = reviewd::test::read_text_file(path.string());
    const auto at = text.find("first = \"20 working days\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 25, "first = \"20 workings days\"");
    dir.write("rules/england.toml", text);
    const auto run =
        run_reviewd({"--config", (dir.path() / "reviewd.toml").string(), "check-config"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("england.toml:") != std::string::npos);
    CHECK(run.err.find("reviews.first") != std::string::npos);
    CHECK(run.err.find("20 workings days") != std::string::npos);
}

TEST_CASE("a local closure day is counted like a bank holiday", "[e2e][config]") {
    temp_dir dir;
    copy_shipped_config(dir);
    dir.write("reviewd.toml", "[calendar]\nholidays_file = \"bank-holidays.json\"\n"
                              "closures = [{ date = 2026-04-07, title = \"Council closure\" }]\n"
                              "[rules]\ndirectory = \"rules\"\n");
    const std::string input =
        R"({"jurisdiction": "england", "child": {"id": "T1", "date_of_birth": "2015-03-02"}, "periods": [{"start": "2026-03-20"}]})";
    const auto run = run_reviewd({"--config", (dir.path() / "reviewd.toml").string(), "schedule",
                                  "-i", "-", "--as-of", "2026-03-20"},
                                 input);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find("\"due\": \"2026-04-22\"") != std::string::npos);
    CHECK(run.out.find("Council closure 2026-04-07") != std::string::npos);
}

TEST_CASE("a missing holiday file is a configuration error naming it", "[e2e][config][errors]") {
    temp_dir dir;
    copy_shipped_config(dir);
    std::filesystem::remove(dir.path() / "bank-holidays.json");
    const auto run =
        run_reviewd({"--config", (dir.path() / "reviewd.toml").string(), "check-config"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("bank-holidays.json") != std::string::npos);
}
