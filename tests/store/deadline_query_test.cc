// GET /v1/deadlines in the store: filters by IRO, due date, status and kind; cursor pages that
// neither skip nor repeat.
#include "store/store_fixture.h"

#include <catch2/catch.hpp>

#include <set>

using reviewd::test::day;
using reviewd::test::store_fixture;

namespace {
void caseload(store_fixture& f) {
    REQUIRE(f.db->put_person({"I1", "iro", "IRO One", "i1@x", std::nullopt}, f.who, "t"));
    REQUIRE(f.db->put_person({"I2", "iro", "IRO Two", "i2@x", std::nullopt}, f.who, "t"));
    for (int i = 0; i < 30; ++i) {
        const std::string ref = "C" + std::to_string(i);
        const std::string start =
            "2026-0" + std::to_string(1 + i % 6) + "-1" + std::to_string(i % 10);
        REQUIRE(f.db->put_case(store_fixture::simple_case(ref, start), f.rules, f.who, "t"));
        REQUIRE(f.db->put_assignments(
            ref, {std::string(i % 3 == 0 ? "I1" : "I2"), std::nullopt, std::nullopt}, f.who, "t"));
    }
}
} // namespace

TEST_CASE("deadline pages cover every deadline once, in due order", "[store][deadlines]") {
    store_fixture f;
    caseload(f);
    reviewd::store::deadline_filter filter;
    filter.limit = 7;
    std::set<std::int64_t> seen;
    std::string last_due;
    int pages = 0;
    for (;;) {
        const auto page = f.db->list_deadlines(filter, day("2026-03-01"));
        ++pages;
        for (const auto& item : page.items) {
            CHECK(seen.insert(item.stored.id).second);
            const std::string due = reviewd::core::format_iso_date(item.stored.deadline.due);
            CHECK(due >= last_due);
            last_due = due;
        }
        if (!page.next_cursor)
            break;
        filter.cursor = page.next_cursor;
    }
    CHECK(static_cast<std::int64_t>(seen.size()) == f.count("deadlines"));
    CHECK(pages == static_cast<int>((seen.size() + 6) / 7));
}

TEST_CASE("deadline filters select by IRO, due date, status and kind", "[store][deadlines]") {
    store_fixture f;
    caseload(f);
    const auto today = day("2026-03-01");
    reviewd::store::deadline_filter by_iro;
    by_iro.iro = "I1";
    by_iro.limit = 1000;
    const auto mine = f.db->list_deadlines(by_iro, today).items;
    REQUIRE_FALSE(mine.empty());
    for (const auto& item : mine)
        CHECK(std::stoi(item.child.substr(1)) % 3 == 0);

    reviewd::store::deadline_filter missed;
    missed.status = "missed";
    missed.kind = "review";
    missed.due_before = day("2026-12-31");
    missed.limit = 1000;
    const auto late = f.db->list_deadlines(missed, today).items;
    REQUIRE_FALSE(late.empty());
    for (const auto& item : late) {
        CHECK(item.stored.deadline.kind == reviewd::rules::deadline_kind::review);
        CHECK(item.stored.deadline.status == reviewd::rules::deadline_status::missed);
        CHECK(item.stored.deadline.due < today);
    }
    reviewd::store::deadline_filter open;
    open.status = "open";
    open.limit = 1000;
    for (const auto& item : f.db->list_deadlines(open, today).items)
        CHECK(item.stored.deadline.due >= today);
    const auto counts = f.db->deadline_counts_by_status(today);
    std::int64_t total = 0;
    for (const auto& [status, n] : counts)
        total += n;
    CHECK(total == f.count("deadlines"));
}
