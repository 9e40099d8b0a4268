// Signed POSTs through one libcurl multi handle, several in flight; see webhook_transport.h.
#include "delivery/webhook_transport.h"

#include "delivery/config_error.h"
#include "delivery/curl_pool.h"
#include "delivery/mime.h"
#include "delivery/plain_http_client.h"
#include "delivery/reply_classification.h"
#include "delivery/retry_after.h"
#include "delivery/url_parts.h"
#include "delivery/webhook_signature.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

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

// One request slot: an easy handle (reused, so its options are reset each time) and what must
// outlive the transfer: the header list and libcurl's error buffer.
struct slot {
    CURL* handle = nullptr;
    curl_slist* headers = nullptr;
    std::array<char, CURL_ERROR_SIZE> error{};
    std::size_t index = 0; // which message of the batch it carries
};

struct webhook_transport::session {
    CURLM* multi = nullptr;
    std::vector<slot> slots;

    explicit session(int connections) : slots(static_cast<std::size_t>(connections)) {
        ensure_curl_initialised();
        multi = curl_multi_init();
        if (!multi)
            throw std::runtime_error("libcurl could not make a multi handle");
        // The multi handle owns the connection cache: kept-alive connections survive from one
        // batch to the next, and never more than `connections` are open to the endpoint.
        curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(connections));
        curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(connections));
    }
    ~session() {
        for (slot& s : slots) {
            if (s.handle) {
                curl_multi_remove_handle(multi, s.handle);
                curl_easy_cleanup(s.handle);
            }
            curl_slist_free_all(s.headers);
        }
        curl_multi_cleanup(multi);
    }
    session(const session&) = delete;
    session& operator=(const session&) = delete;
};

webhook_transport::webhook_transport(webhook_config config, const core::clock& clock)
    : config_((check_config(config), std::move(config))), clock_(clock) {
    // One path per endpoint: plain http:// through plain_http_client, the rest through libcurl.
    if (auto endpoint = plain_http_endpoint_of(config_.url))
        plain_ = std::make_unique<plain_http_client>(std::move(*endpoint), config_.max_connections,
                                                     config_.connect_timeout, config_.timeout);
    else
        session_ = std::make_unique<session>(config_.max_connections);
}

webhook_transport::~webhook_transport() = default;

send_result webhook_transport::send(const message& m) {
    return send_all(std::span<const message>(&m, 1)).front();
}

std::vector<send_result> webhook_transport::send_all(std::span<const message> messages) {
    using o = send_result::outcome;
    std::vector<send_result> results(messages.size());
    const core::instant now = clock_.now();
    const std::int64_t timestamp =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();

    // A refusal that needs no request: the wrong channel or endpoint, an unusable event id.
    const auto refusal = [&](const message& m) -> std::optional<send_result> {
        if (m.via != channel::webhook)
            return send_result{o::permanent, "webhook transport was given a non-webhook message",
                               std::nullopt};
        if (!m.recipient.empty() && m.recipient != config_.name)
            return send_result{o::permanent,
                               "webhook \"" + config_.name + "\" was given a message for \"" +
                                   m.recipient.substr(0, 80) + "\"",
                               std::nullopt};
        if (!is_safe_event_id(m.event_id))
            return send_result{o::permanent, "event id cannot be used as a webhook-id",
                               std::nullopt};
        return std::nullopt;
    };

    std::lock_guard lock(session_mutex_);
    if (plain_)
        return send_plain(messages, timestamp, refusal);
    session& s = *session_;
    std::vector<slot*> idle;
    for (slot& sl : s.slots)
        idle.push_back(&sl);

    const std::string timestamp_text = std::to_string(timestamp);
    // A slot's handle, made on its first request with the options every request shares.
    const auto configured_handle = [&](slot& sl) -> CURL* {
        CURL* h = curl_easy_init();
        if (!h)
            return nullptr;
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_PRIVATE, &sl);
        curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(config_.connect_timeout.count()));
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, sl.error.data());
        if (!config_.ca_file.empty())
            curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
        return h;
    };

    // Starts the message at `i` on an idle slot; false when it finished without a request.
    const auto start = [&](std::size_t i) -> bool {
        const message& m = messages[i];
        if (auto refused = refusal(m)) {
            results[i] = std::move(*refused);
            return false;
        }
        auto signature = sign_webhook(config_.secret, m.event_id, timestamp, m.json_body);
        if (!signature) { // cannot happen: the secret was checked at construction
            results[i] = {o::retry, core::describe(signature.err()), std::nullopt};
            return false;
        }
        slot& sl = *idle.back();
        if (!sl.handle && !(sl.handle = configured_handle(sl))) {
            results[i] = {o::retry, "http: libcurl could not make a handle", std::nullopt};
            return false;
        }
        idle.pop_back();
        sl.index = i;
        sl.error[0] = '\0';
        // Only what differs from one message to the next is set per request: the handle keeps
        // the rest (and libcurl its connection) from the slot's first request on.
        curl_slist_free_all(sl.headers);
        sl.headers = nullptr;
        const auto add_header = [&](std::string_view name, std::string_view value) {
            std::string line;
            line.reserve(name.size() + value.size() + 2);
            line.append(name).append(": ").append(value);
            sl.headers = curl_slist_append(sl.headers, line.c_str());
        };
        add_header("webhook-id", m.event_id);
        add_header("webhook-timestamp", timestamp_text);
        add_header("webhook-signature", signature.value());
        for (const char* fixed :
             {"Content-Type: application/json", "User-Agent: reviewd", "Expect:"})
            sl.headers = curl_slist_append(sl.headers, fixed);
        CURL* h = sl.handle;
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, sl.headers);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, m.json_body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(m.json_body.size()));
        if (curl_multi_add_handle(s.multi, h) != CURLM_OK) {
            idle.push_back(&sl);
            results[i] = {o::retry, "http: libcurl could not start the request", std::nullopt};
            return false;
        }
        return true;
    };

    const auto finish = [&](slot& sl, CURLcode rc) {
        http_exchange x;
        x.transfer_ok = rc == CURLE_OK;
        if (x.transfer_ok) {
            curl_easy_getinfo(sl.handle, CURLINFO_RESPONSE_CODE, &x.status);
            curl_header* retry_after = nullptr;
            if (curl_easy_header(sl.handle, "Retry-After", 0, CURLH_HEADER, -1, &retry_after) ==
                CURLHE_OK)
                x.retry_after = parse_retry_after(retry_after->value, clock_.now());
        } else {
            x.transport_error =
                (sl.error[0] ? std::string(sl.error.data()) : curl_easy_strerror(rc)) + " [curl " +
                std::to_string(static_cast<int>(rc)) + "]";
        }
        results[sl.index] = classify_http(x);
        curl_multi_remove_handle(s.multi, sl.handle); // its connection stays in the cache
        idle.push_back(&sl);
    };

    std::size_t next = 0;
    int in_flight = 0;
    const auto fill = [&] {
        while (next < messages.size() && !idle.empty())
            in_flight += start(next++) ? 1 : 0;
    };
    fill();
    while (in_flight > 0) {
        int running = 0;
        if (curl_multi_perform(s.multi, &running) != CURLM_OK)
            break;
        int queued = 0;
        while (CURLMsg* done = curl_multi_info_read(s.multi, &queued)) {
            if (done->msg != CURLMSG_DONE)
                continue;
            slot* sl = nullptr;
            curl_easy_getinfo(done->easy_handle, CURLINFO_PRIVATE, &sl);
            finish(*sl, done->data.result);
            --in_flight;
        }
        fill();
        if (in_flight > 0)
            curl_multi_poll(s.multi, nullptr, 0, 1000, nullptr);
    }
    // Only a broken multi handle leaves requests here: each is reported as a retry.
    for (slot& sl : s.slots) {
        if (std::find(idle.begin(), idle.end(), &sl) == idle.end()) {
            curl_multi_remove_handle(s.multi, sl.handle);
            results[sl.index] = {o::retry, "http: libcurl multi handle failed", std::nullopt};
            idle.push_back(&sl);
        }
    }
    for (std::size_t i = next; i < messages.size(); ++i)
        results[i] = {o::retry, "http: libcurl multi handle failed", std::nullopt};
    return results;
}

std::vector<send_result> webhook_transport::send_plain(
    std::span<const message> messages, std::int64_t timestamp,
    const std::function<std::optional<send_result>(const message&)>& refusal) {
    std::vector<send_result> results(messages.size());
    std::vector<std::string> requests;
    std::vector<std::size_t> request_of; // which message each request carries
    requests.reserve(messages.size());
    const plain_http_endpoint& e = plain_->endpoint();
    const std::string timestamp_text = std::to_string(timestamp);
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const message& m = messages[i];
        if (auto refused = refusal(m)) {
            results[i] = std::move(*refused);
            continue;
        }
        auto signature = sign_webhook(config_.secret, m.event_id, timestamp, m.json_body);
        if (!signature) { // cannot happen: the secret was checked at construction
            results[i] = {send_result::outcome::retry, core::describe(signature.err()),
                          std::nullopt};
            continue;
        }
        std::string& r = requests.emplace_back();
        r.reserve(320 + m.json_body.size());
        r.append("POST ").append(e.target).append(" HTTP/1.1\r\nHost: ").append(e.host_header);
        r.append("\r\nContent-Type: application/json\r\nUser-Agent: reviewd\r\nwebhook-id: ");
        r.append(m.event_id).append("\r\nwebhook-timestamp: ").append(timestamp_text);
        r.append("\r\nwebhook-signature: ").append(signature.value());
        r.append("\r\nContent-Length: ").append(std::to_string(m.json_body.size()));
        r.append("\r\n\r\n").append(m.json_body);
        request_of.push_back(i);
    }
    const std::vector<plain_http_reply> replies = plain_->exchange(requests);
    for (std::size_t k = 0; k < replies.size(); ++k) {
        http_exchange x = replies[k].exchange;
        if (replies[k].retry_after)
            x.retry_after = parse_retry_after(*replies[k].retry_after, clock_.now());
        results[request_of[k]] = classify_http(x);
    }
    return results;
}

} // namespace reviewd::delivery
