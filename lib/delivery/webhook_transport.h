// Webhooks over HTTP(S) with libcurl, signed per Standard Webhooks: POST of the message's JSON
// with headers webhook-id (the stable event id, for deduplication), webhook-timestamp (unix
// seconds from the injected clock) and webhook-signature. Connections are kept alive in a small
// pool of easy handles. Redirects are never followed: a 3xx is a permanent failure, because a
// signed reminder must not wander to another host. Outcomes: see reply_classification.h.
//
// One transport per configured endpoint; a message's recipient names the endpoint, and a
// message for another name is refused (permanent) so a routing slip cannot leak a payload.
#pragma once

#include "core/clock.h"
#include "delivery/curl_pool.h"
#include "delivery/transport.h"

#include <chrono>
#include <string>

namespace reviewd::delivery {

struct webhook_config {
    std::string name;   // what message::recipient says for this endpoint
    std::string url;    // http:// or https://
    std::string secret; // "whsec_<base64>"
    std::chrono::milliseconds timeout{10'000};
    std::chrono::milliseconds connect_timeout{5'000};
    int max_connections = 2;
    std::string ca_file; // PEM bundle to trust instead of the system's; empty: system store
};

class webhook_transport final : public transport {
public:
    // Throws config_error (key "webhooks.<name>.<field>") for a bad URL or secret.
    webhook_transport(webhook_config config, const core::clock& clock);

    send_result send(const message& m) override;

private:
    const webhook_config config_;
    const core::clock& clock_;
    curl_pool pool_;
};

} // namespace reviewd::delivery
