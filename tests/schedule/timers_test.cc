// Reminder timers from deadlines: working days before the practical due date, the due day, the
// day after it is missed and weekly chasers, at 08:00 Europe/London across the clock changes.
#include "schedule/timers.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>
#include <date/tz.h>

using namespace reviewd;
using reviewd::core::parse_iso_date;

namespace {

core::day d(const char* iso) {
    return *parse_iso_date(iso);
}

std::string utc(core::instant at) {
    return date::format("%FT%H:%MZ", std::chrono::time_point_cast<std::chrono::minutes>(at));
}

rules::deadline review(const char* due, const char* practical,
                       rules::deadline_status status = rules::deadline_status::open) {
    rules::deadline r;
    r.kind = rules::deadline_kind::review;
    r.sequence = 2;
    r.clock_start = d("2026-01-16");
    r.due = d(due);
    r.practical_due = d(practical);
    r.status = status;
    return r;
}

schedule::reminder_policy iro_only() {
    schedule::reminder_policy p;
    p.rules.push_back(
        {{rules::deadline_kind::review}, {schedule::audience::iro}, {15, 5, 1}, true, true, 2});
    return p;
}

const date::time_zone& london() {
    return *date::locate_zone("Europe/London");
}

} // namespace

TEST_CASE(
    "review reminders fall 15, 5 and 1 working days before, on the day, and after it is missed",
    "[schedule][timers]") {
    const auto timers = schedule::timers_for(review("2026-07-16", "2026-07-16"), iro_only(),
                                             test::england_and_wales(), london());
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& t : timers)
        got.emplace_back(t.key, utc(t.fire_at));
    // Worked by hand from a July 2026 calendar; British Summer Time, so 08:00 local is 07:00 UTC.
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"2026-07-16/before-15/iro", "2026-06-25T07:00Z"},
        {"2026-07-16/before-5/iro", "2026-07-09T07:00Z"},
        {"2026-07-16/before-1/iro", "2026-07-15T07:00Z"},
        {"2026-07-16/due/iro", "2026-07-16T07:00Z"},
        {"2026-07-16/missed/iro", "2026-07-17T07:00Z"},
        {"2026-07-16/missed-week-1/iro", "2026-07-24T07:00Z"},
        {"2026-07-16/missed-week-2/iro", "2026-07-31T07:00Z"},
    };
    CHECK(got == expected);
}

TEST_CASE(
    "a weekend due date is reminded on the practical due date and chased from the next working day",
    "[schedule][timers]") {
    // Due Sunday 2027-03-14, practical Friday 2027-03-12; GMT, so 08:00 local is 08:00 UTC.
    const auto timers = schedule::timers_for(review("2027-03-14", "2027-03-12"), iro_only(),
                                             test::england_and_wales(), london());
    const auto at = [&](const std::string& tag) {
        for (const auto& t : timers)
            if (t.tag == tag)
                return utc(t.fire_at);
        return std::string("none");
    };
    CHECK(at("before-1") == "2027-03-11T08:00Z");
    CHECK(at("due") == "2027-03-12T08:00Z");
    CHECK(at("missed") == "2027-03-15T08:00Z");
}

TEST_CASE("reminders skip bank holidays", "[schedule][timers]") {
    // Due Tuesday 2026-04-07: one working day before is Thursday 2 April (Good Friday and Easter
    // Monday are closed); missed is Wednesday 8 April.
    const auto timers = schedule::timers_for(review("2026-04-07", "2026-04-07"), iro_only(),
                                             test::england_and_wales(), london());
    const auto day_of = [&](const std::string& tag) {
        for (const auto& t : timers)
            if (t.tag == tag)
                return core::format_iso_date(t.local_day);
        return std::string("none");
    };
    CHECK(day_of("before-1") == "2026-04-02");
    CHECK(day_of("before-5") == "2026-03-27");
    CHECK(day_of("missed") == "2026-04-08");
}

TEST_CASE("met and cancelled deadlines have no reminders, missed ones keep theirs",
          "[schedule][timers]") {
    const auto& cal = test::england_and_wales();
    CHECK(schedule::timers_for(review("2026-07-16", "2026-07-16", rules::deadline_status::met),
                               iro_only(), cal, london())
              .empty());
    CHECK(
        schedule::timers_for(review("2026-07-16", "2026-07-16", rules::deadline_status::cancelled),
                             iro_only(), cal, london())
            .empty());
    CHECK(schedule::timers_for(review("2026-07-16", "2026-07-16", rules::deadline_status::missed),
                               iro_only(), cal, london())
              .size() == 7);
    auto visit = review("2026-07-16", "2026-07-16");
    visit.kind = rules::deadline_kind::social_worker_visit; // no rule names it in this policy
    CHECK(schedule::timers_for(visit, iro_only(), cal, london()).empty());
}

TEST_CASE("the same deadline gives the same keys, a moved due date gives new ones",
          "[schedule][timers]") {
    const auto& cal = test::england_and_wales();
    const auto a =
        schedule::timers_for(review("2026-07-16", "2026-07-16"), iro_only(), cal, london());
    const auto b =
        schedule::timers_for(review("2026-07-16", "2026-07-16"), iro_only(), cal, london());
    const auto moved =
        schedule::timers_for(review("2026-07-20", "2026-07-20"), iro_only(), cal, london());
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].key == b[i].key);
        CHECK(a[i].fire_at == b[i].fire_at);
    }
    for (const auto& t : moved)
        CHECK(std::none_of(a.begin(), a.end(), [&](const auto& old) { return old.key == t.key; }));
}

TEST_CASE("every audience of the rule gets its own timer", "[schedule][timers]") {
    auto policy = iro_only();
    policy.rules[0].to = {schedule::audience::iro, schedule::audience::webhook};
    policy.rules[0].before_working_days = {};
    policy.rules[0].weekly_while_missed = 0;
    const auto timers = schedule::timers_for(review("2026-07-16", "2026-07-16"), policy,
                                             test::england_and_wales(), london());
    std::vector<std::string> keys;
    for (const auto& t : timers)
        keys.push_back(t.key);
    CHECK(keys == std::vector<std::string>{"2026-07-16/due/iro", "2026-07-16/due/webhook",
                                           "2026-07-16/missed/iro", "2026-07-16/missed/webhook"});
}

TEST_CASE("local times across Europe/London's clock changes", "[schedule][timers][dst]") {
    using std::chrono::hours;
    using std::chrono::minutes;
    // 08:00 on the Sunday the clocks go forward (2026-03-29) is already BST: 07:00 UTC.
    CHECK(utc(schedule::local_instant(d("2026-03-29"), hours(8), london())) == "2026-03-29T07:00Z");
    CHECK(utc(schedule::local_instant(d("2026-03-28"), hours(8), london())) == "2026-03-28T08:00Z");
    // 01:30 that night does not exist: it resolves to the moment the clocks landed, 01:00 UTC.
    CHECK(utc(schedule::local_instant(d("2026-03-29"), hours(1) + minutes(30), london())) ==
          "2026-03-29T01:00Z");
    // 01:30 on 2026-10-25 happens twice: the earlier (BST, 00:30 UTC) is chosen.
    CHECK(utc(schedule::local_instant(d("2026-10-25"), hours(1) + minutes(30), london())) ==
          "2026-10-25T00:30Z");
    CHECK(utc(schedule::local_instant(d("2026-10-26"), hours(8), london())) == "2026-10-26T08:00Z");
}
