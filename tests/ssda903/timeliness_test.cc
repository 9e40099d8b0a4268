// Late reviews against the statute, and the council's own due dates reconciled with it.
#include "ssda903/timeliness.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace reviewd;
using reviewd::test::day;

namespace {

rules::deadline review(int period, int sequence, const char* due, const char* met_on = nullptr) {
    rules::deadline d;
    d.kind = rules::deadline_kind::review;
    d.period = period;
    d.sequence = sequence;
    d.due = day(due);
    d.practical_due = d.due;
    if (met_on)
        d.met_on = day(met_on);
    d.status = met_on ? (day(met_on) > d.due ? rules::deadline_status::met_late
                                             : rules::deadline_status::met)
                      : rules::deadline_status::open;
    d.rule_set = "england";
    d.basis = "basis " + std::to_string(period) + "/" + std::to_string(sequence);
    return d;
}

} // namespace

TEST_CASE("reviews held after their due date, or not held and past it, are late",
          "[ssda903][timeliness]") {
    auto cancelled = review(1, 4, "2026-01-10");
    cancelled.status = rules::deadline_status::cancelled;
    rules::deadline visit = review(1, 1, "2026-01-01");
    visit.kind = rules::deadline_kind::social_worker_visit;
    const std::vector<ssda903::child_deadline> all = {
        {"A1", review(1, 1, "2026-01-30", "2026-01-30")}, // on the day: not late
        {"A1", review(1, 2, "2026-04-30", "2026-05-04")}, // 4 days late
        {"A2", review(1, 3, "2026-06-01")},               // not held, 10 days past
        {"A3", review(1, 1, "2026-06-20")},               // not yet due
        {"A4", cancelled},
        {"A5", visit},
    };
    const auto late = ssda903::late_reviews(all, day("2026-06-11"));
    REQUIRE(late.size() == 2);
    CHECK(late[0].child == "A1");
    CHECK(late[0].days_late == 4);
    CHECK(late[1].child == "A2");
    CHECK(late[1].days_late == 10);
    CHECK_FALSE(late[1].deadline.met_on);
}

TEST_CASE("the council's due dates are read from CHILD, REVIEW and DUE", "[ssda903][timeliness]") {
    std::vector<ssda903::issue> issues;
    const auto rows = ssda903::read_cms_due(
        {"cms.csv",
         "DUE,CHILD,REVIEW\r\n30/01/2026,A1,1\r\n2026-04-30,A1,1/2\r\n31/02/2026,A1,3\r\n"
         ",A2,1\r\n"},
        issues);
    REQUIRE(rows);
    REQUIRE(rows.value().size() == 2);
    CHECK(rows.value()[1].due == day("2026-04-30"));
    CHECK(rows.value()[1].row == 3);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].row == 4);
    CHECK(issues[0].column == "DUE");
    CHECK(issues[0].code == "bad_date");
    CHECK(issues[1].row == 5);
    CHECK(issues[1].code == "missing_value");

    std::vector<ssda903::issue> more;
    const auto missing = ssda903::read_cms_due({"cms.csv", "CHILD,DUE\r\n"}, more);
    REQUIRE_FALSE(missing);
    CHECK(missing.err().message.find("there is no REVIEW") != std::string::npos);
}

TEST_CASE("a council's due date that differs from the statute is reported with both dates",
          "[ssda903][timeliness]") {
    auto month_limit = review(2, 3, "2026-10-24");
    month_limit.practical_due = day("2026-10-23"); // a Saturday: the Friday before
    const std::vector<rules::deadline> a1 = {review(1, 1, "2025-01-30", "2025-01-28"),
                                             review(1, 2, "2025-04-28", "2025-04-20"),
                                             review(2, 1, "2026-02-02", "2026-02-02"),
                                             review(2, 2, "2026-05-02", "2026-04-24"), month_limit};
    const auto lookup =
        [&](const std::string& child) -> std::optional<std::vector<rules::deadline>> {
        if (child == "A1")
            return a1;
        return std::nullopt;
    };
    const std::vector<ssda903::cms_due_row> rows = {
        {2, "A1", "1", day("2026-02-02")},          // latest period's review 1: agrees
        {3, "A1", "1/2", day("2025-04-27")},        // period 1 review 2: a day early
        {4, "A1", "24/04/2026", day("2026-05-03")}, // the review held 24/04/2026: a day late
        {5, "A1", "3", day("2026-10-23")},          // the practical date, not the statutory one
        {6, "A1", "9", day("2026-10-23")},          // no such review
        {7, "B9", "1", day("2026-10-23")},          // no such child
        {8, "A1", "x/2", day("2026-10-23")},        // not a review
    };
    const auto c = ssda903::compare_cms_due("cms.csv", rows, lookup);
    CHECK(c.rows == 7);
    CHECK(c.matched == 4);
    REQUIRE(c.differences.size() == 3);
    CHECK(c.differences[0].row == 3);
    CHECK(c.differences[0].days == -1);
    CHECK(c.differences[0].statutory.due == day("2025-04-28"));
    CHECK(c.differences[1].row == 4);
    CHECK(c.differences[1].days == 1);
    CHECK(c.differences[1].statutory.period == 2);
    CHECK(c.differences[1].statutory.sequence == 2);
    CHECK(c.differences[2].row == 5);
    CHECK(c.differences[2].days == -1);
    REQUIRE(c.issues.size() == 3);
    CHECK(c.issues[0].row == 6);
    CHECK(c.issues[0].code == "no_such_review");
    CHECK(c.issues[1].code == "unknown_child");
    CHECK(c.issues[2].message.find("is not a number") != std::string::npos);

    ssda903::timeliness_report report{day("2026-06-01"), {}, "cms.csv", c};
    const auto table = ssda903::render_table(report);
    CHECK(table.find("4 matched, 3 differ from the statute") != std::string::npos);
    CHECK(table.find("(the practical date") != std::string::npos);
    CHECK(table.find("basis 1/2") != std::string::npos);
    const auto json = ssda903::to_json(report);
    CHECK(json["cms_due"]["differences"][2]["council_uses_practical_date"] == true);
    CHECK(json["cms_due"]["differences"][0]["council_due"] == "2025-04-27");
    CHECK(json["cms_due"]["differences"][0]["due"] == "2025-04-28");
    const auto csv = ssda903::render_csv(report);
    CHECK(csv.find("cms_due,A1,1,2,2025-04-28,2025-04-28,2025-04-20,,2025-04-27,-1,england,"
                   "basis 1/2,cms.csv,3,,") != std::string::npos);
}
