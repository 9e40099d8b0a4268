// The Asio event loop; see event_loop.h.
#include <utility> // before Asio: Boost 1.74 with GCC 12

#include "runtime/event_loop.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <thread>

namespace reviewd::runtime {

struct event_loop::impl {
    boost::asio::io_context io;
    std::vector<std::unique_ptr<boost::asio::signal_set>> signal_sets;

    void wait_signal(boost::asio::signal_set& set, std::function<void(int)> handler) {
        set.async_wait([this, &set, handler = std::move(handler)](
                           const boost::system::error_code& ec, int signal) {
            if (ec)
                return; // cancelled: the loop is stopping
            handler(signal);
            wait_signal(set, handler);
        });
    }
};

event_loop::event_loop() : impl_(std::make_unique<impl>()) {}
event_loop::~event_loop() = default;

boost::asio::io_context& event_loop::io() {
    return impl_->io;
}

void event_loop::on_signals(const std::vector<int>& signals, std::function<void(int)> handler) {
    auto set = std::make_unique<boost::asio::signal_set>(impl_->io);
    for (const int s : signals)
        set->add(s);
    impl_->wait_signal(*set, std::move(handler));
    impl_->signal_sets.push_back(std::move(set));
}

void event_loop::after(std::chrono::milliseconds delay, std::function<void()> fn) {
    auto timer = std::make_shared<boost::asio::steady_timer>(impl_->io, delay);
    timer->async_wait([timer, fn = std::move(fn)](const boost::system::error_code& ec) {
        if (!ec)
            fn();
    });
}

void event_loop::run(int threads) {
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i)
        pool.emplace_back([this] { impl_->io.run(); });
    impl_->io.run();
    for (auto& t : pool)
        t.join();
}

void event_loop::stop() {
    for (auto& set : impl_->signal_sets) {
        boost::system::error_code ignored;
        set->cancel(ignored);
    }
    impl_->io.stop();
}

} // namespace reviewd::runtime
