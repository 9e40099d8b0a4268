// Outbox delivery workers; see outbox_worker.h.
#include "runtime/outbox_worker.h"

#include <spdlog/spdlog.h>

#include <random>

namespace reviewd::runtime {
namespace {

delivery::message to_message(const store::outbox_message& m) {
    delivery::message out;
    out.event_id = m.event_id;
    out.via = m.channel == "webhook" ? delivery::channel::webhook : delivery::channel::email;
    out.recipient = m.recipient;
    out.subject = m.subject;
    out.text_body = m.text_body;
    out.html_body = m.html_body;
    out.json_body = m.json_body;
    out.calendar_body = m.calendar_body;
    out.event_type = m.event_type;
    return out;
}

double random01() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

} // namespace

outbox_worker::outbox_worker(store::case_store& store, const core::clock& clock,
                             outbox_routes routes, outbox_worker_options options)
    : store_(store), clock_(clock), routes_(std::move(routes)), options_(options) {}

outbox_worker::~outbox_worker() {
    stop();
}

void outbox_worker::start() {
    const int released = store_.release_expired_leases(clock_.now() + std::chrono::hours(24 * 365));
    if (released > 0)
        spdlog::warn("delivery.released_leases count={} reason=\"left sending by a previous run\"",
                     released);
    for (int i = 0; i < options_.threads; ++i)
        threads_.emplace_back([this] { run(); });
}

void outbox_worker::wake() {
    {
        std::lock_guard lock(mutex_);
        ++generation_;
    }
    wakeup_.notify_all();
}

void outbox_worker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wakeup_.notify_all();
    for (auto& t : threads_)
        if (t.joinable())
            t.join();
    threads_.clear();
}

void outbox_worker::run() {
    for (;;) {
        std::uint64_t seen = 0;
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                return;
            seen = generation_;
        }
        std::vector<store::outbox_row> batch;
        try {
            const core::instant now = clock_.now();
            batch = store_.claim_outbox_batch(now, options_.lease, options_.batch,
                                              [&](const store::outbox_row& r) {
                                                  if (!routes_.transport_for(r.message))
                                                      return false;
                                                  auto* limiter = routes_.limiter_for(r.message);
                                                  return !limiter || limiter->try_take(now);
                                              });
        } catch (const std::exception& e) {
            spdlog::error("delivery.claim_failed error=\"{}\"", e.what());
        }
        if (!batch.empty()) {
            deliver_batch(batch);
            continue;
        }
        std::unique_lock lock(mutex_);
        wakeup_.wait_for(lock, options_.idle_poll,
                         [&] { return stopping_ || generation_ != seen; });
    }
}

void outbox_worker::deliver_batch(const std::vector<store::outbox_row>& batch) {
    // Messages go out in runs: consecutive webhooks for one endpoint together (the transport
    // keeps several in flight) and an email alone. Each run's outcomes are recorded in one
    // transaction before the next run starts, so a kill re-sends at most the run in flight: one
    // email, or up to record_every webhooks, which receivers deduplicate by webhook-id.
    std::vector<store::case_store::delivery_outcome> outcomes;
    std::vector<delivery::message> messages;
    bool alerted = false;
    for (std::size_t first = 0; first < batch.size();) {
        delivery::transport* transport = routes_.transport_for(batch[first].message);
        std::size_t end = first + 1;
        if (batch[first].message.channel == "webhook")
            while (end < batch.size() && static_cast<int>(end - first) < options_.record_every &&
                   batch[end].message.channel == "webhook" &&
                   routes_.transport_for(batch[end].message) == transport)
                ++end;
        messages.clear();
        for (std::size_t i = first; i < end; ++i)
            messages.push_back(to_message(batch[i].message));
        const std::vector<delivery::send_result> results =
            transport ? transport->send_all(messages)
                      : std::vector<delivery::send_result>(
                            messages.size(), {delivery::send_result::outcome::retry,
                                              "no transport configured", std::nullopt});
        outcomes.clear();
        for (std::size_t i = first; i < end; ++i) {
            outcomes.push_back(outcome_of(batch[i], results[i - first]));
            alerted = alerted || outcomes.back().alert.has_value();
        }
        try {
            store_.record_outcomes(outcomes);
        } catch (const std::exception& e) {
            // The leases expire and the messages are tried again: at-least-once, never lost.
            spdlog::error("delivery.record_failed count={} error=\"{}\"", outcomes.size(),
                          e.what());
        }
        first = end;
    }
    if (alerted)
        wake(); // the alerts just written are waiting in the outbox
}

store::case_store::delivery_outcome outbox_worker::outcome_of(const store::outbox_row& row,
                                                              const delivery::send_result& result) {
    using outcome = store::case_store::delivery_outcome;
    const core::instant now = clock_.now();
    if (result.result == delivery::send_result::outcome::sent) {
        ++sent_;
        spdlog::info("delivery.sent id={} channel={} type={} attempt={}{}", row.id,
                     row.message.channel, row.message.event_type, row.attempts,
                     row.message.late ? " late=true" : "");
        return {row.id, outcome::kind::sent, now, {}, std::nullopt};
    }
    const core::instant first =
        core::instant{std::chrono::seconds(row.first_attempt_at.value_or(row.created_at))};
    const auto next =
        result.result == delivery::send_result::outcome::retry
            ? options_.retry.next_attempt(row.attempts, first, now, result.retry_after, random01())
            : std::nullopt;
    if (next) {
        ++retried_;
        spdlog::warn("delivery.{}.failed id={} attempt={} detail=\"{}\" retry_in_s={}",
                     row.message.channel, row.id, row.attempts, result.detail,
                     std::chrono::duration_cast<std::chrono::seconds>(*next - now).count());
        return {row.id, outcome::kind::retry, *next, result.detail, std::nullopt};
    }
    std::optional<store::outbox_message> alert =
        routes_.dead_alert ? routes_.dead_alert(row) : std::nullopt;
    ++dead_;
    spdlog::error("delivery.dead id={} channel={} attempts={} detail=\"{}\" alert={}", row.id,
                  row.message.channel, row.attempts, result.detail, alert ? "written" : "none");
    return {row.id, outcome::kind::dead, now, result.detail, std::move(alert)};
}

} // namespace reviewd::runtime
