// `reviewd import ssda903` and `reviewd report timeliness` end to end: the real binary on files
// from scripts/gen-ssda903 (synthetic, seeded) and hand-made ones, into a real SQLite file.
#include "ssda903/csv.h"
#include "store/sqlite.h"
#include "support/daemon_process.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>

using reviewd::test::daemon_process;
using reviewd::test::source_path;
using reviewd::test::temp_dir;
using json = nlohmann::json;

namespace {

namespace fs = std::filesystem;

// Runs the generator into `dir`; throws when it fails.
fs::path generate(const temp_dir& tmp, const std::string& name, std::vector<std::string> args) {
    const fs::path dir = tmp.path() / name;
    std::vector<std::string> argv{"/usr/bin/python3", source_path("scripts/gen-ssda903"), "--out",
                                  dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = reviewd::test::run_process(argv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return dir;
}

struct import_run {
    int exit_code;
    json report;
    std::string err;
};

import_run import_csv(const daemon_process& d, const fs::path& dir,
                      std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"import",     "ssda903",
                                  "--header",   (dir / "header.csv").string(),
                                  "--episodes", (dir / "episodes.csv").string(),
                                  "--reviews",  (dir / "reviews.csv").string(),
                                  "--format",   "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = d.command(args);
    INFO(r.err);
    INFO(r.out.substr(0, 2000));
    return {r.exit_code, r.out.empty() ? json() : json::parse(r.out), r.err};
}

std::int64_t count(const daemon_process& d, const std::string& sql) {
    auto db = reviewd::store::connection::open(d.database(), false, true);
    auto st = db.prepare(sql);
    REQUIRE(st.step());
    return st.integer(0);
}

// Every child's stored facts (canonical JSON), by reference.
std::map<std::string, std::string> all_facts(const daemon_process& d) {
    auto db = reviewd::store::connection::open(d.database(), false, true);
    auto st = db.prepare("SELECT ref, facts FROM children ORDER BY ref");
    std::map<std::string, std::string> out;
    while (st.step())
        out[st.text(0)] = st.text(1);
    return out;
}

// A daemon_process is not started here: it only provides a configuration and a database file.
void migrate(const daemon_process& d) {
    const auto r = d.command({"db", "migrate"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

std::vector<std::string> children_with(const json& report, const std::string& outcome) {
    std::vector<std::string> out;
    for (const auto& c : report["children"])
        if (c["outcome"] == outcome)
            out.push_back(c["child"]);
    return out;
}

} // namespace

TEST_CASE("a return imports, and importing it again changes nothing", "[e2e][import]") {
    temp_dir tmp;
    const auto files = generate(tmp, "h2026", {"--children", "60", "--seed", "3", "--xml"});
    daemon_process d;
    migrate(d);

    const auto first = import_csv(d, files);
    REQUIRE(first.exit_code == 0);
    CHECK(first.report["summary"]["created"] == 60);
    CHECK(first.report["summary"]["refused"] == 0);
    CHECK(first.err.empty()); // no progress bar: standard error is not a terminal
    CHECK(count(d, "SELECT count(*) FROM children") == 60);
    const auto audit = count(d, "SELECT count(*) FROM audit");
    CHECK(audit == 60);
    const auto deadlines = count(d, "SELECT count(*) FROM deadlines");
    const auto facts = all_facts(d);

    const auto again = import_csv(d, files);
    REQUIRE(again.exit_code == 0);
    CHECK(again.report["summary"]["unchanged"] == 60);
    CHECK(count(d, "SELECT count(*) FROM audit") == audit);
    CHECK(count(d, "SELECT count(*) FROM deadlines") == deadlines);
    CHECK(all_facts(d) == facts);

    // The XML form of the same return says the same.
    const auto xml = d.command(
        {"import", "ssda903", "--xml", (files / "return.xml").string(), "--format", "json"});
    INFO(xml.err);
    REQUIRE(xml.exit_code == 0);
    CHECK(json::parse(xml.out)["summary"]["unchanged"] == 60);
    CHECK(count(d, "SELECT count(*) FROM audit") == audit);
}

TEST_CASE("on a terminal the import draws a progress bar on standard error", "[e2e][import]") {
    temp_dir tmp;
    const auto files = generate(tmp, "h2026", {"--children", "40", "--seed", "8"});
    daemon_process d;
    migrate(d);
    // script(1) runs the command on a pseudo-terminal and copies what it wrote.
    const std::string command = std::string(REVIEWD_BINARY) + " --config '" +
                                d.config_file().string() + "' import ssda903 --header '" +
                                (files / "header.csv").string() + "' --episodes '" +
                                (files / "episodes.csv").string() + "' --reviews '" +
                                (files / "reviews.csv").string() + "' --format json >/dev/null";
    const auto r = reviewd::test::run_process({"/usr/bin/script", "-qefc", command, "/dev/null"});
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("checking [") != std::string::npos);
    CHECK(r.out.find("importing [##############################] 40/40") != std::string::npos);
    CHECK(count(d, "SELECT count(*) FROM children") == 40);
}

TEST_CASE("yearly returns imported in turn give the same cases as the whole history",
          "[e2e][import]") {
    temp_dir tmp;
    const std::vector<std::string> world{"--children", "120", "--seed", "11"};
    auto with = [&](std::vector<std::string> more) {
        auto args = world;
        args.insert(args.end(), more.begin(), more.end());
        return args;
    };
    const auto h2024 = generate(tmp, "h2024", with({"--up-to", "2024"}));
    const auto r2025 = generate(tmp, "r2025", with({"--year", "2025"}));
    const auto r2026 = generate(tmp, "r2026", with({"--year", "2026"}));
    const auto h2026 = generate(tmp, "h2026", with({"--up-to", "2026"}));

    daemon_process yearly;
    migrate(yearly);
    REQUIRE(import_csv(yearly, h2024).exit_code == 0);
    const auto audit_before = count(yearly, "SELECT count(*) FROM audit");
    const auto later = import_csv(yearly, r2025);
    REQUIRE(later.exit_code == 0);
    const auto updated = later.report["summary"]["updated"].get<int>();
    const auto created = later.report["summary"]["created"].get<int>();
    CHECK(updated > 0);
    // One audit row per child written, none for the unchanged.
    CHECK(count(yearly, "SELECT count(*) FROM audit") == audit_before + updated + created);
    CHECK(count(yearly, "SELECT count(*) FROM audit WHERE action = 'ssda903.import'") == updated);
    REQUIRE(import_csv(yearly, r2026).exit_code == 0);

    daemon_process whole;
    migrate(whole);
    REQUIRE(import_csv(whole, h2026).exit_code == 0);
    const auto a = all_facts(yearly);
    const auto b = all_facts(whole);
    CHECK(a.size() == b.size());
    for (const auto& [ref, facts] : b) {
        INFO(ref);
        CHECK(a.count(ref) == 1);
        if (a.count(ref))
            CHECK(a.at(ref) == facts);
    }
    CHECK(count(yearly, "SELECT count(*) FROM deadlines") ==
          count(whole, "SELECT count(*) FROM deadlines"));

    // An older return after a newer one leaves the newer cases alone.
    const auto old = import_csv(yearly, r2025);
    REQUIRE(old.exit_code == 0);
    CHECK(old.report["summary"]["updated"] == 0);
    CHECK(all_facts(yearly) == a);
}

TEST_CASE("reminders of history are kept as history, not sent: only the last 14 days' go, late",
          "[e2e][import][reminders]") {
    temp_dir tmp;
    const auto files =
        generate(tmp, "h2026", {"--children", "60", "--seed", "5", "--up-to", "2026"});
    // The import's "now": 1 April 2026, 09:00Z, just after the return's year ends. The late limit
    // ([reminders] skip_older_than_days, default 14) puts the line at 18 March 2026, 09:00Z.
    const auto clock = tmp.write("now", "2026-04-01T09:00:00Z\n");
    daemon_process d("\n[testing]\nclock_file = \"" + clock.string() + "\"\n");
    migrate(d);
    REQUIRE(import_csv(d, files).exit_code == 0);
    const std::string line = "1773824400"; // 2026-03-18T09:00:00Z
    const std::string now = "1775034000";  // 2026-04-01T09:00:00Z
    const auto history = count(d, "SELECT count(*) FROM timers WHERE fire_at < " + line);
    const auto recent =
        count(d, "SELECT count(*) FROM timers WHERE fire_at >= " + line + " AND fire_at < " + now);
    const auto future = count(d, "SELECT count(*) FROM timers WHERE fire_at >= " + now);
    INFO("timers: " << history << " history, " << recent << " recent, " << future << " to come");
    CHECK(history > 1000); // the missed visits and care plans of years, chased weekly
    CHECK(recent > 0);
    CHECK(future > 0);
    // Every timer before the line is skipped as history and was never fired; every one after it
    // is pending: the recent ones go once, late, when the daemon next runs.
    CHECK(count(d, "SELECT count(*) FROM timers WHERE fire_at < " + line +
                       " AND state = 'skipped' AND note = 'history before the import' AND "
                       "fired_at IS NULL") == history);
    CHECK(count(d, "SELECT count(*) FROM timers WHERE fire_at >= " + line +
                       " AND state = 'pending'") == recent + future);

    // A second import changes no timer.
    const auto all = count(d, "SELECT count(*) FROM timers");
    REQUIRE(import_csv(d, files).exit_code == 0);
    CHECK(count(d, "SELECT count(*) FROM timers") == all);
    CHECK(count(d, "SELECT count(*) FROM timers WHERE state = 'pending'") == recent + future);
    CHECK(d.command({"db", "check"}).exit_code == 0);
}

TEST_CASE("a dry run reports what would change and writes nothing", "[e2e][import]") {
    temp_dir tmp;
    const auto h2025 =
        generate(tmp, "h2025", {"--children", "40", "--seed", "5", "--up-to", "2025"});
    const auto r2026 =
        generate(tmp, "r2026", {"--children", "40", "--seed", "5", "--year", "2026"});
    daemon_process d;
    migrate(d);

    const auto dry = import_csv(d, h2025, {"--dry-run"});
    REQUIRE(dry.exit_code == 0);
    CHECK(dry.report["dry_run"] == true);
    // Every child in the file (those in care by March 2025) would be created.
    CHECK(dry.report["summary"]["created"].get<std::size_t>() == dry.report["children"].size());
    CHECK(dry.report["children"].size() > 30);
    CHECK(count(d, "SELECT count(*) FROM children") == 0);
    CHECK(count(d, "SELECT count(*) FROM audit") == 0);

    REQUIRE(import_csv(d, h2025).exit_code == 0);
    const auto facts = all_facts(d);
    const auto audit = count(d, "SELECT count(*) FROM audit");
    const auto later = import_csv(d, r2026, {"--dry-run"});
    REQUIRE(later.exit_code == 0);
    CHECK(later.report["summary"]["updated"].get<int>() > 0);
    CHECK(all_facts(d) == facts);
    CHECK(count(d, "SELECT count(*) FROM audit") == audit);
}

TEST_CASE("faulty files give the report by file, row and column, and refused children are not "
          "half-imported",
          "[e2e][import][errors]") {
    temp_dir tmp;
    const auto clean =
        generate(tmp, "clean", {"--children", "50", "--seed", "9", "--up-to", "2025"});
    const auto faulty = generate(tmp, "faulty", {"--children", "50",
                                                 "--seed",     "9",
                                                 "--year",     "2026",
                                                 "--fault",    "bad-date",
                                                 "--fault",    "unknown-code",
                                                 "--fault",    "overlap",
                                                 "--fault",    "orphan-review",
                                                 "--fault",    "bad-dob",
                                                 "--fault",    "missing-start",
                                                 "--fault",    "quoted-fields"});
    const json faults =
        json::parse(reviewd::test::read_text_file((faulty / "faults.json").string()));
    REQUIRE(faults.size() == 7);

    daemon_process d;
    migrate(d);
    REQUIRE(import_csv(d, clean).exit_code == 0);
    const auto before = all_facts(d);

    const auto run = import_csv(d, faulty);
    CHECK(run.exit_code == 3); // some children refused, the rest imported
    const auto refused = children_with(run.report, "refused");
    const auto after = all_facts(d);
    for (const auto& fault : faults) {
        const std::string child = fault["child"];
        INFO(fault.dump());
        if (fault["fault"] == "quoted-fields") {
            // Valid, awkward CSV: a quoted field with a comma and quotes is read, not refused.
            CHECK(std::find(refused.begin(), refused.end(), child) == refused.end());
            continue;
        }
        bool located = false;
        for (const auto& issue : run.report["issues"])
            if (issue["severity"] == "error" && issue["child"] == child &&
                fs::path(issue["file"].get<std::string>()).filename().string() ==
                    fault["file"].get<std::string>() &&
                issue["row"] == fault["row"] && issue["column"] == fault["column"])
                located = true;
        CHECK(located);
        CHECK(std::find(refused.begin(), refused.end(), child) != refused.end());
        // Nothing half-imported: a refused child is exactly as it was, or still absent.
        CHECK(after.count(child) == before.count(child));
        if (before.count(child))
            CHECK(after.at(child) == before.at(child));
    }
    CHECK(run.report["summary"]["refused"] == 6);
    CHECK(run.report["summary"]["updated"].get<int>() > 0);
}

TEST_CASE("with --all-or-nothing nothing is written when any child is refused",
          "[e2e][import][errors]") {
    temp_dir tmp;
    const auto faulty =
        generate(tmp, "faulty", {"--children", "30", "--seed", "4", "--fault", "overlap"});
    daemon_process d;
    migrate(d);
    const auto run = import_csv(d, faulty, {"--all-or-nothing"});
    CHECK(run.exit_code == 2);
    CHECK(run.report["summary"]["refused"] == 1);
    CHECK(count(d, "SELECT count(*) FROM children") == 0);
    CHECK(count(d, "SELECT count(*) FROM audit") == 0);
}

TEST_CASE("files that cannot be read as a return are refused whole", "[e2e][import][errors]") {
    temp_dir tmp;
    const auto files = generate(tmp, "ok", {"--children", "5", "--seed", "2"});
    daemon_process d;
    migrate(d);
    // The episodes file given as the header: the report says which file and what it looks like.
    const auto swapped =
        d.command({"import", "ssda903", "--header", (files / "episodes.csv").string(), "--episodes",
                   (files / "header.csv").string(), "--reviews", (files / "reviews.csv").string()});
    CHECK(swapped.exit_code == 2);
    CHECK(swapped.err.find("episodes.csv: the header file has no column DOB (it looks like the "
                           "episodes file)") != std::string::npos);
    CHECK(swapped.err.find("Nothing was imported.") != std::string::npos);

    const auto broken = tmp.write("broken.xml", "<EXPSSDA903><CHILD>\n</EXPSSDA903>\n");
    const auto xml = d.command({"import", "ssda903", "--xml", broken.string()});
    CHECK(xml.exit_code == 2);
    CHECK(xml.err.find("broken.xml: line 2") != std::string::npos);

    const auto neither =
        d.command({"import", "ssda903", "--header", (files / "header.csv").string()});
    CHECK(neither.exit_code == 2);
    CHECK(count(d, "SELECT count(*) FROM children") == 0);
}

namespace {

// Two children whose statutory dates were worked out by hand (england, 2010 Regulations):
// T1 looked after from Monday 5 January 2026: review 1 due 2 February (20 working days), held 4
//   February (2 days late); review 2 due 4 May (3 months; the practical date is Friday 1 May,
//   before the Early May bank holiday), not held by 11 May (7 days late).
// T2 from Monday 1 December 2025: review 1 due 31 December (20 working days, skipping Christmas
//   Day and Boxing Day), held 20 December; review 2 due 20 March 2026, held 18 March.
fs::path hand_made(const temp_dir& tmp) {
    tmp.write("tl/header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"
                               "T1,F,02/03/2015,WBRI,Z000000000001,,\r\n"
                               "T2,M,10/10/2012,WBRI,Z000000000002,,\r\n");
    tmp.write("tl/episodes.csv",
              "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
              "PL_POST,URN\r\n"
              "T1,05/01/2026,S,C2,N1,U1,PR1,,,,ZZ99 1AA,ZZ99 2BB,XXXXXXX\r\n"
              "T2,01/12/2025,S,V2,N1,U1,PR1,,,,ZZ99 1AA,ZZ99 2BB,XXXXXXX\r\n");
    tmp.write("tl/reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\r\n"
                                "T1,02/03/2015,04/02/2026,PN1\r\n"
                                "T2,10/10/2012,20/12/2025,PN3\r\n"
                                "T2,10/10/2012,18/03/2026,PN3\r\n");
    return tmp.path() / "tl";
}

} // namespace

TEST_CASE("report timeliness lists every review late against the statute", "[e2e][timeliness]") {
    temp_dir tmp;
    daemon_process d;
    migrate(d);
    REQUIRE(import_csv(d, hand_made(tmp)).exit_code == 0);

    const auto table = d.command({"report", "timeliness", "--as-of", "2026-05-11"});
    INFO(table.err);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Reviews late against the statute: 2") != std::string::npos);
    CHECK(table.out.find("T1     1       1       2026-02-02  2026-02-02  2026-02-04  2 ") !=
          std::string::npos);
    CHECK(table.out.find("T1     1       2       2026-05-04  2026-05-01  not held    7 ") !=
          std::string::npos);

    const auto out =
        d.command({"report", "timeliness", "--as-of", "2026-05-11", "--format", "json"});
    REQUIRE(out.exit_code == 0);
    const auto j = json::parse(out.out);
    REQUIRE(j["late_reviews"].size() == 2);
    CHECK(j["late_reviews"][1]["held"].is_null());
    CHECK(j["late_reviews"][1]["basis"] ==
          "3 months after 2026-02-04, review 1 held; practical due Friday 2026-05-01, the last "
          "working day on or before Early May bank holiday 2026-05-04");
    CHECK_FALSE(j.contains("cms_due"));

    // Before T1's second review fell due, only the first is late.
    const auto earlier =
        d.command({"report", "timeliness", "--as-of", "2026-05-04", "--format", "json"});
    CHECK(json::parse(earlier.out)["late_reviews"].size() == 1);
}

TEST_CASE("report timeliness with --cms-due shows where the council's dates differ from the "
          "statute",
          "[e2e][timeliness]") {
    temp_dir tmp;
    daemon_process d;
    migrate(d);
    REQUIRE(import_csv(d, hand_made(tmp)).exit_code == 0);
    const auto cms = tmp.write("cms.csv", "CHILD,REVIEW,DUE\r\n"
                                          "T1,1,02/02/2026\r\n"          // agrees
                                          "T1,2,01/05/2026\r\n"          // the practical date
                                          "T2,20/12/2025,02/01/2026\r\n" // four weeks, not 20 days
                                          "T2,2,2026-03-20\r\n"          // agrees
                                          "NOSUCH,1,01/01/2026\r\n");

    const auto csv = d.command({"report", "timeliness", "--as-of", "2026-05-11", "--cms-due",
                                cms.string(), "--format", "csv"});
    INFO(csv.err);
    REQUIRE(csv.exit_code == 0);
    const auto parsed = reviewd::ssda903::read_csv(csv.out);
    REQUIRE(parsed);
    std::vector<std::vector<std::string>> differences;
    for (const auto& r : parsed.value().records)
        if (r.fields[0] == "cms_due")
            differences.push_back(r.fields);
    REQUIRE(differences.size() == 2);
    // child, period, review, statutory due, practical due, held, -, council due, difference
    CHECK(differences[0][1] == "T1");
    CHECK(differences[0][4] == "2026-05-04");
    CHECK(differences[0][8] == "2026-05-01");
    CHECK(differences[0][9] == "-3");
    CHECK(differences[1][1] == "T2");
    CHECK(differences[1][3] == "1");
    CHECK(differences[1][4] == "2025-12-31");
    CHECK(differences[1][8] == "2026-01-02");
    CHECK(differences[1][9] == "2");
    CHECK(differences[1][11] ==
          "20 working days after 2025-12-01, became looked after; skipped Christmas Day "
          "2025-12-25 and Boxing Day 2025-12-26");

    const auto table =
        d.command({"report", "timeliness", "--as-of", "2026-05-11", "--cms-due", cms.string()});
    CHECK(table.out.find("5 rows, 4 matched, 2 differ from the statute") != std::string::npos);
    CHECK(table.out.find("NOSUCH  reviewd holds no such child") != std::string::npos);

    const auto missing = d.command({"report", "timeliness", "--cms-due", "/nonexistent/cms.csv"});
    CHECK(missing.exit_code == 2);
}
