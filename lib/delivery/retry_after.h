// The HTTP Retry-After header (RFC 9110 section 10.2.3): either a number of seconds or an
// HTTP-date. Pure: `now` turns a date into a delay. A date in the past means "now" (0 s).
#pragma once

#include "core/clock.h"

#include <chrono>
#include <optional>
#include <string_view>

namespace reviewd::delivery {

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, core::instant now);

} // namespace reviewd::delivery
