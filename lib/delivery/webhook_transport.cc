// One signed POST per send() on a pooled libcurl handle; see webhook_transport.h.
#include "delivery/webhook_transport.h"

#include "delivery/config_error.h"
#include "delivery/mime.h"
#include "delivery/reply_classification.h"
#include "delivery/retry_after.h"
#include "delivery/url_parts.h"
#include "delivery/webhook_signature.h"

namespace reviewd::delivery {
namespace {

std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
    return size * count;
}

void check_config(const webhook_config& c) {
    const std::string key = "webhooks." + (c.name.empty() ? std::string("?") : c.name) + ".";
    if (c.name.empty())
        throw config_error(key + "name", "a webhook needs a name");
    const auto url = split_url(c.url);
    if (!url || (url->scheme != "http" && url->scheme != "https"))
        throw config_error(key + "url", "\"" + c.url + "\" is not an http:// or https:// URL");
    if (auto k = webhook_key(c.secret); !k)
        throw config_error(key + "secret", k.err().message);
    if (c.max_connections < 1 || c.max_connections > 100)
        throw config_error(key + "max_connections", "must be between 1 and 100");
    if (c.timeout.count() <= 0 || c.connect_timeout.count() <= 0)
        throw config_error(key + "timeout_ms", "timeouts must be positive");
}

} // namespace

webhook_transport::webhook_transport(webhook_config config, const core::clock& clock)
    : config_((check_config(config), std::move(config))), clock_(clock),
      pool_(config_.max_connections) {}

send_result webhook_transport::send(const message& m) {
    using o = send_result::outcome;
    if (m.via != channel::webhook)
        return {o::permanent, "webhook transport was given a non-webhook message", std::nullopt};
    if (!m.recipient.empty() && m.recipient != config_.name)
        return {o::permanent,
                "webhook \"" + config_.name + "\" was given a message for \"" +
                    m.recipient.substr(0, 80) + "\"",
                std::nullopt};
    if (!is_safe_event_id(m.event_id))
        return {o::permanent, "event id cannot be used as a webhook-id", std::nullopt};

    const core::instant now = clock_.now();
    const std::int64_t timestamp =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    auto signature = sign_webhook(config_.secret, m.event_id, timestamp, m.json_body);
    if (!signature) // cannot happen: the secret was checked at construction
        return {o::retry, core::describe(signature.err()), std::nullopt};

    auto lease = pool_.acquire();
    CURL* h = lease.get();
    if (!h)
        return {o::retry, "http: libcurl could not make a handle", std::nullopt};

    curl_slist* headers = nullptr;
    for (const std::string& line :
         {std::string("Content-Type: application/json"), "webhook-id: " + m.event_id,
          "webhook-timestamp: " + std::to_string(timestamp),
          "webhook-signature: " + signature.value(), std::string("User-Agent: reviewd"),
          std::string("Expect:")})
        headers = curl_slist_append(headers, line.c_str());
    char error[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, m.json_body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m.json_body.size()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(config_.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    if (!config_.ca_file.empty())
        curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());

    const CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(headers);
    http_exchange x;
    x.transfer_ok = rc == CURLE_OK;
    if (x.transfer_ok) {
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &x.status);
        curl_header* retry_after = nullptr;
        if (curl_easy_header(h, "Retry-After", 0, CURLH_HEADER, -1, &retry_after) == CURLHE_OK)
            x.retry_after = parse_retry_after(retry_after->value, now);
    } else {
        x.transport_error = (error[0] ? std::string(error) : curl_easy_strerror(rc)) + " [curl " +
                            std::to_string(static_cast<int>(rc)) + "]";
    }
    return classify_http(x);
}

} // namespace reviewd::delivery
