// The daily digest's timing and selection: due once a working day from its local time, never on
// weekends or bank holidays, only today's after downtime, 08:00 local across the clock changes,
// and which deadlines a digest lists. Expected instants were worked out by hand from the 2026
// calendar (Christmas Day Friday 25 December, Boxing Day substituted on Monday 28 December).
#include "schedule/digest.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>
#include <date/tz.h>

using namespace reviewd;
using reviewd::core::parse_iso_date;

namespace {

core::day d(const char* iso) {
    return *parse_iso_date(iso);
}

core::instant utc(const char* day, int hour, int minute = 0) {
    return core::instant{d(day)} + std::chrono::hours(hour) + std::chrono::minutes(minute);
}

std::string show(core::instant at) {
    return date::format("%FT%H:%MZ", std::chrono::time_point_cast<std::chrono::minutes>(at));
}

schedule::digest_policy on() {
    schedule::digest_policy p;
    p.enabled = true;
    return p;
}

const date::time_zone& london() {
    return *date::locate_zone("Europe/London");
}

rules::deadline due_on(const char* due, const char* practical,
                       rules::deadline_status status = rules::deadline_status::open) {
    rules::deadline r;
    r.kind = rules::deadline_kind::review;
    r.sequence = 1;
    r.clock_start = d("2026-10-01");
    r.due = d(due);
    r.practical_due = d(practical);
    r.status = status;
    return r;
}

} // namespace

TEST_CASE("the digest is due from its local time on a working day, once", "[schedule][digest]") {
    const auto& cal = test::england_and_wales();
    const auto monday = d("2026-11-23"); // GMT: 08:00 local is 08:00 UTC
    CHECK_FALSE(
        schedule::digest_due(utc("2026-11-23", 7, 59), monday, std::nullopt, on(), cal, london()));
    CHECK(schedule::digest_due(utc("2026-11-23", 8), monday, std::nullopt, on(), cal, london()) ==
          monday);
    CHECK(schedule::digest_due(utc("2026-11-23", 8), monday, d("2026-11-20"), on(), cal,
                               london()) == monday);
    CHECK_FALSE(schedule::digest_due(utc("2026-11-23", 17), monday, monday, on(), cal, london()));
    schedule::digest_policy off = on();
    off.enabled = false;
    CHECK_FALSE(
        schedule::digest_due(utc("2026-11-23", 9), monday, std::nullopt, off, cal, london()));
}

TEST_CASE("no digest on a Saturday or a bank holiday", "[schedule][digest]") {
    const auto& cal = test::england_and_wales();
    CHECK_FALSE(schedule::digest_due(utc("2026-11-28", 9), d("2026-11-28"), d("2026-11-27"), on(),
                                     cal, london()));
    CHECK_FALSE(schedule::digest_due(utc("2026-12-25", 9), d("2026-12-25"), d("2026-12-24"), on(),
                                     cal, london()));
    CHECK_FALSE(schedule::digest_due(utc("2026-12-28", 9), d("2026-12-28"), d("2026-12-24"), on(),
                                     cal, london()));
    // After Christmas Eve's digest the next is Tuesday 29 December.
    CHECK(show(schedule::next_digest_at(utc("2026-12-24", 9), d("2026-12-24"), d("2026-12-24"),
                                        on(), cal, london())) == "2026-12-29T08:00Z");
}

TEST_CASE("after downtime only today's digest is due, at once", "[schedule][digest]") {
    const auto& cal = test::england_and_wales();
    // Last sent on Monday; the daemon comes back on Wednesday afternoon.
    const auto now = utc("2026-11-25", 15);
    CHECK(schedule::digest_due(now, d("2026-11-25"), d("2026-11-23"), on(), cal, london()) ==
          d("2026-11-25"));
    CHECK(show(schedule::next_digest_at(now, d("2026-11-25"), d("2026-11-23"), on(), cal,
                                        london())) == "2026-11-25T08:00Z");
}

TEST_CASE("the digest keeps to 08:00 local across both clock changes", "[schedule][digest]") {
    const auto& cal = test::england_and_wales();
    // Clocks go forward on Sunday 29 March 2026: Friday is 08:00 GMT, Monday 08:00 BST.
    CHECK(show(schedule::next_digest_at(utc("2026-03-27", 9), d("2026-03-27"), d("2026-03-27"),
                                        on(), cal, london())) == "2026-03-30T07:00Z");
    // Clocks go back on Sunday 25 October 2026.
    CHECK(show(schedule::next_digest_at(utc("2026-10-23", 12), d("2026-10-23"), d("2026-10-23"),
                                        on(), cal, london())) == "2026-10-26T08:00Z");
    schedule::digest_policy early = on();
    early.local_time = std::chrono::hours(7) + std::chrono::minutes(30);
    CHECK(show(schedule::next_digest_at(utc("2026-10-26", 0), d("2026-10-26"), d("2026-10-23"),
                                        early, cal, london())) == "2026-10-26T07:30Z");
}

TEST_CASE("a digest lists overdue deadlines and those due within the horizon",
          "[schedule][digest]") {
    const auto& cal = test::england_and_wales();
    const auto monday = d("2026-11-23");
    const auto policy = on(); // horizon 15 working days

    const auto overdue =
        schedule::digest_standing_of(due_on("2026-11-20", "2026-11-20"), monday, policy, cal);
    REQUIRE(overdue);
    CHECK(overdue->overdue);

    const auto today =
        schedule::digest_standing_of(due_on("2026-11-23", "2026-11-23"), monday, policy, cal);
    REQUIRE(today);
    CHECK_FALSE(today->overdue);
    CHECK(today->working_days_left == 0);

    // Sunday 29 November: practical due Friday 27th, four working days on.
    const auto weekend =
        schedule::digest_standing_of(due_on("2026-11-29", "2026-11-27"), monday, policy, cal);
    REQUIRE(weekend);
    CHECK(weekend->working_days_left == 4);

    // 15 working days from Monday 23 November is Monday 14 December; the 15th is listed, the
    // 16th not.
    CHECK(schedule::digest_standing_of(due_on("2026-12-14", "2026-12-14"), monday, policy, cal));
    CHECK_FALSE(
        schedule::digest_standing_of(due_on("2026-12-15", "2026-12-15"), monday, policy, cal));

    CHECK_FALSE(schedule::digest_standing_of(
        due_on("2026-11-20", "2026-11-20", rules::deadline_status::met), monday, policy, cal));
    CHECK_FALSE(schedule::digest_standing_of(
        due_on("2026-11-20", "2026-11-20", rules::deadline_status::cancelled), monday, policy,
        cal));
}

TEST_CASE("webhooks are never digested; the audiences are configurable", "[schedule][digest]") {
    auto policy = on();
    CHECK(policy.covers(schedule::audience::iro));
    CHECK_FALSE(policy.covers(schedule::audience::webhook));
    policy.to = {schedule::audience::iro_manager};
    CHECK_FALSE(policy.covers(schedule::audience::iro));
    CHECK(policy.covers(schedule::audience::iro_manager));
    policy.enabled = false;
    CHECK_FALSE(policy.covers(schedule::audience::iro_manager));
}
