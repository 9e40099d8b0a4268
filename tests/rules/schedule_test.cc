// Properties of a whole schedule: deadlines past the end of the holiday data are provisional and
// say so; keys are stable across recomputes and input order; the order of the list; and the JSON
// form carries the child's reference but no date of birth.
#include "rules/deadline_json.h"
#include "rules/deadlines.h"

#include "support/rules_fixture.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <tuple>

using namespace reviewd;
using rules::deadline;
using rules::deadline_kind;
using test::case_builder;
using test::deadline_at;
using test::iso;
using test::schedule;

namespace {

const char* const provisional_note = "; provisional: holiday data covers 2010-01-01 to 2027-12-31";

bool same(const deadline& a, const deadline& b) {
    return std::tie(a.kind, a.period, a.placement, a.sequence, a.clock_start, a.due,
                    a.practical_due, a.status, a.met_on, a.provisional, a.rule_set, a.sure,
                    a.basis) == std::tie(b.kind, b.period, b.placement, b.sequence, b.clock_start,
                                         b.due, b.practical_due, b.status, b.met_on, b.provisional,
                                         b.rule_set, b.sure, b.basis);
}

void check_same_schedules(const std::vector<deadline>& a, const std::vector<deadline>& b) {
    REQUIRE(test::keys(a) == test::keys(b));
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO(a[i].key());
        CHECK(same(a[i], b[i]));
    }
}

rules::case_facts sample_case() {
    return test::case_from_json_text(
        test::read_text_file(test::source_path("config/samples/case.json")));
}

} // namespace

TEST_CASE("a deadline past the end of the holiday data is provisional and says so",
          "[rules][provisional]") {
    struct row {
        const char* what;
        case_builder facts;
        const char* key;
        const char* due;
        bool provisional;
        const char* basis;
    };
    const row rows[] = {
        {"6 months into 2028",
         case_builder().period("2027-06-01").review("2027-06-28").review("2027-08-01"),
         "p1/review/3", "2028-02-01", true,
         "6 months after 2027-08-01, review 2 held; provisional: holiday data covers 2010-01-01 to "
         "2027-12-31"},
        {"3 months inside the data", case_builder().period("2027-06-01").review("2027-06-28"),
         "p1/review/2", "2027-09-28", false, "3 months after 2027-06-28, review 1 held"},
        // 2028's bank holidays are unknown: the count skips weekends only, and says so.
        {"20 working days into 2028", case_builder().period("2027-12-10"), "p1/review/1",
         "2028-01-11", true,
         "20 working days after 2027-12-10, became looked after; skipped Christmas Day 2027-12-27 "
         "and Boxing Day 2027-12-28; provisional: holiday data covers 2010-01-01 to 2027-12-31"},
        {"20 working days inside the data", case_builder().period("2027-11-15"), "p1/review/1",
         "2027-12-13", false, "20 working days after 2027-11-15, became looked after"},
        {"2 weeks to the last covered day", case_builder("northern-ireland").period("2027-12-17"),
         "p1/review/1", "2027-12-31", false, "2 weeks after 2027-12-17, became looked after"},
        {"2 weeks to the first day past the data",
         case_builder("northern-ireland").period("2027-12-18"), "p1/review/1", "2028-01-01", true,
         "2 weeks after 2027-12-18, became looked after; practical due Friday 2027-12-31, the last "
         "working day on or before Saturday 2028-01-01; provisional: holiday data covers "
         "2010-01-01 to 2027-12-31"},
        {"before the data began", case_builder("england", "2000-01-01").period("2005-03-01"),
         "p1/review/1", "2005-03-29", true,
         "28 days after 2005-03-01, became looked after; provisional: holiday data covers "
         "2010-01-01 to 2027-12-31"},
        {"a request due past the data",
         case_builder().period("2027-06-01").request("2027-12-20", "2028-01-05"),
         "p1/review_request/1", "2028-01-05", true, nullptr},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        const auto deadlines = schedule(r.facts, "2027-06-01");
        const auto& d = deadline_at(deadlines, r.key);
        CHECK(iso(d.due) == r.due);
        CHECK(d.provisional == r.provisional);
        if (r.basis)
            CHECK(d.basis == r.basis);
        if (r.provisional)
            CHECK_THAT(d.basis, Catch::EndsWith(provisional_note));
        else
            CHECK_THAT(d.basis, !Catch::Contains("provisional"));
    }
}

TEST_CASE("deadline keys name the period, placement, kind and number", "[rules][keys]") {
    struct row {
        deadline_kind kind;
        int period;
        int placement;
        int sequence;
        const char* key;
    };
    const row rows[] = {
        {deadline_kind::review, 1, 0, 3, "p1/review/3"},
        {deadline_kind::review_request, 2, 0, 1, "p2/review_request/1"},
        {deadline_kind::care_plan, 1, 0, 1, "p1/care_plan/1"},
        {deadline_kind::iro_allocated, 3, 0, 1, "p3/iro_allocated/1"},
        {deadline_kind::review_decisions, 1, 0, 2, "p1/review_decisions/2"},
        {deadline_kind::review_record, 1, 0, 2, "p1/review_record/2"},
        {deadline_kind::social_worker_visit, 2, 1, 4, "p2/placement1/social_worker_visit/4"},
        {deadline_kind::health_assessment, 1, 0, 12, "p1/health_assessment/12"},
    };
    for (const auto& r : rows) {
        deadline d;
        d.kind = r.kind;
        d.period = r.period;
        d.placement = r.placement;
        d.sequence = r.sequence;
        CHECK(d.key() == r.key);
        CHECK(rules::deadline_kind_from(to_string(r.kind)) == r.kind);
    }
    for (const auto status : {rules::deadline_status::open, rules::deadline_status::met,
                              rules::deadline_status::met_late, rules::deadline_status::missed,
                              rules::deadline_status::cancelled})
        CHECK(rules::deadline_status_from(to_string(status)) == status);
    CHECK_FALSE(rules::deadline_kind_from("visit"));
    CHECK_FALSE(rules::deadline_status_from("late"));
}

TEST_CASE("computing twice gives identical keys and results", "[rules][keys]") {
    const auto facts = sample_case();
    const auto first = schedule(facts, "2026-10-01");
    const auto second = schedule(facts, "2026-10-01");
    check_same_schedules(first, second);
    const std::vector<std::string> keys = test::keys(first);
    CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());
}

TEST_CASE("the order facts are given in changes nothing", "[rules][keys]") {
    const auto facts = sample_case();
    auto shuffled = facts;
    std::reverse(shuffled.reviews.begin(), shuffled.reviews.end());
    for (auto& period : shuffled.periods) {
        std::reverse(period.placements.begin(), period.placements.end());
        for (auto& placement : period.placements)
            std::reverse(placement.visits.begin(), placement.visits.end());
    }
    check_same_schedules(schedule(facts, "2026-10-01"), schedule(shuffled, "2026-10-01"));
}

TEST_CASE("a deadline keeps its key when later facts arrive", "[rules][keys]") {
    const auto before =
        schedule(case_builder().period("2026-03-20").placement("2026-03-20"), "2026-04-01");
    const auto after = schedule(case_builder()
                                    .period("2026-03-20")
                                    .placement("2026-03-20")
                                    .visit("2026-03-26")
                                    .review("2026-04-16"),
                                "2026-04-20");
    for (const auto& d : before) {
        INFO(d.key());
        const auto& later = deadline_at(after, d.key());
        CHECK(later.due == d.due);
        CHECK(later.kind == d.kind);
    }
}

TEST_CASE("deadlines are listed by period, then due date", "[rules][keys]") {
    const auto deadlines = schedule(case_builder()
                                        .period("2025-09-01", "2026-01-31")
                                        .placement("2025-09-01", "2026-01-31")
                                        .period("2026-03-20")
                                        .placement("2026-03-20")
                                        .visit("2026-03-26")
                                        .review("2026-04-16"),
                                    "2026-05-01");
    REQUIRE(deadlines.size() > 4);
    for (std::size_t i = 1; i < deadlines.size(); ++i) {
        INFO(deadlines[i - 1].key() << " then " << deadlines[i].key());
        const auto& a = deadlines[i - 1];
        const auto& b = deadlines[i];
        CHECK(std::tie(a.period, a.due) <= std::tie(b.period, b.due));
    }
    CHECK(deadlines.front().key() == "p1/placement1/social_worker_visit/1"); // due 2025-09-08
}

TEST_CASE("schedule JSON carries keys, dates and basis, and no date of birth", "[rules][json]") {
    const auto facts = sample_case();
    const auto deadlines = schedule(facts, "2026-10-01");
    const nlohmann::json json = rules::schedule_to_json(facts.child.id, facts.jurisdiction,
                                                        test::day("2026-10-01"), deadlines);
    CHECK(json["child"] == nlohmann::json{{"id", "SAMPLE-0001"}});
    CHECK(json["jurisdiction"] == "england");
    CHECK(json["as_of"] == "2026-10-01");
    REQUIRE(json["deadlines"].size() == deadlines.size());
    CHECK(json.dump().find("2015-03-02") == std::string::npos);

    const auto& first = deadline_at(deadlines, "p1/review/1");
    const auto it = std::find_if(json["deadlines"].begin(), json["deadlines"].end(),
                                 [](const nlohmann::json& d) { return d["key"] == "p1/review/1"; });
    REQUIRE(it != json["deadlines"].end());
    const nlohmann::json& d = *it;
    CHECK(d["kind"] == "review");
    CHECK(d["period"] == 1);
    CHECK(d["sequence"] == 1);
    CHECK(d["clock_start"] == "2026-03-20");
    CHECK(d["due"] == "2026-04-21");
    CHECK(d["practical_due"] == "2026-04-21");
    CHECK(d["status"] == "met");
    CHECK(d["met_on"] == "2026-04-16");
    CHECK(d["provisional"] == false);
    CHECK(d["rule_set"] == "england");
    CHECK(d["certainty"] == "confirmed");
    CHECK(d["basis"] == first.basis);
    CHECK_FALSE(d.contains("placement"));

    const auto visit = std::find_if(
        json["deadlines"].begin(), json["deadlines"].end(),
        [](const nlohmann::json& v) { return v["key"] == "p1/placement2/social_worker_visit/1"; });
    REQUIRE(visit != json["deadlines"].end());
    CHECK((*visit)["placement"] == 2);
    CHECK((*visit)["due"] == "2026-09-27");
}
