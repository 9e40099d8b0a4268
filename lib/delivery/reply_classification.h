// What a finished SMTP or HTTP exchange means for the outbox: sent, retry later, or refused for
// good. Pure, so every row of the tables below is a unit test.
//
//   SMTP (last reply code)            HTTP (status)
//   transfer ok          -> sent      2xx                -> sent
//   4xx                  -> retry     408, 429, 5xx      -> retry (with Retry-After)
//   530/534/535/538 auth -> retry *   3xx (not followed) -> permanent
//   other 5xx            -> permanent other 4xx          -> permanent
//   no reply (network)   -> retry     no reply (network) -> retry
//
// * A refused login is the configuration's fault (an expired secret, a revoked consent), not the
//   message's: it must not kill every queued message, so it retries until fixed or given up.
#pragma once

#include "delivery/message.h"

#include <chrono>
#include <optional>
#include <string>

namespace reviewd::delivery {

struct smtp_exchange {
    bool transfer_ok = false;
    long reply_code = 0;         // the last SMTP reply code, 0 when none came
    std::string reply_text;      // that reply's text ("5.7.1 relaying denied"), may be empty
    std::string transport_error; // libcurl's message when the transfer failed
};

struct http_exchange {
    bool transfer_ok = false; // false: no HTTP reply at all (refused, reset, timed out)
    long status = 0;
    std::optional<std::chrono::seconds> retry_after;
    std::string transport_error;
};

send_result classify_smtp(const smtp_exchange& x);
send_result classify_http(const http_exchange& x);

// True for the SMTP codes that mean authentication failed or is required.
bool is_smtp_auth_failure(long reply_code);

} // namespace reviewd::delivery
