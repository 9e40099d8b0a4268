// The scheme and host of a configured URL, parsed by libcurl's own URL parser (so we judge the
// URL exactly as libcurl will use it), and the loopback test that decides whether plain text is
// tolerable: only 127.0.0.0/8, ::1 and "localhost" count.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reviewd::delivery {

struct url_parts {
    std::string scheme; // lower case: "smtp", "https"
    std::string host;   // as written, IPv6 without brackets: "127.0.0.1", "::1", "mail.example"
};

std::optional<url_parts> split_url(std::string_view url);

bool is_loopback_host(std::string_view host);

} // namespace reviewd::delivery
