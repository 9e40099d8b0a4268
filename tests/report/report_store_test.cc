// The annual report's reads on a real SQLite file: deadlines due in the year with each child's
// IRO (closed cases included), caseloads of open cases only, children with no IRO, and a
// database from another schema refused; escalations as the escalation store recorded them.
// Checked against the store's own per-child reads.
#include "report/annual.h"
#include "store/escalation_fixture.h"
#include "store/report_queries.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

using namespace reviewd;
using namespace reviewd::test;

namespace {

using key = std::tuple<std::string, int, std::string, std::string>;

key key_of(rules::deadline_kind kind, int sequence, core::day due,
           const std::optional<core::day>& met) {
    return {std::string(rules::to_string(kind)), sequence, iso(due), met ? iso(*met) : "-"};
}

// The child's deadlines due in 2026 as the store's own per-child read gives them.
std::vector<key> expected(store_fixture& f, const std::string& child) {
    std::vector<key> out;
    const auto stored = f.db->case_deadlines(child, day("2026-06-01"));
    REQUIRE(stored);
    for (const auto& s : *stored) {
        const auto& d = s.deadline;
        if (d.due >= day("2026-01-01") && d.due <= day("2026-12-31"))
            out.push_back(key_of(d.kind, d.sequence, d.due, d.met_on));
    }
    return out;
}

std::vector<key> rows_of(const store::report_rows& r, const std::optional<std::string>& iro) {
    std::vector<key> out;
    for (const auto& d : r.deadlines)
        if (d.iro == iro)
            out.push_back(key_of(d.kind, d.sequence, d.due, d.met_on));
    return out;
}

std::vector<key> sorted(std::vector<key> v) {
    std::sort(v.begin(), v.end());
    return v;
}

} // namespace

TEST_CASE("the report reads a year's deadlines with each child's IRO, and caseloads of open cases",
          "[report][store]") {
    store_fixture f;
    const std::string now = "2026-06-01T09:00:00Z";
    for (const auto& [ref, active] : {std::pair{"I-1", true}, {"I-2", true}, {"I-3", false}})
        REQUIRE(f.db->put_person({ref, "iro", std::string("Staff ") + ref,
                                  std::string(ref) + "@council.example", std::nullopt, active},
                                 f.who, now));
    REQUIRE(f.db->put_person(
        {"M-1", "iro_manager", "Manager", "m@council.example", std::nullopt, true}, f.who, now));
    auto c1 = case_builder().period("2026-01-05").placement("2026-01-05").review("2026-01-30");
    rules::case_facts one = c1;
    one.child.id = "C-1";
    REQUIRE(f.db->put_case(one, f.rules, f.who, now));
    REQUIRE(f.db->put_case(store_fixture::simple_case("C-2", "2026-03-02"), f.rules, f.who, now));
    REQUIRE(f.db->put_case(store_fixture::simple_case("C-3", "2026-02-02"), f.rules, f.who, now));
    REQUIRE(f.db->put_case(store_fixture::simple_case("C-4", "2026-04-01"), f.rules, f.who, now));
    REQUIRE(f.db->put_assignments("C-1", {"I-1", std::nullopt, std::nullopt}, f.who, now));
    REQUIRE(f.db->put_assignments("C-2", {"I-1", std::nullopt, std::nullopt}, f.who, now));
    REQUIRE(f.db->put_assignments("C-3", {"I-2", std::nullopt, std::nullopt}, f.who, now));
    const auto c3_deadlines = expected(f, "C-3");
    REQUIRE(f.db->archive_case("C-3", f.who, now));

    const auto r = store::read_report_rows(f.file, day("2026-01-01"), day("2026-12-31"));

    auto i1 = expected(f, "C-1");
    const auto c2 = expected(f, "C-2");
    i1.insert(i1.end(), c2.begin(), c2.end());
    REQUIRE_FALSE(i1.empty());
    CHECK(sorted(rows_of(r, "I-1")) == sorted(i1));
    CHECK(sorted(rows_of(r, "I-2")) == sorted(c3_deadlines)); // the closed case still counts
    CHECK(sorted(rows_of(r, std::nullopt)) == sorted(expected(f, "C-4")));
    CHECK(r.deadlines.size() == i1.size() + c3_deadlines.size() + expected(f, "C-4").size());
    // C-1's first review: due 20 working days after 5 January, held on 30 January.
    const auto first =
        key_of(rules::deadline_kind::review, 1, day("2026-02-02"), day("2026-01-30"));
    CHECK(std::find(i1.begin(), i1.end(), first) != i1.end());
    for (const auto& d : r.deadlines) {
        CHECK(d.due >= day("2026-01-01"));
        CHECK(d.due <= day("2026-12-31"));
    }

    REQUIRE(r.caseloads.size() == 3); // the IROs only, the inactive one too
    CHECK(r.caseloads[0].ref == "I-1");
    CHECK(r.caseloads[0].name == "Staff I-1");
    CHECK(r.caseloads[0].children == 2);
    CHECK(r.caseloads[1].children == 0); // C-3 is closed
    CHECK_FALSE(r.caseloads[2].active);
    CHECK(r.children_without_iro == 1); // C-4; C-3 is closed
}

TEST_CASE("the report refuses a database at another schema version", "[report][store]") {
    store_fixture f;
    {
        auto db = store::connection::open(f.file, false);
        db.exec("PRAGMA user_version = " + std::to_string(store::latest_schema_version() + 1));
    }
    CHECK_THROWS_WITH(store::read_report_rows(f.file, day("2026-01-01"), day("2026-12-31")),
                      Catch::Contains("use a newer reviewd"));
}

TEST_CASE("the report reads escalations raised by the year's end, without child, description or "
          "notes",
          "[report][store][escalation]") {
    escalation_store_fixture f;
    using escalation::event_kind;
    // Team manager 2 to 9 March (5), service manager 9 to 20 March (9), resolved there.
    const auto first = f.raise("2026-03-02T10:00:00Z");
    REQUIRE(f.act(first, f.action(event_kind::advanced, "I1", "iro"), "2026-03-09T10:00:00Z"));
    REQUIRE(f.act(first,
                  f.action(event_kind::resolved, "I1", "iro", {},
                           escalation::resolution_note(escalation::outcome::needs_met,
                                                       "NOTE-SECRET placement found")),
                  "2026-03-20T10:00:00Z"));
    // Raised 14 December, resolved in 2027: read, and cut at the year's end by the report.
    const auto second = f.raise("2026-12-14T10:00:00Z");
    REQUIRE(f.act(second, f.action(event_kind::resolved, "I1", "iro", {}, "NOTE-SECRET done"),
                  "2027-01-05T10:00:00Z"));
    f.raise("2027-02-01T10:00:00Z"); // after the year: not read

    const auto r = store::read_report_rows(f.file, day("2026-01-01"), day("2026-12-31"));
    REQUIRE(r.escalations.size() == 2);
    CHECK(r.escalations[0].id == first);
    CHECK(r.escalations[0].history.size() == 3);
    CHECK(r.escalations[1].history.size() == 2);
    for (const auto& x : r.escalations) {
        CHECK(x.child_ref.empty());
        CHECK(x.description.empty());
        CHECK(x.raised_by == "I1");
    }
    // Notes are blank but for the outcome code of a resolution, without the IRO's details.
    for (const auto& e : r.escalations[0].history)
        CHECK(e.note == (e.kind == event_kind::resolved ? "needs_met" : ""));
    CHECK(r.escalations[1].history.back().note.empty()); // resolved without a code

    report::annual_input in;
    in.year = report::calendar_year(2026);
    in.as_of = day("2027-01-15");
    in.escalations = r.escalations;
    const auto figures = report::compute_annual(in, f.setup.ladder, f.ctx().calendar);
    REQUIRE(figures);
    const auto& e = figures.value().escalations;
    CHECK(e.raised == 2);
    CHECK(e.resolved == 1);
    CHECK(e.open_at_end == 1);
    CHECK(e.outcomes[0].count == 1);                                   // needs met
    CHECK(*e.time_per_stage[1].worst_working_days == 9);               // service manager
    CHECK(*e.time_per_stage[0].median_working_days == (5 + 11) / 2.0); // 5, and 11 running
}
