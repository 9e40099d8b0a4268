// Migrations: from an empty file and from every earlier schema version to the latest, and a
// database newer than this build refused with a clear message.
#include "store/schema.h"
#include "store/sqlite.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace reviewd::store;

namespace {
std::vector<std::string> tables(connection& db) {
    auto st = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

// Every table's columns with their types, constraints and defaults, as SQLite reports them: a
// column added by ALTER TABLE must end up as it would in a fresh database.
std::vector<std::string> columns(connection& db) {
    std::vector<std::string> out;
    for (const auto& table : tables(db)) {
        auto st = db.prepare("SELECT name, type, \"notnull\", ifnull(dflt_value, 'NULL'), pk FROM "
                             "pragma_table_info(?1) ORDER BY cid");
        st.bind(1, table);
        while (st.step())
            out.push_back(table + "." + st.text(0) + " " + st.text(1) +
                          " notnull=" + std::to_string(st.integer(2)) + " default=" + st.text(3) +
                          " pk=" + std::to_string(st.integer(4)));
    }
    return out;
}
} // namespace

TEST_CASE("an empty database migrates to the latest schema", "[store][schema]") {
    reviewd::test::temp_dir dir;
    auto db = connection::open(dir.path() / "a.db", true);
    CHECK(schema_version(db) == 0);
    CHECK(migrate(db) == latest_schema_version());
    CHECK(schema_version(db) == latest_schema_version());
    const auto names = tables(db);
    for (const char* t : {"audit", "assignments", "children", "deadlines", "people", "tokens"})
        CHECK(std::find(names.begin(), names.end(), t) != names.end());
    CHECK(migrate(db) == 0); // idempotent
}

TEST_CASE("every earlier schema version migrates to the latest, giving the same schema",
          "[store][schema]") {
    reviewd::test::temp_dir dir;
    auto fresh = connection::open(dir.path() / "fresh.db", true);
    migrate(fresh);
    const auto expected = tables(fresh);
    const auto expected_columns = columns(fresh);
    for (int from = 0; from < latest_schema_version(); ++from) {
        INFO("from version " << from);
        auto db = connection::open(dir.path() / ("v" + std::to_string(from) + ".db"), true);
        migrate(db, from);
        REQUIRE(schema_version(db) == from);
        CHECK(migrate(db) == latest_schema_version() - from);
        CHECK(schema_version(db) == latest_schema_version());
        CHECK(tables(db) == expected);
        CHECK(columns(db) == expected_columns);
    }
}

TEST_CASE("a database newer than this build is refused, untouched", "[store][schema]") {
    reviewd::test::temp_dir dir;
    auto db = connection::open(dir.path() / "new.db", true);
    migrate(db);
    db.exec("PRAGMA user_version = 999");
    try {
        migrate(db);
        FAIL("migrate accepted a newer database");
    } catch (const newer_schema_error& e) {
        CHECK(std::string(e.what()).find("version 999") != std::string::npos);
    }
    CHECK(schema_version(db) == 999);
}

TEST_CASE("databases are opened with WAL, full sync and foreign keys", "[store][schema]") {
    reviewd::test::temp_dir dir;
    auto db = connection::open(dir.path() / "p.db", true);
    auto mode = db.prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.text(0) == "wal");
    auto sync = db.prepare("PRAGMA synchronous");
    REQUIRE(sync.step());
    CHECK(sync.integer(0) == 2); // FULL
    auto fk = db.prepare("PRAGMA foreign_keys");
    REQUIRE(fk.step());
    CHECK(fk.integer(0) == 1);
}
