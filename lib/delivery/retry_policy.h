// When to try a failed message again, and when to stop. Pure: the caller passes `now`, the time
// of the first attempt and a random number, so tests pin every case.
//
//   delay(n) = min(cap, base * 2^(n-1)) * (1 + jitter * (2 * random01 - 1)),  at least 1 s
//   next     = max(now + delay(n), now + retry_after)
//   dead     when now - first_attempt_at >= give_up_after, or next would come after
//            first_attempt_at + give_up_after
//
// n = attempts_so_far counts the attempt that just failed (1 after the first failure). Jitter
// spreads the retries of many messages that failed together (a mail server restart) so they do
// not return as one burst.
#pragma once

#include "core/clock.h"

#include <chrono>
#include <optional>

namespace reviewd::delivery {

struct retry_policy {
    std::chrono::seconds base{30};
    std::chrono::seconds cap{std::chrono::hours(1)};
    std::chrono::seconds give_up_after{std::chrono::hours(24)};
    double jitter = 0.2; // +-20%

    // The instant of the next attempt, or std::nullopt when the message is dead.
    std::optional<core::instant> next_attempt(int attempts_so_far, core::instant first_attempt_at,
                                              core::instant now,
                                              std::optional<std::chrono::seconds> retry_after,
                                              double random01) const;
};

} // namespace reviewd::delivery
