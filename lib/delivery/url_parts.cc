// URL splitting with CURLU and the loopback test; see url_parts.h.
#include "delivery/url_parts.h"

#include "delivery/curl_pool.h"

#include <curl/curl.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace reviewd::delivery {
namespace {

std::optional<std::string> part(CURLU* u, CURLUPart which) {
    char* value = nullptr;
    if (curl_url_get(u, which, &value, 0) != CURLUE_OK || !value)
        return std::nullopt;
    std::string out(value);
    curl_free(value);
    return out;
}

} // namespace

std::optional<url_parts> split_url(std::string_view url) {
    ensure_curl_initialised();
    CURLU* u = curl_url();
    if (!u)
        return std::nullopt;
    const std::string text(url);
    std::optional<url_parts> out;
    // No default scheme: "mail.example" without "smtp://" is a mistake worth reporting.
    if (curl_url_set(u, CURLUPART_URL, text.c_str(), 0) == CURLUE_OK) {
        auto scheme = part(u, CURLUPART_SCHEME);
        auto host = part(u, CURLUPART_HOST);
        if (scheme && host && !host->empty()) {
            std::transform(scheme->begin(), scheme->end(), scheme->begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (host->size() >= 2 && host->front() == '[' && host->back() == ']')
                *host = host->substr(1, host->size() - 2);
            out = url_parts{*scheme, *host};
        }
    }
    curl_url_cleanup(u);
    return out;
}

bool is_loopback_host(std::string_view host) {
    std::string text(host);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (text == "localhost")
        return true;
    in_addr v4{};
    if (inet_pton(AF_INET, text.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, text.c_str(), &v6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

} // namespace reviewd::delivery
