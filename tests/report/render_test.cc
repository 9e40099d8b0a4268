// The four renderings of the synthetic 2026: the JSON carries the figures, the CSV is one long
// well-formed table, the Markdown escapes data, the HTML is one well-formed, self-contained file
// (checked by check_html.py with Python's XML and HTML parsers), and none of them names a child.
#include "report/render.h"
#include "report_fixture.h"
#include "support/process.h"
#include "synthetic_year.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace reviewd;
using namespace reviewd::test::rep;

namespace {

const report::annual_report& year() {
    static const report::annual_report r = compute(synthetic_year());
    return r;
}

// RFC 4180 fields of one CSV line (no line breaks inside fields: the renderer removes them).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                out.back() += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                out.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::size_t from = 0;
    while (from < text.size()) {
        const auto end = text.find("\r\n", from);
        REQUIRE(end != std::string::npos); // every line ends in CRLF
        rows.push_back(csv_fields(text.substr(from, end - from)));
        from = end + 2;
    }
    return rows;
}

std::string csv_value(const std::vector<std::vector<std::string>>& rows, const std::string& section,
                      const std::string& item, const std::string& measure) {
    for (const auto& r : rows)
        if (r[0] == section && r[1] == item && r[3] == measure)
            return r[4];
    FAIL("no CSV row " + section + "," + item + "," + measure);
    return {};
}

// Writes `html` to the tests' output folder (kept for a person to open) and runs check_html.py.
test::process_result check_html(const std::string& html, const std::string& file, int min_svg) {
    std::filesystem::create_directories(REVIEWD_REPORT_OUTPUT_DIR);
    const std::string path = std::string(REVIEWD_REPORT_OUTPUT_DIR) + "/" + file;
    std::ofstream(path, std::ios::binary) << html;
    return test::run_process(
        {"/usr/bin/python3", REVIEWD_CHECK_HTML, path, std::to_string(min_svg)});
}

} // namespace

TEST_CASE("the JSON carries the figures under stable names", "[report][render]") {
    const auto j = nlohmann::json::parse(report::render_json(year()));
    CHECK(j["period"]["first"] == "2026-01-01");
    CHECK(j["counted_to"] == "2026-12-31");
    CHECK(j["year_complete"] == true);
    const auto& all = j["reviews"]["overall"]["all"];
    CHECK(all["on_time"] == 15);
    CHECK(all["late"] == 3);
    CHECK(all["not_met"] == 4);
    CHECK(all["counted"] == 22);
    CHECK(all["percent_on_time"].get<double>() == Approx(68.2)); // 15 / 22, one decimal
    CHECK(j["reviews"]["by_iro"][0]["iro"] == "I-A");
    CHECK(j["reviews"]["by_iro"][0]["all"]["percent_on_time"].get<double>() == Approx(75.0));
    CHECK(j["reviews"]["by_iro"][2]["iro"].is_null()); // no IRO assigned
    CHECK(j["reviews"]["by_iro"][0]["second"]["percent_on_time"].get<double>() == Approx(75.0));
    CHECK(j["reviews"]["by_iro"][2]["second"]["percent_on_time"].is_null());
    CHECK(j["deadlines_by_kind"].size() == 8);
    for (const auto& k : j["deadlines_by_kind"])
        if (k["kind"] == "social_worker_visit")
            CHECK(k["percent_missed"].get<double>() == Approx(50.0));
    CHECK(j["caseloads"]["over"] == 1);
    CHECK(j["caseloads"]["iros"][3]["band"] == "over");
    const auto& e = j["escalations"];
    CHECK(e["raised"] == 5);
    CHECK(e["by_category"]["care_plan_not_implemented"] == 2);
    CHECK(e["status_at_end"]["resolved"] == 3);
    CHECK(e["time_per_stage"][1]["stage"] == "service_manager");
    CHECK(e["time_per_stage"][1]["median_working_days"].get<double>() == 15.5);
    CHECK(e["time_per_stage"][1]["worst_working_days"] == 37);
    CHECK(e["time_per_stage"][3]["median_working_days"].is_null()); // director: no spells
    CHECK(e["time_per_stage"][6]["no_answer_in_time"].is_null());   // Cafcass: no clock
    CHECK(e["cafcass"]["withdrawn"] == 1);
    CHECK(e["outcomes"]["needs_met"] == 1);
    CHECK(e["outcomes"]["plan_amended"] == 1);
    CHECK(e["outcomes"]["not_recorded"] == 1);
    CHECK(e["outcomes"]["other"] == 0);
    CHECK(e["cafcass"]["outcomes"]["needs_met"] == 0);
    CHECK(e["open_at_end"]["longest_working_days"] == 41);
}

TEST_CASE("the CSV is one long table, five fields a line, data quoted and formula-guarded",
          "[report][render]") {
    const auto rows = csv_rows(report::render_csv(year()));
    REQUIRE(rows.size() > 100);
    CHECK(rows[0] == std::vector<std::string>{"section", "item", "label", "measure", "value"});
    for (const auto& r : rows)
        CHECK(r.size() == 5);
    CHECK(csv_value(rows, "reviews_by_number", "all", "on_time") == "15");
    CHECK(csv_value(rows, "reviews_by_number", "all", "percent_on_time") == "68.2");
    CHECK(csv_value(rows, "reviews_by_iro", "none", "not_met") == "1");
    CHECK(csv_value(rows, "reviews_by_iro", "none", "second_percent_on_time").empty());
    CHECK(csv_value(rows, "deadlines_by_kind", "social_worker_visit", "percent_missed") == "50");
    CHECK(csv_value(rows, "escalations_time_per_stage", "service_manager", "median_working_days") ==
          "15.5");
    CHECK(csv_value(rows, "escalations_time_per_stage", "cafcass", "no_answer_in_time").empty());
    CHECK(csv_value(rows, "escalations_outcomes", "plan_amended", "count") == "1");
    // The hostile name survives as one field, its leading '=' neutralised.
    bool found = false;
    for (const auto& r : rows)
        if (r[0] == "caseloads" && r[1] == "I-B" && r[3] == "children") {
            found = true;
            CHECK(r[2] == std::string("'") + hostile_name + " (I-B)");
            CHECK(r[4] == "50");
        }
    CHECK(found);
}

TEST_CASE("the Markdown has a table per figure group and escapes data", "[report][render]") {
    const std::string md = report::render_markdown(year());
    CHECK(md.rfind("# Independent Reviewing Service: annual report 2026\n", 0) == 0);
    CHECK(md.find("| All reviews | 15 | 3 | 4 | 68.2% | 0 | 2 |") != std::string::npos);
    CHECK(md.find("| Service manager | 4 | 15.5 | 37 | 1 | 3 |") != std::string::npos);
    CHECK(md.find("| The child's needs were met | 1 |") != std::string::npos);
    CHECK(md.find("| Not recorded | 1 |") != std::string::npos);
    CHECK(md.find("<b>") == std::string::npos); // the hostile name's tags are escaped
    CHECK(md.find("\\<b\\>Birch\\<\\/b\\>") != std::string::npos);
    CHECK(md.find("\\| \\*x\\*") != std::string::npos); // its '|' cannot split a table cell
}

TEST_CASE("no rendering names a child or repeats an escalation's description or notes",
          "[report][render]") {
    for (const auto f : {report::format::html, report::format::markdown, report::format::csv,
                         report::format::json}) {
        const std::string text = report::render(year(), f);
        CHECK(text.find("CHILD-SECRET") == std::string::npos);
        CHECK(text.find("SECRET-DESCRIPTION") == std::string::npos);
        CHECK(text.find("SECRET-NOTE") == std::string::npos);
        CHECK(text.find("ESC-ID") == std::string::npos); // nor an escalation id
    }
}

TEST_CASE("the HTML is one well-formed, self-contained file with inline SVG charts",
          "[report][render][html]") {
    const std::string html = report::render_html(year());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("&lt;b&gt;Birch&lt;/b&gt;") != std::string::npos);
    CHECK(html.find("68.2% on time (15 of 22)") != std::string::npos);
    const auto checked = check_html(html, "annual-2026-synthetic.html", 7);
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
}

TEST_CASE("an empty year still renders in every format, the HTML well-formed",
          "[report][render][html][edge]") {
    report::annual_input in;
    in.year = report::calendar_year(2026);
    in.as_of = d("2027-01-10");
    const auto r = compute(in);
    CHECK(nlohmann::json::parse(
              report::render_json(r))["reviews"]["overall"]["all"]["percent_on_time"]
              .is_null());
    CHECK(report::render_markdown(r).find("| All reviews | 0 | 0 | 0 | - | 0 | 0 |") !=
          std::string::npos);
    CHECK(csv_rows(report::render_csv(r)).size() > 50);
    const auto checked = check_html(report::render_html(r), "annual-2026-empty.html", 3);
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
}

TEST_CASE("format names", "[report][render]") {
    CHECK(report::format_from("html") == report::format::html);
    CHECK(report::format_from("md") == report::format::markdown);
    CHECK(report::format_from("markdown") == report::format::markdown);
    CHECK(report::format_from("csv") == report::format::csv);
    CHECK(report::format_from("json") == report::format::json);
    CHECK_FALSE(report::format_from("pdf"));
}
