// OAuth 2.0 access tokens by the client-credentials grant (RFC 6749 section 4.4), for SMTP
// XOAUTH2 against Microsoft 365 (scope "https://outlook.office365.com/.default").
//
// token() returns the cached token while it is fresh and fetches a new one otherwise: a token
// with expires_in E seconds is refreshed from E - 300 s after it was fetched (from E / 2 when E is
// under 10 minutes; never cached when the endpoint gives no expires_in). The time comes from the
// injected clock. invalidate() drops the cache, e.g. after the mail server refused the token.
// Failures are values naming the endpoint's answer (never the client secret). Thread-safe: one
// fetch at a time, other callers wait for it and share its token.
#pragma once

#include "core/clock.h"
#include "core/result.h"

#include <chrono>
#include <mutex>
#include <string>

namespace reviewd::delivery {

struct oauth2_settings {
    std::string token_url; // https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token
    std::string client_id;
    std::string client_secret;
    std::string scope;
    std::string username; // the mailbox to send as (SMTP AUTH user), not used for the token
};

class oauth_token_source {
public:
    // ca_file and verify_peer apply to the token endpoint's TLS as for the mail server.
    oauth_token_source(oauth2_settings settings, const core::clock& clock,
                       std::chrono::milliseconds timeout, std::string ca_file = {},
                       bool verify_peer = true);

    core::result<std::string> token();
    void invalidate();

private:
    core::result<std::string> fetch(core::instant now);

    const oauth2_settings settings_;
    const core::clock& clock_;
    const std::chrono::milliseconds timeout_;
    const std::string ca_file_;
    const bool verify_peer_;

    std::mutex mutex_;
    std::string token_;
    core::instant refresh_at_{};
};

// Parses a token endpoint's JSON reply: {"access_token": "...", "expires_in": 3599, ...}.
// Returns the token and expires_in (0 when absent); error "oauth_reply" otherwise.
struct oauth_token_reply {
    std::string access_token;
    std::int64_t expires_in = 0;
};
core::result<oauth_token_reply> parse_token_reply(const std::string& body);

} // namespace reviewd::delivery
