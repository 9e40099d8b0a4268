// Webhooks over HTTP(S), signed per Standard Webhooks: POST of the message's JSON with headers
// webhook-id (the stable event id, for deduplication), webhook-timestamp (unix seconds from the
// injected clock) and webhook-signature. Up to max_connections requests are in flight at once on
// kept-alive connections, the way a load generator does, so a batch is not paced by one round
// trip after another. https:// URLs (and any with credentials) go through one libcurl multi
// handle; plain http:// through plain_http_client, which costs a third of libcurl's CPU a request
// and lets delivery keep up with the store on two cores (see plain_http_client.h).
// Redirects are never followed: a 3xx is a permanent failure, because a
// signed reminder must not wander to another host. Outcomes: see reply_classification.h.
//
// One transport per configured endpoint; a message's recipient names the endpoint, and a
// message for another name is refused (permanent) so a routing slip cannot leak a payload.
#pragma once

#include "core/clock.h"
#include "delivery/transport.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace reviewd::delivery {

class plain_http_client;

struct webhook_config {
    std::string name;   // what message::recipient says for this endpoint
    std::string url;    // http:// or https://
    std::string secret; // "whsec_<base64>"
    std::chrono::milliseconds timeout{10'000};
    std::chrono::milliseconds connect_timeout{5'000};
    int max_connections = 4; // requests in flight at once, each on its own kept-alive connection
    std::string ca_file;     // PEM bundle to trust instead of the system's; empty: system store
};

class webhook_transport final : public transport {
public:
    // Throws config_error (key "webhooks.<name>.<field>") for a bad URL or secret.
    webhook_transport(webhook_config config, const core::clock& clock);
    ~webhook_transport() override;

    send_result send(const message& m) override;
    // Up to max_connections requests in flight at once. Callers on other threads wait their
    // turn: the connection cap holds for the transport as a whole.
    std::vector<send_result> send_all(std::span<const message> messages) override;

private:
    struct session; // the multi handle, its easy handles and their connections
    std::vector<send_result>
    send_plain(std::span<const message> messages, std::int64_t timestamp,
               const std::function<std::optional<send_result>(const message&)>& refusal);

    const webhook_config config_;
    const core::clock& clock_;
    std::mutex session_mutex_;
    std::unique_ptr<session> session_;         // libcurl: https://, or credentials in the URL
    std::unique_ptr<plain_http_client> plain_; // plain http:// (exactly one of the two is set)
};

} // namespace reviewd::delivery
