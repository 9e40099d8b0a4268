// The crash loop's helpers; see crash_loop_support.h.
#include "e2e/crash_loop_support.h"

#include <algorithm>
#include <cstdlib>
#include <random>
#include <set>
#include <stdexcept>

namespace reviewd::test {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr int default_kills = 30;
#else
constexpr int default_kills = 100;
#endif

long days_of(date::sys_days d) {
    return d.time_since_epoch().count();
}

} // namespace

crash_loop_settings crash_loop_settings::from_environment() {
    crash_loop_settings s;
    s.kills = default_kills;
    if (const char* kills = std::getenv("REVIEWD_CRASH_KILLS"); kills && *kills)
        s.kills = std::max(1, std::atoi(kills));
    if (const char* seed = std::getenv("REVIEWD_CRASH_SEED"); seed && *seed)
        s.seed = std::strtoull(seed, nullptr, 10);
    else
        s.seed = std::random_device{}();
    return s;
}

std::string iro_for(const std::string& child_ref) {
    unsigned sum = 0;
    for (const char c : child_ref)
        sum += static_cast<unsigned char>(c);
    return "I" + std::to_string(sum % 4 + 1);
}

api_writers::api_writers(delivery_stack& stack, int threads)
    : stack_(stack), thread_count_(threads) {}

api_writers::~api_writers() {
    stop();
}

void api_writers::start(std::uint16_t port, date::sys_days today) {
    today_ = days_of(today);
    port_ = port;
    ++generation_;
    if (threads_.empty())
        for (int t = 0; t < thread_count_; ++t)
            threads_.emplace_back([this, t] { run(t); });
}

void api_writers::set_today(date::sys_days today) {
    today_ = days_of(today);
}

void api_writers::stop() {
    stopping_ = true;
    for (auto& t : threads_)
        if (t.joinable())
            t.join();
    threads_.clear();
}

write_tally api_writers::tally() const {
    std::lock_guard lock(mutex_);
    return tally_;
}

bool api_writers::put(http_client& client, const std::string& role, const std::string& target,
                      const std::string& body) {
    const auto reply = client.request("PUT", target, body,
                                      {{"Authorization", "Bearer " + stack_.api.tokens.at(role)},
                                       {"Content-Type", "application/json"}});
    if (reply.status >= 200 && reply.status <= 299)
        return true;
    std::lock_guard lock(mutex_);
    tally_.refused.push_back("PUT " + target + ": " + std::to_string(reply.status) + " " +
                             reply.body);
    return false;
}

void api_writers::run(int thread) {
    const std::string prefix = std::to_string(thread + 1) + "-";
    std::unique_ptr<http_client> client;
    int generation = 0;
    bool new_daemon = false;
    for (int n = 1; !stopping_; ++n) {
        if (!client) {
            if (generation_ == generation) { // cut off: wait for the next daemon
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                continue;
            }
            generation = generation_;
            client =
                std::make_unique<http_client>("127.0.0.1", port_.load(), std::chrono::seconds(5));
            new_daemon = true;
        }
        try {
            if (new_daemon) {
                // A new child, on the driven clock's day, and then its IRO.
                const std::string ref = "W" + prefix + std::to_string(n);
                const std::string start =
                    date::format("%F", date::sys_days{date::days{today_.load()}});
                {
                    std::lock_guard lock(mutex_);
                    tally_.children_tried.push_back(ref);
                }
                if (put(*client, "integration", "/v1/children/" + ref,
                        api_fixture::case_json(ref, start))) {
                    std::lock_guard lock(mutex_);
                    tally_.children.emplace_back(ref, start);
                }
                const std::string iro = iro_for(ref);
                if (put(*client, "integration", "/v1/children/" + ref + "/assignments",
                        nlohmann::json{{"iro", iro}}.dump())) {
                    std::lock_guard lock(mutex_);
                    tally_.assignments.emplace_back(ref, iro);
                }
                new_daemon = false;
            } else {
                const std::string ref = "P" + prefix + std::to_string(n);
                const nlohmann::json person = {{"role", "iro"},
                                               {"name", "Staff " + ref},
                                               {"email", ref + "@council.example"},
                                               {"manager", "M1"}};
                if (put(*client, "integration", "/v1/people/" + ref, person.dump())) {
                    std::lock_guard lock(mutex_);
                    tally_.people.push_back(ref);
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        } catch (const std::exception&) {
            client.reset(); // killed mid-request, or refused: nobody listens until the restart
            std::lock_guard lock(mutex_);
            ++tally_.cut_off;
        }
    }
}

std::pair<std::size_t, std::size_t> settle(const webhook_receiver& receiver,
                                           const smtp_sink& sink) {
    const auto counts = [&] {
        return std::pair<std::size_t, std::size_t>(
            receiver.summary()["requests"].get<std::size_t>(),
            static_cast<std::size_t>(sink.messages_received()));
    };
    auto last = counts();
    for (int i = 0; i < 100; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        const auto now = counts();
        if (now == last)
            return now;
        last = now;
    }
    throw std::runtime_error("the receivers kept receiving after the daemon was killed");
}

database_view::database_view(const std::filesystem::path& file)
    : db_(store::connection::open(file, false, true)) {}

std::int64_t database_view::count(const std::string& table, const std::string& where) const {
    auto st = db_.prepare("SELECT count(*) FROM " + table + " WHERE " + where);
    st.step();
    return st.integer(0);
}

std::vector<std::string> database_view::column(const std::string& sql) const {
    std::vector<std::string> out;
    auto st = db_.prepare(sql);
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

std::vector<std::string> sent_event_ids(const std::filesystem::path& database) {
    return database_view(database).column("SELECT event_id FROM outbox WHERE state = 'sent'");
}

bool wait_until_delivered(const std::filesystem::path& database, date::sys_seconds now) {
    const database_view db(database);
    const auto done = [&] {
        return db.count("outbox", "state <> 'sent'") == 0 &&
               db.count("timers", "state = 'pending' AND fire_at <= " + unix_text(now)) == 0;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            std::system(("sqlite3 " + database.string() +
                         " \"SELECT id, state, channel, recipient, event_type, attempts, "
                         "next_attempt_at, last_error FROM outbox WHERE state <> 'sent'; SELECT "
                         "'timer', id, deadline_id, key, audience, fire_at, state FROM timers "
                         "WHERE state = 'pending' AND fire_at <= " +
                         unix_text(now) + " LIMIT 20; SELECT 'now', " + unix_text(now) + ";\" >&2")
                            .c_str());
            return done();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return true;
}

std::string unix_text(date::sys_seconds t) {
    return std::to_string(t.time_since_epoch().count());
}

std::string tail(const std::string& text, std::size_t chars) {
    return text.size() <= chars ? text : text.substr(text.size() - chars);
}

std::vector<received_hook> received_webhooks(const webhook_receiver& receiver) {
    std::vector<received_hook> out;
    for (const auto& post : hook_posts(receiver)) {
        received_hook h;
        h.event_id = post["headers"].value("webhook-id", std::string());
        h.verified = post["verified"] == true;
        const auto body = body_of(post);
        if (body["type"] == "deadline.reminders")
            for (const auto& r : body["data"]["reminders"])
                h.deadline_ids.push_back(r["deadline_id"].get<std::int64_t>());
        else if (body["data"].contains("deadline_id"))
            h.deadline_ids.push_back(body["data"]["deadline_id"].get<std::int64_t>());
        out.push_back(std::move(h));
    }
    return out;
}

std::vector<std::string> received_mail_events(const smtp_sink& sink) {
    std::vector<std::string> out;
    for (const auto& m : mails(sink)) {
        std::string id = m.header("Message-ID"); // <evt_...@council.example>
        const auto at = id.find('@');
        out.push_back(id.size() > 2 && at != std::string::npos ? id.substr(1, at - 1) : id);
    }
    return out;
}

duplicate_report duplicates(const std::vector<std::string>& receipts,
                            const std::vector<std::size_t>& received_at_kill,
                            const std::map<std::string, std::size_t>& sent_by) {
    duplicate_report r;
    std::map<std::string, std::set<std::size_t>> daemons_of;
    for (std::size_t i = 0; i < receipts.size(); ++i) {
        const std::string& event = receipts[i];
        const auto daemon = static_cast<std::size_t>(
            std::upper_bound(received_at_kill.begin(), received_at_kill.end(), i) -
            received_at_kill.begin());
        auto& daemons = daemons_of[event];
        if (!daemons.empty())
            ++r.duplicates;
        if (!daemons.insert(daemon).second) {
            ++r.same_daemon_twice;
            if (r.first_problem.empty())
                r.first_problem = event + " was sent twice by daemon " + std::to_string(daemon);
        }
        if (const auto it = sent_by.find(event); it != sent_by.end() && it->second < daemon) {
            ++r.resent_after_recorded;
            if (r.first_problem.empty())
                r.first_problem = event + " was sent by daemon " + std::to_string(daemon) +
                                  " after daemon " + std::to_string(it->second) +
                                  " recorded it sent";
        }
    }
    return r;
}

} // namespace reviewd::test
