// Reminder delivery end to end: the real daemon (daemon_process, via api_fixture) with network
// delivery to a real SMTP sink and webhook receiver on 127.0.0.1, and its time driven by a clock
// file the test rewrites. Helpers read back what the sink and receiver got and what
// `reviewd outbox list` says.
#pragma once

#include "e2e/api_fixture.h"
#include "support/python_server.h"
#include "support/smtp_sink.h"
#include "support/temp_dir.h"
#include "support/webhook_receiver.h"

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

// REQUIRE for a bounded wait on the daemon's work (`stack` a delivery_stack), with the daemon's
// log when it fails. Used inside Catch2 test cases.
#define REQUIRE_SOON(stack, condition)                                                             \
    do {                                                                                           \
        const bool soon_ = (condition);                                                            \
        INFO("daemon log:\n" << (soon_ ? std::string() : (stack).log()));                          \
        REQUIRE(soon_);                                                                            \
    } while (false)

namespace reviewd::test {

// The Standard Webhooks secret the receiver verifies with (domain.md's known answer key).
inline const std::string webhook_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
// How long a wait for another process may take before the test fails (ASan builds are slow).
inline constexpr std::chrono::seconds wait_limit{20};

// "2026-01-26T08:00:30Z" <-> instants.
date::sys_seconds at(const std::string& iso);
std::string iso(date::sys_seconds t);

// The [delivery] part of the daemon's configuration.
struct delivery_options {
    std::string smtp_url;
    // Keys of [delivery.smtp] besides url; the default allows the plain loopback sink.
    std::string smtp_keys = "require_tls = false\nallow_plain_on_loopback = true\n";
    std::string webhook_url;     // empty: no webhook configured
    std::string webhook_keys;    // more keys of the [[delivery.webhook]] table
    std::string delivery_keys;   // more [delivery] keys
    std::string reminder_tables; // more tables under [reminders], e.g. "[reminders.digest]\n..."
};

// One row of `reviewd outbox list`.
struct outbox_entry {
    std::int64_t id = 0;
    std::string state, channel;
    int attempts = 0;
    std::string created, next, sent, event_id, last_error;
};

// One message as the SMTP sink received it.
struct received_mail {
    std::string rcpt;                                  // the envelope recipient
    std::string text;                                  // the raw message
    std::string header(const std::string& name) const; // unfolded value, "" when absent
};

class delivery_stack {
public:
    // Writes the clock file at `start`, then starts the daemon with reminders rechecked every
    // 50 ms, the shipped reminder rules, and `delivery`; people M1, I1, I2, T1 exist (see
    // api_fixture). Dead-message alerts go to alerts@council.example.
    delivery_stack(const std::string& start, const delivery_options& delivery);

    // The test clock: what the daemon reads as "now".
    void set_clock(date::sys_seconds t);
    void set_clock(const std::string& t) { set_clock(at(t)); }
    void advance(std::chrono::seconds by) { set_clock(now_ + by); }
    date::sys_seconds now() const { return now_; }

    // API calls as admin; each throws unless the daemon answers with a 2xx status.
    void add_iro(const std::string& ref, const std::string& manager = "M1");
    void add_child(const std::string& ref, const std::string& start, const std::string& iro);
    void put_child(const std::string& ref, const std::string& start);
    void assign(const std::string& child, const std::string& iro);

    // `reviewd outbox list --limit 1000` plus `args` (e.g. "--dead"), oldest first.
    std::vector<outbox_entry> outbox(const std::vector<std::string>& args = {}) const;
    daemon_process::command_result command(const std::vector<std::string>& args) const {
        return api.daemon.command(args);
    }

    // SIGTERM; throws unless it exits 0 (so under ASan, no leak or error at shutdown either).
    // Each test ends with it; the destructor only kills.
    void stop();
    void kill();    // SIGKILL
    void restart(); // starts the daemon again (a new port) and reconnects the client
    std::string log() const { return api.daemon.log(); }

private:
    temp_dir files_;
    std::filesystem::path clock_file_;
    date::sys_seconds now_;

public:
    api_fixture api;
};

// Everything the sink accepted, in order.
std::vector<received_mail> mails(const smtp_sink& sink);
// The webhook deliveries (POSTs other than /oauth/token) the receiver saw, in order.
std::vector<nlohmann::json> hook_posts(const webhook_receiver& receiver);
// The JSON body of a webhook delivery.
nlohmann::json body_of(const nlohmann::json& post);

// Bounded waits on the sink, the receiver and the outbox.
bool wait_for_mails(const smtp_sink& sink, std::size_t n);
bool wait_for_posts(const webhook_receiver& receiver, std::size_t n);

// A pause for asserting that something does NOT happen: several times the daemon's 50 ms recheck
// and delivery poll, so a message that was going to go would have gone.
void quiet_period();

} // namespace reviewd::test
