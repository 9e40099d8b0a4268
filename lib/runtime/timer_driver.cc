// The timer driver; see timer_driver.h.
#include <utility> // before Asio: Boost 1.74 with GCC 12

#include "runtime/timer_driver.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

namespace reviewd::runtime {

struct timer_driver::impl : std::enable_shared_from_this<timer_driver::impl> {
    impl(event_loop& l, const core::clock& c, std::function<std::optional<core::instant>()> n,
         std::function<void(core::instant)> f, std::chrono::milliseconds r)
        : loop(l), clock(c), next_wakeup(std::move(n)), fire(std::move(f)), recheck(r),
          timer(l.io()) {}

    event_loop& loop;
    const core::clock& clock;
    std::function<std::optional<core::instant>()> next_wakeup;
    std::function<void(core::instant)> fire;
    std::chrono::milliseconds recheck;
    boost::asio::steady_timer timer;
    bool stopped = false;

    // Runs on the loop: fire what is due, then sleep until the next timer or the recheck.
    void tick() {
        if (stopped)
            return;
        std::chrono::milliseconds wait = recheck;
        try {
            const core::instant now = clock.now();
            fire(now);
            if (const auto next = next_wakeup()) {
                const auto until =
                    std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock.now());
                wait = std::clamp(until, std::chrono::milliseconds(0), recheck);
            }
        } catch (const std::exception& e) {
            spdlog::error("timers.tick_failed error=\"{}\" retry_in_ms={}", e.what(),
                          recheck.count());
        }
        timer.expires_after(wait);
        timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            if (!ec)
                self->tick();
        });
    }
};

timer_driver::timer_driver(event_loop& loop, const core::clock& clock,
                           std::function<std::optional<core::instant>()> next_wakeup,
                           std::function<void(core::instant)> fire,
                           std::chrono::milliseconds recheck)
    : impl_(std::make_shared<impl>(loop, clock, std::move(next_wakeup), std::move(fire), recheck)) {
}

timer_driver::~timer_driver() {
    stop();
}

void timer_driver::start() {
    boost::asio::post(impl_->loop.io(), [self = impl_] { self->tick(); });
}

void timer_driver::poke() {
    boost::asio::post(impl_->loop.io(), [self = impl_] {
        self->timer.cancel(); // the pending wait ends with operation_aborted and does not tick
        self->tick();
    });
}

void timer_driver::stop() {
    boost::asio::post(impl_->loop.io(), [self = impl_] {
        self->stopped = true;
        self->timer.cancel();
    });
}

} // namespace reviewd::runtime
