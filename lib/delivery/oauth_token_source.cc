// Client-credentials token fetching and caching with libcurl; see oauth_token_source.h.
#include "delivery/oauth_token_source.h"

#include "delivery/curl_pool.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace reviewd::delivery {
namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
    auto* body = static_cast<std::string*>(out);
    if (body->size() < 64 * 1024)
        body->append(data, size * count);
    return size * count;
}

std::string form_value(CURL* h, const std::string& value) {
    char* escaped = curl_easy_escape(h, value.c_str(), static_cast<int>(value.size()));
    std::string out = escaped ? escaped : "";
    curl_free(escaped);
    return out;
}

// The endpoint's own error words ({"error": "invalid_client", ...}), if it sent any.
std::string error_words(const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_object() && json.contains("error") && json["error"].is_string())
        return " " + json["error"].get<std::string>();
    return {};
}

} // namespace

core::result<oauth_token_reply> parse_token_reply(const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object())
        return core::make_error("oauth_reply", "the token endpoint's reply is not a JSON object");
    oauth_token_reply reply;
    const auto token = json.find("access_token");
    if (token == json.end() || !token->is_string() || token->get<std::string>().empty())
        return core::make_error("oauth_reply", "the token endpoint's reply has no access_token");
    reply.access_token = token->get<std::string>();
    if (const auto e = json.find("expires_in"); e != json.end()) {
        if (e->is_number_integer())
            reply.expires_in = e->get<std::int64_t>();
        else if (e->is_string()) // older Azure AD endpoints sent a string
            reply.expires_in = std::atoll(e->get<std::string>().c_str());
    }
    if (reply.expires_in < 0)
        reply.expires_in = 0;
    return reply;
}

oauth_token_source::oauth_token_source(oauth2_settings settings, const core::clock& clock,
                                       std::chrono::milliseconds timeout, std::string ca_file,
                                       bool verify_peer)
    : settings_(std::move(settings)), clock_(clock), timeout_(timeout),
      ca_file_(std::move(ca_file)), verify_peer_(verify_peer) {
    ensure_curl_initialised();
}

core::result<std::string> oauth_token_source::token() {
    std::lock_guard lock(mutex_);
    const core::instant now = clock_.now();
    if (!token_.empty() && now < refresh_at_)
        return token_;
    return fetch(now);
}

void oauth_token_source::invalidate() {
    std::lock_guard lock(mutex_);
    token_.clear();
}

core::result<std::string> oauth_token_source::fetch(core::instant now) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), curl_easy_cleanup);
    if (!h)
        return core::make_error("oauth_unavailable", "oauth: libcurl could not make a handle");
    const std::string form =
        "grant_type=client_credentials&client_id=" + form_value(h.get(), settings_.client_id) +
        "&client_secret=" + form_value(h.get(), settings_.client_secret) +
        "&scope=" + form_value(h.get(), settings_.scope);
    std::string body;
    char error[CURL_ERROR_SIZE] = {};
    curl_slist* headers =
        curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded");
    headers = curl_slist_append(headers, "Accept: application/json");
    CURL* c = h.get();
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_URL, settings_.token_url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(form.size()));
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    if (!ca_file_.empty())
        curl_easy_setopt(c, CURLOPT_CAINFO, ca_file_.c_str());
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, verify_peer_ ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, verify_peer_ ? 2L : 0L);
    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);

    if (rc != CURLE_OK)
        return core::make_error("oauth_unavailable",
                                std::string("oauth token endpoint unreachable: ") +
                                    (error[0] ? error : curl_easy_strerror(rc)));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200)
        return core::make_error("oauth_refused", "oauth token endpoint answered http " +
                                                     std::to_string(status) + error_words(body));
    auto reply = parse_token_reply(body);
    if (!reply)
        return reply.err();
    const std::int64_t life = reply.value().expires_in;
    token_ = reply.value().access_token;
    refresh_at_ = now + std::chrono::seconds(life > 600 ? life - 300 : life / 2);
    return token_;
}

} // namespace reviewd::delivery
