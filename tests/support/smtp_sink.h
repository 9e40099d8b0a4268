// The SMTP sink (tests/support/smtp_sink.py, aiosmtpd) as a C++ fixture: starts it on a free
// loopback port with its own mail folder and stats file, optionally with STARTTLS (a fresh
// self-signed certificate), XOAUTH2 or scripted refusals, and reads back what it received.
#pragma once

#include "support/python_server.h"
#include "support/temp_dir.h"
#include "support/tls_certificate.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace reviewd::test {

struct smtp_sink_options {
    bool starttls = false;                   // offer STARTTLS and refuse mail without it
    std::vector<std::string> xoauth2_tokens; // require AUTH XOAUTH2 with one of these bearers
    bool xoauth2_any = false;                // require AUTH XOAUTH2 with any bearer
    int reject_code = 0;                     // answer RCPT (or DATA) with this code
    bool reject_at_data = false;
    std::uint16_t port = 0; // 0: any free port; else this one (to bring a sink back where it was)

    // Chainable setters: smtp_sink_options().with_starttls().reject(451)
    smtp_sink_options& with_starttls() {
        starttls = true;
        return *this;
    }
    smtp_sink_options& with_xoauth2(std::vector<std::string> tokens) {
        xoauth2_tokens = std::move(tokens);
        return *this;
    }
    smtp_sink_options& with_any_xoauth2() {
        xoauth2_any = true;
        return *this;
    }
    smtp_sink_options& on_port(std::uint16_t fixed) {
        port = fixed;
        return *this;
    }
    smtp_sink_options& reject(int code, bool at_data = false) {
        reject_code = code;
        reject_at_data = at_data;
        return *this;
    }
};

class smtp_sink {
public:
    explicit smtp_sink(smtp_sink_options options = {});

    std::uint16_t port() const { return server_->port(); }
    std::string url() const; // "smtp://127.0.0.1:<port>"
    // The certificate the sink presents (only with starttls).
    std::filesystem::path cert_file() const;

    // {"connections", "messages", "rejected", "auth": [...], "deliveries": [...]}
    nlohmann::json stats() const;
    int messages_received() const { return stats().value("messages", 0); }
    // The raw text of the n-th accepted message (1-based), as received after DATA.
    std::string message_text(int n) const;
    std::string log() const { return server_->log(); }
    void stop() { server_->stop(); }

private:
    temp_dir dir_;
    std::unique_ptr<tls_certificate> cert_;
    std::unique_ptr<python_server> server_;
};

} // namespace reviewd::test
