// Token bucket arithmetic; see rate_limiter.h.
#include "delivery/rate_limiter.h"

#include <algorithm>
#include <stdexcept>

namespace reviewd::delivery {
namespace {
constexpr double epsilon = 1e-9; // absorbs floating-point error in earned tokens
} // namespace

rate_limiter::rate_limiter(int rate, std::chrono::seconds period, core::instant start, int burst)
    : capacity_(burst > 0 ? burst : rate), tokens_(capacity_), last_(start) {
    if (rate < 1 || period <= std::chrono::seconds::zero() || burst < 0)
        throw std::invalid_argument("rate limiter needs rate >= 1, period > 0 and burst >= 0");
    per_token_ = std::chrono::duration<double>(period) / rate;
}

void rate_limiter::refill(core::instant now) {
    if (now <= last_)
        return; // the clock stepped back (or stood still): no new tokens
    const double earned = std::chrono::duration<double>(now - last_) / per_token_;
    tokens_ = std::min(capacity_, tokens_ + earned);
    last_ = now;
}

bool rate_limiter::try_take(core::instant now) {
    refill(now);
    if (tokens_ + epsilon < 1.0)
        return false;
    tokens_ = std::max(0.0, tokens_ - 1.0);
    return true;
}

core::instant rate_limiter::next_free(core::instant now) {
    refill(now);
    if (tokens_ + epsilon >= 1.0)
        return now;
    const auto wait = per_token_ * (1.0 - tokens_);
    const core::instant base = std::max(now, last_);
    // Round up so that try_take(next_free(now)) succeeds despite floating-point error.
    return base + std::chrono::ceil<core::instant::duration>(wait) + core::instant::duration(1);
}

} // namespace reviewd::delivery
