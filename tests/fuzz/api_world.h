// The world the API fuzz target sends requests into: a real SQLite database holding staff, two
// children (one assigned to IRO I1), a token for every role and a calendar feed for I1, made once
// per process and copied fresh for every input (with fresh dashboard sessions), so each input
// meets the same state and a crash replays alone.
#pragma once

#include "api/api.h"
#include "api/dashboard_sessions.h"
#include "store/case_store.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace reviewd::fuzz {

// Inputs name secrets instead of guessing them (use_secrets in api_request_fuzz.cc):
// tokens admin, manager, integration, iro (I1), iro2 (I2) and revoked (an admin's, revoked), as
// "Authorization: Bearer admin" or {"token": "manager"}; I1's calendar feed as "?token=feed"; and
// the dashboard session last signed in on this input as the cookie value SESSION.
class api_world {
public:
    api_world();

    // A fresh copy of the template database with a store, dashboard sessions and the API.
    struct session {
        std::unique_ptr<store::case_store> store;
        api::metrics stats;
        std::unique_ptr<api::dashboard_sessions> dashboard;
        std::unique_ptr<api::api> service;
        std::string last_session_id; // from the last Set-Cookie, for "SESSION"
    };
    std::unique_ptr<session> open();

    // The real token for a name above, or nullptr.
    const std::string* token(const std::string& name) const;
    const std::string& feed_secret() const { return feed_secret_; }

    const std::filesystem::path& database() const { return work_; }
    store::rule_context rules() const;

private:
    test::temp_dir dir_;
    std::filesystem::path template_;
    std::filesystem::path work_;
    test::manual_clock clock_;
    std::map<std::string, std::string> tokens_;
    std::string feed_secret_;
};

} // namespace reviewd::fuzz
