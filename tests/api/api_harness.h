// lib/api in-process for tests: a fresh, migrated SQLite store in a temporary folder, the shipped
// rules and holidays, an admin token, and the API over them on a clock that stands still, so a
// test sends an http::request as a value and reads the http::response it gets.
#pragma once

#include "api/api.h"
#include "store/case_store.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"

#include <memory>
#include <string>

namespace reviewd::test {

struct api_harness {
    temp_dir dir;
    std::unique_ptr<store::case_store> db;
    manual_clock clock;
    api::metrics stats;
    std::shared_ptr<const store::rules_snapshot> rules;
    std::unique_ptr<api::api> service;
    std::string admin_token;

    api_harness();
    // One request as the admin; a body is sent as application/json.
    http::response call(const std::string& method, const std::string& target,
                        const std::string& body = {});
};

} // namespace reviewd::test
