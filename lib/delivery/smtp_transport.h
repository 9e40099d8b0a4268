// Email over SMTP with libcurl: STARTTLS (or implicit TLS with smtps://) required by default,
// password or OAuth 2.0 XOAUTH2 authentication, and a small pool of connections reused across
// messages (at most max_connections at once; further senders wait their turn).
//
// Safety rules, checked when the transport is built (config_error naming the key):
//   - TLS is on (CURLUSESSL_ALL: a server that offers no STARTTLS gets nothing, never plain
//     text) unless require_tls = false AND allow_plain_on_loopback = true AND the host is
//     127.0.0.0/8, ::1 or localhost;
//   - verify_peer = false is accepted only for a loopback host; use ca_file for a private CA;
//   - an http:// token_url follows the same rule as plain SMTP.
// Outcomes: see reply_classification.h. The detail carries the SMTP code and text
// ("smtp 451 4.3.0 try again later"). A refused XOAUTH2 login drops the cached token.
#pragma once

#include "core/clock.h"
#include "delivery/curl_pool.h"
#include "delivery/oauth_token_source.h"
#include "delivery/transport.h"

#include <chrono>
#include <memory>
#include <string>
#include <variant>

namespace reviewd::delivery {

struct smtp_no_auth {};
struct smtp_password_auth {
    std::string username;
    std::string password;
};
using smtp_oauth2_auth = oauth2_settings;

struct smtp_config {
    std::string url;  // "smtp://127.0.0.1:2525", "smtp://smtp.office365.com:587", "smtps://..."
    std::string from; // "IRO reminders <iro-reminders@council.gov.uk>"
    bool require_tls = true;
    bool allow_plain_on_loopback = false;
    std::string ca_file; // PEM bundle to trust instead of the system's; empty: system store
    bool verify_peer = true;
    std::variant<smtp_no_auth, smtp_password_auth, smtp_oauth2_auth> auth;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds timeout{60'000}; // one whole message, connection included
    int max_connections = 3;
};

class smtp_transport final : public transport {
public:
    // Throws config_error (key "smtp.<field>") when the configuration is unusable or unsafe.
    smtp_transport(smtp_config config, const core::clock& clock);
    ~smtp_transport() override;

    send_result send(const message& m) override;

private:
    const smtp_config config_;
    const core::clock& clock_;
    std::string from_address_; // bare address for MAIL FROM
    std::unique_ptr<oauth_token_source> oauth_;
    curl_pool pool_;
};

} // namespace reviewd::delivery
