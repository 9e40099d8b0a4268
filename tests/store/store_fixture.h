// A fresh, migrated database in a temporary folder with a case_store over it, plus the shipped
// rules: what every store test starts from.
#pragma once

#include "store/case_store.h"
#include "support/rules_fixture.h"
#include "support/temp_dir.h"

#include <memory>
#include <string>

namespace reviewd::test {

struct store_fixture {
    temp_dir dir;
    std::filesystem::path file;
    std::unique_ptr<store::case_store> db;
    store::rule_context rules{shipped_rules(), shipped_calendar_set()};
    store::actor who{"test-token"};

    store_fixture();
    // Row count of a table, read with a separate connection.
    std::int64_t count(const std::string& table, const std::string& where = "1");
    // A case for child `ref`: one period from 2026-01-05 with one placement.
    static rules::case_facts simple_case(const std::string& ref,
                                         const std::string& start = "2026-01-05");
};

} // namespace reviewd::test
