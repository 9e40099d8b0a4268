// The webhook receiver (tests/support/webhook_receiver.py) as a C++ fixture: an HTTP/1.1 server
// on a free loopback port that verifies Standard Webhooks signatures, answers from a script of
// status codes, issues OAuth tokens at /oauth/token, and reports what it saw at /stats.
#pragma once

#include "support/python_server.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace reviewd::test {

class webhook_receiver {
public:
    // Extra arguments for the script, e.g. {"--secret", "whsec_...", "--script", "500,200"}.
    explicit webhook_receiver(std::vector<std::string> args = {});

    std::uint16_t port() const { return server_->port(); }
    std::string url(const std::string& path = "/hooks/reviewd") const;

    // {"connections", "requests": [...], "token_requests": [...]} via GET /stats (on its own
    // connection, which the receiver counts too: use the requests' "connection" ids for reuse).
    nlohmann::json stats() const;
    // {"connections", "requests", "unverified", "webhook_ids": [...]} via GET /summary: the
    // deliveries without their bodies, cheap enough to poll in long runs.
    nlohmann::json summary() const;
    std::string log() const { return server_->log(); }

private:
    std::unique_ptr<python_server> server_;
};

} // namespace reviewd::test
