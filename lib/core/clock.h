// The one way code learns the time. Pure modules never ask; they are handed `now` or `today`.
// The daemon owns a system_clock_source; tests drive a manual clock (tests/support).
#pragma once

#include "core/dates.h"

#include <chrono>
#include <string>

namespace reviewd::core {

using instant = std::chrono::system_clock::time_point;

class clock {
public:
    virtual ~clock() = default;
    virtual instant now() const = 0;
};

class system_clock_source final : public clock {
public:
    instant now() const override { return std::chrono::system_clock::now(); }
};

// The civil date at `at` in the named IANA time zone ("Europe/London").
// Throws std::runtime_error when the zone is unknown: a configuration error.
day local_date(instant at, const std::string& time_zone);

} // namespace reviewd::core
