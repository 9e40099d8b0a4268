// A running daemon with staff, tokens for every role and a small caseload, for the API's
// end-to-end tests, plus short ways to call it as one role or another.
#pragma once

#include "support/daemon_process.h"
#include "support/http_client.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

namespace reviewd::test {

struct api_fixture {
    daemon_process daemon;
    std::map<std::string, std::string>
        tokens; // by role: admin, manager, integration, iro (I1), iro2 (I2)
    std::unique_ptr<http_client> client;

    explicit api_fixture(const std::string& extra_api = {});

    http_reply call(const std::string& role, const std::string& method, const std::string& target,
                    const std::string& body = {});
    nlohmann::json json_of(const http_reply& reply) const;

    // The case JSON for child `ref` starting on `start`, one placement.
    static std::string case_json(const std::string& ref, const std::string& start = "2026-03-20");
};

} // namespace reviewd::test
