// The Asio shell the daemon runs in: one io_context driven by a few threads, with signals and
// one-shot timers delivered as plain callbacks. Headers stay free of Asio beyond a forward
// declaration; only event_loop.cc (and lib/http) include it.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace reviewd::runtime {

class event_loop {
public:
    event_loop();
    ~event_loop();
    event_loop(const event_loop&) = delete;
    event_loop& operator=(const event_loop&) = delete;

    boost::asio::io_context& io();

    // Calls `handler(signal)` on the loop each time one of `signals` arrives (SIGTERM, SIGHUP...).
    void on_signals(const std::vector<int>& signals, std::function<void(int)> handler);

    // Calls `fn` on the loop once, after `delay`.
    void after(std::chrono::milliseconds delay, std::function<void()> fn);

    // Runs the loop on `threads` threads (the caller's included) until stop() is called or no work
    // remains; returns when every thread has left.
    void run(int threads);
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace reviewd::runtime
