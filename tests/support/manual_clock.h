// A clock that stands still until the test moves it: the injected core::clock for tests that
// need "now" (email Date headers, webhook timestamps, token expiry) without sleeping.
// Thread-safe, since transports may read it from worker threads.
#pragma once

#include "core/clock.h"

#include <mutex>

namespace reviewd::test {

class manual_clock final : public core::clock {
public:
    explicit manual_clock(core::instant start) : now_(start) {}

    core::instant now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    void set(core::instant at) {
        std::lock_guard lock(mutex_);
        now_ = at;
    }
    template <class Duration> void advance(Duration by) {
        std::lock_guard lock(mutex_);
        now_ += std::chrono::duration_cast<core::instant::duration>(by);
    }

private:
    mutable std::mutex mutex_;
    core::instant now_;
};

} // namespace reviewd::test
