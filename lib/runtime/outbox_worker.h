// Delivery workers: threads that claim outbox messages, send them through the transport for
// their channel, and record what came of it (sent, a retry with backoff, or dead with an alert).
// At-least-once: a message is marked sent only after its transport accepted it; a worker that dies
// mid-send leaves a lease that expires and the message is sent again, with the same event id.
#pragma once

#include "core/clock.h"
#include "delivery/rate_limiter.h"
#include "delivery/retry_policy.h"
#include "delivery/transport.h"
#include "store/case_store.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace reviewd::runtime {

struct outbox_routes {
    // The transport for a message, or nullptr when none is configured (the message then waits,
    // and a configuration reload may supply one).
    std::function<delivery::transport*(const store::outbox_message&)> transport_for;
    // The rate limiter for a message's channel, or nullptr for none.
    std::function<delivery::shared_rate_limiter*(const store::outbox_message&)> limiter_for;
    // The alert written when a message dies (nullopt: no alert channel configured, or the dead
    // message was itself an alert).
    std::function<std::optional<store::outbox_message>(const store::outbox_row&)> dead_alert;
};

struct outbox_worker_options {
    int threads = 2;
    std::chrono::seconds lease{300};
    delivery::retry_policy retry;
    std::chrono::milliseconds idle_poll{1000}; // how often an idle worker looks again
    // Messages claimed per transaction, and webhooks sent together and recorded per transaction
    // (emails: one at a time). Larger runs mean fewer commits (two per 256 webhooks, which is
    // what lets two cores keep up: bench/delivery_bench) at the price of re-sending up to one run
    // per worker after a kill; receivers deduplicate those by webhook-id.
    int batch = 256;
    int record_every = 256;
};

class outbox_worker {
public:
    outbox_worker(store::case_store& store, const core::clock& clock, outbox_routes routes,
                  outbox_worker_options options);
    ~outbox_worker(); // stops and joins

    void start();
    void wake(); // new messages were written: look now
    // Stops claiming; sends in flight finish; returns when every worker has left.
    void stop();

    struct counters {
        std::uint64_t sent = 0, retried = 0, dead = 0;
    };
    counters stats() const { return {sent_.load(), retried_.load(), dead_.load()}; }

private:
    void run();
    void deliver_batch(const std::vector<store::outbox_row>& batch);
    store::case_store::delivery_outcome outcome_of(const store::outbox_row& row,
                                                   const delivery::send_result& result);

    store::case_store& store_;
    const core::clock& clock_;
    outbox_routes routes_;
    outbox_worker_options options_;
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable wakeup_;
    bool stopping_ = false;
    std::uint64_t generation_ = 0; // bumped by wake()
    std::atomic<std::uint64_t> sent_{0}, retried_{0}, dead_{0};
};

} // namespace reviewd::runtime
