// What the crash loop (crash_loop_e2e_test.cc) needs besides the delivery stack: API clients
// that keep writing across kills and tally which writes were answered 2xx, a read-only view of
// the database for after each kill, what the receivers got, and the duplicate analysis that
// tells a message re-sent because it was in flight at a kill from one sent twice by mistake.
#pragma once

#include "e2e/delivery_e2e_fixture.h"
#include "store/sqlite.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace reviewd::test {

struct crash_loop_settings {
    int kills = 100;
    std::uint64_t seed = 0;
    int max_pause_ms = 250; // a daemon lives 0..this long after its day's reminders fall due
    // REVIEWD_CRASH_KILLS and REVIEWD_CRASH_SEED, else 100 kills (30 under sanitizers) and a
    // random seed.
    static crash_loop_settings from_environment();
};

// The writes answered 2xx, and the rest.
struct write_tally {
    std::vector<std::string> people;                              // refs
    std::vector<std::pair<std::string, std::string>> children;    // ref, start date
    std::vector<std::pair<std::string, std::string>> assignments; // child ref, IRO ref
    std::vector<std::string> children_tried;                      // every child PUT sent
    std::vector<std::string> refused;                             // non-2xx answers
    int cut_off = 0; // requests that got no answer because the daemon was killed
};

// The IRO a crash-loop child is assigned to (I1..I4, by its reference).
std::string iro_for(const std::string& child_ref);

// Two threads writing through the API as fast as the daemon answers (each with a pause of a
// couple of milliseconds, so delivery gets the CPU too): new people mostly, and a new child with
// its IRO as the first writes to each daemon. A request cut off by a kill is counted and the
// thread waits for the next daemon.
class api_writers {
public:
    explicit api_writers(delivery_stack& stack, int threads = 2);
    ~api_writers();
    api_writers(const api_writers&) = delete;
    api_writers& operator=(const api_writers&) = delete;

    // A (re)started daemon listens on `port`; new children start on `today`.
    void start(std::uint16_t port, date::sys_days today);
    void set_today(date::sys_days today);
    void stop(); // joins
    write_tally tally() const;

private:
    void run(int thread);
    bool put(http_client& client, const std::string& role, const std::string& target,
             const std::string& body);

    delivery_stack& stack_;
    int thread_count_;
    std::vector<std::thread> threads_;
    std::atomic<std::uint16_t> port_{0};
    std::atomic<int> generation_{0};
    std::atomic<long> today_{0};
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    write_tally tally_;
};

// Waits (bounded) until the receiver's and the sink's counts stop moving after a kill, so that
// what a dead daemon sent is counted as its own; returns {webhooks, emails} received so far.
std::pair<std::size_t, std::size_t> settle(const webhook_receiver& receiver, const smtp_sink& sink);

// A read-only look at the daemon's database.
class database_view {
public:
    explicit database_view(const std::filesystem::path& file);
    std::int64_t count(const std::string& table, const std::string& where) const;
    std::vector<std::string> column(const std::string& sql) const; // the first column of rows

private:
    mutable store::connection db_;
};

// Event ids of outbox messages recorded as sent.
std::vector<std::string> sent_event_ids(const std::filesystem::path& database);

// True once no outbox message waits and no timer due at `now` is pending (bounded wait).
bool wait_until_delivered(const std::filesystem::path& database, date::sys_seconds now);

std::string unix_text(date::sys_seconds t);
std::string tail(const std::string& text, std::size_t chars);

// A webhook as the receiver got it: its id, whether the signature verified, and the deadline ids
// its body names (one reminder, or a coalesced list).
struct received_hook {
    std::string event_id;
    bool verified = false;
    std::vector<std::int64_t> deadline_ids;
};
std::vector<received_hook> received_webhooks(const webhook_receiver& receiver);
// The event id in each email's Message-ID, in the order received.
std::vector<std::string> received_mail_events(const smtp_sink& sink);

struct duplicate_report {
    std::size_t duplicates = 0;            // receipts beyond the first of each event
    std::size_t same_daemon_twice = 0;     // one daemon sent one event twice: a bug
    std::size_t resent_after_recorded = 0; // sent again after an earlier daemon recorded it sent
    std::string first_problem;
};
// `receipts` are event ids in arrival order; `received_at_kill[k]` how many had arrived when the
// k-th daemon died (so receipt i came from daemon upper_bound(i)); `sent_by` the first kill after
// which each event was recorded sent.
duplicate_report duplicates(const std::vector<std::string>& receipts,
                            const std::vector<std::size_t>& received_at_kill,
                            const std::map<std::string, std::size_t>& sent_by);

} // namespace reviewd::test
