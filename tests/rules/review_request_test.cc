// Reviews brought forward (England reg 33(3)): a request has its own due date beside the
// timetable; it is met by the first review held on or after the day it was made; the timetable's
// next review is still due as computed, and the review held restarts the timetable's clock.
#include "rules/deadlines.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using rules::deadline_kind;
using rules::deadline_status;
using test::case_builder;
using test::deadline_at;
using test::iso;
using test::schedule;

namespace {

case_builder move_planned() {
    return case_builder()
        .period("2026-03-20")
        .review("2026-04-16")
        .request("2026-06-01", "2026-06-15", "planned placement move");
}

} // namespace

TEST_CASE("a review brought forward is met by the review held for it, which restarts the timetable",
          "[rules][england][request]") {
    const auto deadlines = schedule(move_planned().review("2026-06-10"), "2026-06-20");
    const auto& request = deadline_at(deadlines, "p1/review_request/1");
    CHECK(request.kind == deadline_kind::review_request);
    CHECK(iso(request.clock_start) == "2026-06-01");
    CHECK(iso(request.due) == "2026-06-15");
    CHECK(iso(request.practical_due) == "2026-06-15");
    CHECK(request.status == deadline_status::met);
    REQUIRE(request.met_on);
    CHECK(iso(*request.met_on) == "2026-06-10");
    CHECK(request.rule_set == "england");
    CHECK(request.basis ==
          "review brought forward on 2026-06-01 (planned placement move), due as requested");

    // The same review is review 2 of the timetable, held early: review 3 runs from it.
    const auto& second = deadline_at(deadlines, "p1/review/2");
    CHECK(iso(second.due) == "2026-07-16");
    CHECK(second.status == deadline_status::met);
    const auto& third = deadline_at(deadlines, "p1/review/3");
    CHECK(iso(third.clock_start) == "2026-06-10");
    CHECK(iso(third.due) == "2026-12-10");
}

TEST_CASE("an unanswered request is open, then missed, while the timetable review stays due",
          "[rules][england][request]") {
    struct row {
        const char* as_of;
        deadline_status request;
        deadline_status second;
    };
    const row rows[] = {
        {"2026-06-01", deadline_status::open, deadline_status::open},
        {"2026-06-15", deadline_status::open, deadline_status::open},
        {"2026-06-16", deadline_status::missed, deadline_status::open},
        {"2026-07-17", deadline_status::missed, deadline_status::missed},
    };
    for (const auto& r : rows) {
        INFO("as of " << r.as_of);
        const auto deadlines = schedule(move_planned(), r.as_of);
        CHECK(deadline_at(deadlines, "p1/review_request/1").status == r.request);
        const auto& second = deadline_at(deadlines, "p1/review/2");
        CHECK(iso(second.due) == "2026-07-16");
        CHECK(second.status == r.second);
    }
}

TEST_CASE("a request is met late by a review held after its due date",
          "[rules][england][request]") {
    const auto deadlines = schedule(move_planned().review("2026-06-20"), "2026-07-01");
    const auto& request = deadline_at(deadlines, "p1/review_request/1");
    CHECK(request.status == deadline_status::met_late);
    REQUIRE(request.met_on);
    CHECK(iso(*request.met_on) == "2026-06-20");
    CHECK(iso(deadline_at(deadlines, "p1/review/3").due) == "2026-12-20");
}

TEST_CASE("a review held before the request was made does not answer it",
          "[rules][england][request]") {
    const auto deadlines = schedule(case_builder()
                                        .period("2026-03-20")
                                        .review("2026-04-16")
                                        .request("2026-04-20", "2026-04-30"),
                                    "2026-05-01");
    const auto& request = deadline_at(deadlines, "p1/review_request/1");
    CHECK_FALSE(request.met_on);
    CHECK(request.status == deadline_status::missed);

    SECTION("a review held on the day of the request answers it") {
        const auto same_day = schedule(case_builder()
                                           .period("2026-03-20")
                                           .review("2026-04-16")
                                           .request("2026-04-16", "2026-04-30"),
                                       "2026-05-01");
        CHECK(deadline_at(same_day, "p1/review_request/1").status == deadline_status::met);
    }
}

TEST_CASE("a request due on a weekend shows the practical due", "[rules][england][request]") {
    const auto deadlines = schedule(
        case_builder().period("2026-03-20").request("2026-06-01", "2026-06-13"), "2026-06-01");
    const auto& request = deadline_at(deadlines, "p1/review_request/1");
    CHECK(iso(request.due) == "2026-06-13");
    CHECK(iso(request.practical_due) == "2026-06-12");
    CHECK(request.basis == "review brought forward on 2026-06-01 (IRO asked), due as requested; "
                           "practical due Friday 2026-06-12, the last working day on or before "
                           "Saturday 2026-06-13");
}

TEST_CASE("requests are numbered in the order made within their period",
          "[rules][england][request]") {
    const auto deadlines =
        schedule(case_builder()
                     .period("2025-09-01", "2026-01-31")
                     .period("2026-03-20")
                     .request("2026-06-05", "2026-06-12", "secure detention ends")
                     .request("2026-06-01", "2026-06-15", "planned placement move")
                     .request("2025-10-01", "2025-10-20", "the child asked")
                     .review("2026-06-10"),
                 "2026-06-20");
    const auto& p1 = deadline_at(deadlines, "p1/review_request/1");
    CHECK(iso(p1.due) == "2025-10-20");
    CHECK(p1.status == deadline_status::missed);
    const auto& first = deadline_at(deadlines, "p2/review_request/1");
    CHECK(iso(first.clock_start) == "2026-06-01");
    CHECK_THAT(first.basis, Catch::Contains("(planned placement move)"));
    const auto& second = deadline_at(deadlines, "p2/review_request/2");
    CHECK(iso(second.clock_start) == "2026-06-05");
    CHECK_THAT(second.basis, Catch::Contains("(secure detention ends)"));
    // One review answers both.
    CHECK(first.status == deadline_status::met);
    CHECK(second.status == deadline_status::met);
}

TEST_CASE("a request is cancelled when the period of care ended before it fell due",
          "[rules][england][request]") {
    const auto deadlines = schedule(
        case_builder().period("2026-03-20", "2026-06-05").request("2026-06-01", "2026-06-15"),
        "2026-07-01");
    CHECK(deadline_at(deadlines, "p1/review_request/1").status == deadline_status::cancelled);
}
