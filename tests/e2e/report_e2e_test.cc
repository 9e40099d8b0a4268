// `reviewd report annual` end to end: a synthetic 2026 loaded into a real database through the
// running daemon's API (staff, five children with the reviews they had, their IROs), then the
// real binary run for every format while the daemon keeps running. The review figures are known
// by construction (below); the JSON is checked figure by figure, the HTML with check_html.py
// (one file, well-formed, inline SVG, no external reference) and kept in the tests' output
// folder for a person to open.
#include "e2e/api_fixture.h"
#include "store/sqlite.h"
#include "support/process.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace reviewd::test;
using nlohmann::json;

namespace {

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// One child in England with one placement from `start` and the reviews held on `held`.
std::string child_case(const std::string& ref, const std::string& start,
                       const std::vector<std::string>& held) {
    json reviews = json::array();
    for (const auto& day : held)
        reviews.push_back({{"held", day}});
    return json{{"jurisdiction", "england"},
                {"child", {{"id", ref}, {"date_of_birth", "2012-05-14"}}},
                {"periods", {{{"start", start}, {"placements", {{{"start", start}}}}}}},
                {"reviews", reviews}}
        .dump();
}

// Audit rows: every change writes one, so an unchanged count says the command wrote nothing.
std::int64_t audit_rows(const api_fixture& f) {
    auto db = reviewd::store::connection::open(f.daemon.database(), false, true);
    auto st = db.prepare("SELECT count(*) FROM audit");
    st.step();
    return st.integer(0);
}

void expect(const http_reply& r, int status, const std::string& what) {
    INFO(what << ": " << r.body);
    REQUIRE(r.status == status);
}

// The synthetic caseload. Review due dates, worked by hand (England: the 1st within 20 working
// days of the start, the 2nd 3 months after the 1st was held, then 6 months):
//   R-A1 (I1) from Mon 5 Jan: 1st due 2 Feb, held 30 Jan (on time); 2nd due 30 Apr, held 28 Apr
//        (on time); 3rd due 28 Oct, held 2 Nov (late); 4th due in 2027.
//   R-A2 (I1) from Mon 2 Mar: 1st due 30 Mar, held 6 Apr (late); 2nd due 6 Jul, held 6 Jul (on
//        the day: on time); 3rd due in 2027.
//   R-B1 (I2) from Wed 1 Oct 2025: 1st due 29 Oct 2025 (not in 2026), held 20 Oct; 2nd due
//        20 Jan, held 19 Jan (on time); 3rd due Sun 19 Jul, held Fri 17 Jul (on time).
//   R-B2 (I2) from Mon 1 Jun: 1st due 29 Jun, never held (not met; the chain stops there).
//   R-N  (no IRO) from Tue 1 Sep: 1st due 29 Sep, held 29 Sep (on time); 2nd due 29 Dec, not
//        held (not met).
void load_caseload(api_fixture& f) {
    const std::vector<std::tuple<std::string, std::string, std::vector<std::string>, std::string>>
        children = {
            {"R-A1", "2026-01-05", {"2026-01-30", "2026-04-28", "2026-11-02"}, "I1"},
            {"R-A2", "2026-03-02", {"2026-04-06", "2026-07-06"}, "I1"},
            {"R-B1", "2025-10-01", {"2025-10-20", "2026-01-19", "2026-07-17"}, "I2"},
            {"R-B2", "2026-06-01", {}, "I2"},
            {"R-N", "2026-09-01", {"2026-09-29"}, ""},
        };
    for (const auto& [ref, start, held, iro] : children) {
        expect(f.call("integration", "PUT", "/v1/children/" + ref, child_case(ref, start, held)),
               201, "PUT " + ref);
        if (!iro.empty())
            expect(f.call("integration", "PUT", "/v1/children/" + ref + "/assignments",
                          json{{"iro", iro}}.dump()),
                   200, "assign " + ref);
    }
}

// The daemon's clock, a file it reads for "now" ([testing] clock_file): events recorded through
// the API are stamped with the day it says, 10:00 UTC (the same date in London all year).
class driven_clock {
public:
    explicit driven_clock(const std::string& day) : file_(dir_.path() / "now") { set(day); }
    void set(const std::string& day) const {
        dir_.write("now.tmp", day + "T10:00:00Z\n");
        std::filesystem::rename(dir_.path() / "now.tmp", file_);
    }
    std::string config() const { return "\n[testing]\nclock_file = \"" + file_.string() + "\"\n"; }

private:
    temp_dir dir_;
    std::filesystem::path file_;
};

} // namespace

TEST_CASE("reviewd report annual on a synthetic year loaded through the API, in every format",
          "[e2e][report]") {
    api_fixture f;
    load_caseload(f);
    const std::filesystem::path out_dir = REVIEWD_REPORT_OUTPUT_DIR;
    std::filesystem::create_directories(out_dir);
    const auto audit_before = audit_rows(f);
    const auto report = [&](const std::string& format, const std::string& file) {
        const auto path = out_dir / file;
        std::filesystem::remove(path);
        const auto r = f.daemon.command({"report", "annual", "--year", "2026", "--format", format,
                                         "--as-of", "2027-01-15", "--output", path.string()});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out.empty()); // the report went to the file
        return read(path);
    };

    // JSON: the review figures of the construction.
    {
        const json j = json::parse(report("json", "annual-2026-e2e.json"));
        CHECK(j["counted_to"] == "2026-12-31");
        const auto& o = j["reviews"]["overall"];
        CHECK(o["first"]["on_time"] == 2); // R-A1, R-N
        CHECK(o["first"]["late"] == 1);    // R-A2
        CHECK(o["first"]["not_met"] == 1); // R-B2
        CHECK(o["first"]["percent_on_time"].get<double>() == Approx(50.0));
        CHECK(o["second"]["on_time"] == 3); // R-A1, R-A2, R-B1
        CHECK(o["second"]["not_met"] == 1); // R-N
        CHECK(o["second"]["counted"] == 4);
        CHECK(o["third_and_later"]["on_time"] == 1); // R-B1
        CHECK(o["third_and_later"]["late"] == 1);    // R-A1
        CHECK(o["all"]["counted"] == 10);
        CHECK(o["all"]["percent_on_time"].get<double>() == Approx(60.0)); // 6 of 10
        const auto& by = j["reviews"]["by_iro"];
        REQUIRE(by.size() == 3);
        CHECK(by[0]["iro"] == "I1");
        CHECK(by[0]["name"] == "Staff I1");
        CHECK(by[0]["all"]["on_time"] == 3);
        CHECK(by[0]["all"]["late"] == 2);
        CHECK(by[0]["all"]["percent_on_time"].get<double>() == Approx(60.0));
        CHECK(by[1]["iro"] == "I2");
        CHECK(by[1]["all"]["not_met"] == 1);
        CHECK(by[1]["all"]["percent_on_time"].get<double>() == Approx(66.7));
        CHECK(by[2]["iro"].is_null());
        CHECK(by[2]["all"]["on_time"] == 1);
        CHECK(by[2]["all"]["not_met"] == 1);
        const auto& kinds = j["deadlines_by_kind"];
        const auto review = std::find_if(kinds.begin(), kinds.end(),
                                         [](const auto& k) { return k["kind"] == "review"; });
        REQUIRE(review != kinds.end());
        CHECK((*review)["counted"] == 10);
        const auto& c = j["caseloads"];
        REQUIRE(c["iros"].size() == 2);
        CHECK(c["iros"][0]["children"] == 2);
        CHECK(c["iros"][0]["band"] == "under");
        CHECK(c["children_without_iro"] == 1);
    }

    // HTML: one well-formed file with inline SVG and no external reference.
    {
        const std::string html = report("html", "annual-2026-e2e.html");
        CHECK(html.find("<svg") != std::string::npos);
        CHECK(html.find("60% on time (6 of 10)") != std::string::npos);
        for (const auto* ref : {"R-A1", "R-A2", "R-B1", "R-B2", "R-N", "2012-05-14"})
            CHECK(html.find(ref) == std::string::npos); // no child, no date of birth
        const auto checked = run_process({"/usr/bin/python3", REVIEWD_CHECK_HTML,
                                          (out_dir / "annual-2026-e2e.html").string(), "5"});
        INFO(checked.out << checked.err);
        CHECK(checked.exit_code == 0);
    }

    // Markdown and CSV carry the same figures.
    {
        const std::string md = report("md", "annual-2026-e2e.md");
        CHECK(md.find("| All reviews | 6 | 2 | 2 | 60% | 0 | 0 |") != std::string::npos);
        const std::string csv = report("csv", "annual-2026-e2e.csv");
        CHECK(csv.rfind("section,item,label,measure,value\r\n", 0) == 0);
        CHECK(csv.find("reviews_by_number,all,All reviews,percent_on_time,60\r\n") !=
              std::string::npos);
        CHECK(csv.find("R-A1") == std::string::npos);
    }

    // Without --output the report goes to standard output; and the command wrote nothing.
    {
        const auto r = f.daemon.command(
            {"report", "annual", "--year", "2026", "--format", "json", "--as-of", "2027-01-15"});
        REQUIRE(r.exit_code == 0);
        CHECK(json::parse(r.out)["reviews"]["overall"]["all"]["counted"] == 10);
        CHECK(audit_rows(f) == audit_before);
    }

    // Bad requests are refused with a clear message.
    {
        const auto early = f.daemon.command(
            {"report", "annual", "--year", "2026", "--format", "json", "--as-of", "2025-12-31"});
        CHECK(early.exit_code == 2);
        CHECK(early.err.find("before the period begins") != std::string::npos);
        const auto bad_format =
            f.daemon.command({"report", "annual", "--year", "2026", "--format", "pdf"});
        CHECK(bad_format.exit_code != 0);
        CHECK(bad_format.out.empty());
    }
}

TEST_CASE("escalations recorded through the API on a driven clock are counted in the report",
          "[e2e][report][escalation]") {
    driven_clock clock("2026-01-05");
    api_fixture f(clock.config());
    load_caseload(f);
    const auto on = [&](const std::string& day, const std::string& role, const std::string& target,
                        const json& body, int status = 200) {
        clock.set(day);
        const auto r = f.call(role, "POST", target, body.dump());
        INFO(day << " " << target << ": " << r.body);
        REQUIRE(r.status == status);
        return f.json_of(r);
    };
    const auto raise = [&](const std::string& day, const std::string& role,
                           const std::string& child, const std::string& category) {
        return on(day, role, "/v1/escalations",
                  {{"child", child},
                   {"category", category},
                   {"description", "DESCRIPTION-NOT-IN-REPORT"}},
                  201)["id"]
            .get<std::string>();
    };
    const auto act = [&](const std::string& day, const std::string& role, const std::string& id,
                         const std::string& action, const json& body = json::object()) {
        on(day, role, "/v1/escalations/" + id + "/" + action, body);
    };
    // The working days, by hand (no bank holiday falls inside these spells but 25 and 28 Dec):
    // E1 team manager 2-6 Feb (4), answered on the 4th, resolved there.
    const auto e1 = raise("2026-02-02", "iro", "R-A1", "care_plan_not_implemented");
    act("2026-02-04", "manager", e1, "respond",
        {{"person", "T1"}, {"answer", "ANSWER-NOT-IN-REPORT"}});
    act("2026-02-06", "iro", e1, "resolve", {{"outcome", "needs_met"}});
    // E2 team manager 2-9 Mar (5), service manager 9-20 Mar (9, unanswered), resolved there.
    const auto e2 = raise("2026-03-02", "iro", "R-A2", "review_not_held");
    act("2026-03-09", "iro", e2, "advance");
    act("2026-03-20", "iro", e2, "resolve", {{"outcome", "plan_amended"}});
    // E3 team manager 1-15 Jun (10, unanswered), service manager 15-17 Jun (2: head of service
    // asked for on the 16th, endorsed by the IRO manager on the 17th), head of service 17-24 Jun
    // (5), Cafcass 24 Jun to 22 Jul (20), withdrawn.
    const auto e3 = raise("2026-06-01", "iro", "R-A1", "placement_unsuitable");
    act("2026-06-15", "iro", e3, "advance");
    act("2026-06-16", "iro", e3, "advance", {{"stage", "head_of_service"}});
    act("2026-06-17", "manager", e3, "endorse", {{"person", "M1"}});
    act("2026-06-24", "iro", e3, "refer-to-cafcass");
    act("2026-07-22", "iro", e3, "withdraw");
    // E4 raised by I2 on Mon 14 Dec, unanswered at the team manager: 11 working days at the end.
    raise("2026-12-14", "iro2", "R-B1", "other");
    clock.set("2027-01-15");

    const auto r = f.daemon.command({"report", "annual", "--year", "2026", "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0); // --as-of defaults to the daemon's clock: 15 January 2027
    const json j = json::parse(r.out);
    CHECK(j["as_of"] == "2027-01-15");
    const auto& e = j["escalations"];
    CHECK(e["raised"] == 4);
    CHECK(e["by_category"]["care_plan_not_implemented"] == 1);
    CHECK(e["status_at_end"]["resolved"] == 2);
    CHECK(e["status_at_end"]["withdrawn"] == 1);
    CHECK(e["status_at_end"]["open"] == 1);
    const auto stage = [&](const json& list, const std::string& id) {
        for (const auto& s : list)
            if (s["stage"] == id)
                return s;
        FAIL("no stage " + id);
        return json();
    };
    CHECK(stage(e["stage_reached"], "team_manager")["count"] == 2);    // E1, E4
    CHECK(stage(e["stage_reached"], "service_manager")["count"] == 1); // E2
    CHECK(stage(e["stage_reached"], "cafcass")["count"] == 1);         // E3
    CHECK(stage(e["resolved_at"], "service_manager")["count"] == 1);
    CHECK(e["outcomes"]["needs_met"] == 1);    // E1
    CHECK(e["outcomes"]["plan_amended"] == 1); // E2
    CHECK(e["outcomes"]["not_recorded"] == 0);
    const auto tm = stage(e["time_per_stage"], "team_manager"); // 4 5 10 11
    CHECK(tm["spells"] == 4);
    CHECK(tm["median_working_days"].get<double>() == 7.5);
    CHECK(tm["worst_working_days"] == 11);
    CHECK(tm["still_running"] == 1);
    CHECK(tm["no_answer_in_time"] == 2);                           // E3, E4
    const auto sm = stage(e["time_per_stage"], "service_manager"); // 2 9
    CHECK(sm["median_working_days"].get<double>() == 5.5);
    CHECK(sm["worst_working_days"] == 9);
    CHECK(stage(e["time_per_stage"], "head_of_service")["worst_working_days"] == 5);
    CHECK(stage(e["time_per_stage"], "cafcass")["worst_working_days"] == 20);
    CHECK(e["cafcass"]["referred"] == 1);
    CHECK(e["cafcass"]["withdrawn"] == 1);
    CHECK(e["open_at_end"]["count"] == 1);
    CHECK(e["open_at_end"]["longest_working_days"] == 11);

    const std::filesystem::path out_dir = REVIEWD_REPORT_OUTPUT_DIR;
    std::filesystem::create_directories(out_dir);
    const auto html_file = out_dir / "annual-2026-e2e-escalations.html";
    std::filesystem::remove(html_file);
    const auto html = f.daemon.command(
        {"report", "annual", "--year", "2026", "--format", "html", "--output", html_file.string()});
    REQUIRE(html.exit_code == 0);
    const auto checked =
        run_process({"/usr/bin/python3", REVIEWD_CHECK_HTML, html_file.string(), "7"});
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
    for (const auto& format : {"html", "md", "csv", "json"}) {
        const auto run =
            f.daemon.command({"report", "annual", "--year", "2026", "--format", format});
        REQUIRE(run.exit_code == 0);
        const std::string& text = run.out;
        REQUIRE_FALSE(text.empty());
        CHECK(text.find("NOT-IN-REPORT") == std::string::npos);
        CHECK(text.find(e1) == std::string::npos); // no escalation id
        CHECK(text.find("R-A1") == std::string::npos);
    }
}
