// The store when the database cannot take writes: a size ceiling refuses growth exactly as a
// full disk does (SQLITE_FULL) and lifts again; a write lock another connection keeps is waited
// out once, then writes fail at once until it is released; and the errors say why in words.
#include "store/maintenance.h"
#include "store/store_fixture.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <thread>

using reviewd::store::connection;
using reviewd::store::sqlite_error;
using reviewd::store::transaction;
using reviewd::test::store_fixture;
using namespace std::chrono_literals;

namespace {

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

} // namespace

TEST_CASE("a size ceiling refuses growth as a full disk does, reads go on, and it lifts",
          "[store][faults]") {
    store_fixture f;
    REQUIRE(f.db->put_case(store_fixture::simple_case("A"), f.rules, f.who, "t"));
    const auto bytes = f.db->database_bytes();
    CHECK(f.db->limit_size(bytes) == bytes);

    std::optional<sqlite_error> refused;
    std::string refused_ref;
    for (int i = 0; i < 500 && !refused; ++i) {
        refused_ref = "B" + std::to_string(i);
        bool written = false;
        try {
            written =
                bool(f.db->put_case(store_fixture::simple_case(refused_ref), f.rules, f.who, "t"));
        } catch (const sqlite_error& e) {
            refused = e;
            break;
        }
        REQUIRE(written);
    }
    REQUIRE(refused);
    CHECK(refused->full());
    CHECK(refused->unavailable());
    CHECK(refused->cause() == "database or disk is full");
    CHECK(f.db->database_bytes() <= bytes);

    // Reads go on; the refused write left nothing behind; the file is sound.
    CHECK(f.db->get_case("A"));
    CHECK_FALSE(f.db->get_case(refused_ref));
    CHECK(f.count("audit", "subject = 'child " + refused_ref + "'") == 0);
    CHECK(reviewd::store::check_database(f.file, f.rules).ok());

    f.db->limit_size(0);
    CHECK(f.db->put_case(store_fixture::simple_case(refused_ref), f.rules, f.who, "t"));
    CHECK(f.db->get_case(refused_ref));
}

TEST_CASE("a write lock held elsewhere is waited out once, then writes fail at once until it goes",
          "[store][faults]") {
    store_fixture f;
    f.db.reset();
    connection writer = connection::open(f.file, false);
    connection other = connection::open(f.file, false);
    other.exec("BEGIN EXCLUSIVE");

    auto start = std::chrono::steady_clock::now();
    try {
        transaction tx(writer);
        FAIL("BEGIN IMMEDIATE succeeded under another connection's exclusive lock");
    } catch (const sqlite_error& e) {
        CHECK(e.busy());
        CHECK(e.cause() == "database is locked by another process");
    }
    CHECK(since(start) >= std::chrono::milliseconds(connection::busy_wait_ms - 500));

    // Locked out: the next attempt gives up after the short wait, not the full one.
    start = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(transaction(writer), sqlite_error);
    CHECK(since(start) < 2s);

    other.exec("ROLLBACK");
    {
        transaction tx(writer);
        writer.exec("INSERT INTO meta (key, value) VALUES ('probe', 'x')");
        tx.commit();
    }

    // Back to the full wait: a lock released after 300 ms is waited out.
    other.exec("BEGIN EXCLUSIVE");
    std::thread release([&] {
        std::this_thread::sleep_for(300ms);
        other.exec("ROLLBACK");
    });
    CHECK_NOTHROW(transaction(writer));
    release.join();
}
