// A clock that reads "now" from a file holding an ISO 8601 UTC instant ("2026-07-16T07:00:00Z"):
// how end-to-end tests drive the real daemon's time without sleeping. Enabled only by the
// [testing] clock_file configuration key; a council never sets it.
#pragma once

#include "core/clock.h"

#include <filesystem>

namespace reviewd::core {

class file_clock final : public clock {
public:
    explicit file_clock(std::filesystem::path file) : file_(std::move(file)) {}
    // Throws std::runtime_error naming the file when it cannot be read or parsed.
    instant now() const override;

private:
    std::filesystem::path file_;
};

} // namespace reviewd::core
