// `reviewd db backup` and `reviewd db check` underneath: an online copy, and a check that finds
// what SQLite cannot (deadlines that no longer match their case).
#include "store/maintenance.h"
#include "store/sqlite.h"
#include "store/store_fixture.h"

#include <catch2/catch.hpp>

using reviewd::test::store_fixture;

TEST_CASE("a backup is a complete copy that passes the check", "[store][maintenance]") {
    store_fixture f;
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t"));
    REQUIRE(f.db->put_case(store_fixture::simple_case("C2", "2026-02-02"), f.rules, f.who, "t"));
    const auto copy = f.dir.path() / "backup.db";
    reviewd::store::backup_database(f.file, copy);
    const auto report = reviewd::store::check_database(copy, f.rules);
    CHECK(report.ok());
    CHECK(report.children == 2);
    CHECK(report.deadlines == f.count("deadlines"));
    CHECK_THROWS(reviewd::store::backup_database(f.file, copy)); // never overwrites
}

TEST_CASE("the check reports deadlines that differ from a recompute", "[store][maintenance]") {
    store_fixture f;
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t"));
    CHECK(reviewd::store::check_database(f.file, f.rules).ok());
    {
        auto raw = reviewd::store::connection::open(f.file, false);
        raw.exec("UPDATE deadlines SET due = '2030-01-01' WHERE key = 'p1/review/1'");
    }
    const auto report = reviewd::store::check_database(f.file, f.rules);
    REQUIRE_FALSE(report.ok());
    CHECK(report.problems.front().find("child C1") != std::string::npos);
}

TEST_CASE("the check reports an assignment to a person of the wrong role", "[store][maintenance]") {
    store_fixture f;
    REQUIRE(f.db->put_person({"T1", "team_manager", "TM", "t@x", std::nullopt}, f.who, "t"));
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t"));
    {
        auto raw = reviewd::store::connection::open(f.file, false);
        raw.exec("INSERT INTO assignments (child_id, relation, person_id) SELECT c.id, 'iro', p.id "
                 "FROM children c, people p");
    }
    const auto report = reviewd::store::check_database(f.file, f.rules);
    REQUIRE_FALSE(report.ok());
    CHECK(report.problems.front().find("iro is T1") != std::string::npos);
}
