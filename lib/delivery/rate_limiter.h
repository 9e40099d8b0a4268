// A token bucket: `rate` messages per `period`, with bursts of up to `burst`. Microsoft 365
// accepts 30 messages a minute per mailbox; more is refused with 4.x.x and counts against the
// mailbox. Pure: time is passed in, and a clock that steps backwards adds no tokens.
//
// rate_limiter is not thread-safe (one owner, e.g. the outbox worker loop); shared_rate_limiter
// wraps one in a mutex for several workers.
#pragma once

#include "core/clock.h"

#include <chrono>
#include <mutex>

namespace reviewd::delivery {

class rate_limiter {
public:
    // Starts full at `start`. rate >= 1, period > 0, burst >= 1 (defaults to rate); throws
    // std::invalid_argument otherwise.
    rate_limiter(int rate, std::chrono::seconds period, core::instant start, int burst = 0);

    // Takes a token if one is available at `now`.
    bool try_take(core::instant now);

    // The earliest instant at or after `now` when try_take will succeed.
    core::instant next_free(core::instant now);

private:
    void refill(core::instant now);

    double capacity_;
    double tokens_;
    std::chrono::duration<double> per_token_; // time to earn one token
    core::instant last_;
};

class shared_rate_limiter {
public:
    template <class... Args> explicit shared_rate_limiter(Args&&... args) : inner_(args...) {}

    bool try_take(core::instant now) {
        std::lock_guard lock(mutex_);
        return inner_.try_take(now);
    }
    core::instant next_free(core::instant now) {
        std::lock_guard lock(mutex_);
        return inner_.next_free(now);
    }

private:
    std::mutex mutex_;
    rate_limiter inner_;
};

} // namespace reviewd::delivery
