// The one wall-clock timer: armed for the earliest pending reminder (asked of the store through
// `next_wakeup`), and re-checked at least every `recheck` so a jump of the wall clock, forward or
// back, is noticed. When woken it hands `now` to `fire`, which does the rest in one transaction.
#pragma once

#include "core/clock.h"
#include "runtime/event_loop.h"

#include <functional>
#include <memory>
#include <optional>

namespace reviewd::runtime {

class timer_driver {
public:
    timer_driver(event_loop& loop, const core::clock& clock,
                 std::function<std::optional<core::instant>()> next_wakeup,
                 std::function<void(core::instant)> fire,
                 std::chrono::milliseconds recheck = std::chrono::seconds(60));
    ~timer_driver();

    void start(); // fires what is due now, then arms
    void poke();  // something may have changed (a write, a reload): look again now
    void stop();

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

} // namespace reviewd::runtime
