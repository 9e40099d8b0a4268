// Exponential backoff with jitter and a bounded total; see retry_policy.h.
#include "delivery/retry_policy.h"

#include <algorithm>
#include <cmath>

namespace reviewd::delivery {

std::optional<core::instant>
retry_policy::next_attempt(int attempts_so_far, core::instant first_attempt_at, core::instant now,
                           std::optional<std::chrono::seconds> retry_after, double random01) const {
    using seconds_d = std::chrono::duration<double>;
    const core::instant give_up_at = first_attempt_at + give_up_after;
    if (now >= give_up_at)
        return std::nullopt;

    const int exponent = std::clamp(attempts_so_far - 1, 0, 62);
    const double raw = std::min(static_cast<double>(cap.count()),
                                static_cast<double>(base.count()) * std::ldexp(1.0, exponent));
    const double r = std::clamp(random01, 0.0, 1.0);
    const double factor = 1.0 + std::clamp(jitter, 0.0, 1.0) * (2.0 * r - 1.0);
    const double delay = std::max(1.0, raw * factor);

    // Whole milliseconds: floating-point dust must not make 96 s into 95.999999999 s.
    core::instant next = now + std::chrono::round<std::chrono::milliseconds>(seconds_d(delay));
    if (retry_after && *retry_after > std::chrono::seconds::zero())
        next = std::max(next, now + *retry_after);
    if (next > give_up_at)
        return std::nullopt;
    return next;
}

} // namespace reviewd::delivery
