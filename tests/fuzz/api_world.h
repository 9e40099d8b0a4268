// The world the API fuzz target sends requests into: a real SQLite database holding staff, two
// children (one assigned to IRO I1) and a token for every role, made once per process and copied
// fresh for every input, so each input meets the same database and a crash replays alone.
#pragma once

#include "api/api.h"
#include "store/case_store.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace reviewd::fuzz {

// Token names the inputs use in place of secrets: "Authorization: Bearer admin" is sent as the
// admin token. admin, manager, integration, iro (I1), iro2 (I2), and revoked (an admin's,
// revoked).
class api_world {
public:
    api_world();

    // A fresh copy of the template database with a store and the API over it.
    struct session {
        std::unique_ptr<store::case_store> store;
        api::metrics stats;
        std::unique_ptr<api::api> service;
    };
    std::unique_ptr<session> open();

    // The real token for a name above, or nullptr.
    const std::string* token(const std::string& name) const;

    const std::filesystem::path& database() const { return work_; }
    store::rule_context rules() const;

private:
    test::temp_dir dir_;
    std::filesystem::path template_;
    std::filesystem::path work_;
    test::manual_clock clock_;
    std::map<std::string, std::string> tokens_;
};

} // namespace reviewd::fuzz
