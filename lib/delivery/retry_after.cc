// Retry-After parsing; HTTP-dates in all three RFC 9110 forms via curl_getdate. See
// retry_after.h.
#include "delivery/retry_after.h"

#include <curl/curl.h>

#include <string>

namespace reviewd::delivery {

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, core::instant now) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
    if (value.empty())
        return std::nullopt;

    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        if (value.size() > 9) // more than 30 years: treat as nonsense
            return std::nullopt;
        return std::chrono::seconds(std::stoll(std::string(value)));
    }
    const std::string text(value);
    const time_t when = curl_getdate(text.c_str(), nullptr);
    if (when == -1)
        return std::nullopt;
    const auto at = std::chrono::system_clock::from_time_t(when);
    if (at <= now)
        return std::chrono::seconds::zero();
    return std::chrono::ceil<std::chrono::seconds>(at - now);
}

} // namespace reviewd::delivery
