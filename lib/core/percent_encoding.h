// Percent-encoding (RFC 3986): everything but the unreserved characters [A-Za-z0-9-._~] as %XX,
// for a value that must sit in a URL path segment or an identifier (calendar UIDs, feed URLs).
#pragma once

#include <string>
#include <string_view>

namespace reviewd::core {

std::string percent_encoded(std::string_view text);

} // namespace reviewd::core
