// Benchmark of the two halves of webhook delivery, each alone, so a change to one can be judged
// without the other: the store's bookkeeping (claim a batch, record outcomes in runs, on a real
// SQLite file at synchronous=FULL, nothing sent), and the webhook transport (signed POSTs in runs
// to a receiver given by --url, nothing stored). Prints messages per second for each.
//
//   delivery_parts_bench [--messages 60000] [--batch 256] [--run 256] [--url http://127.0.0.1:P/]
//                        [--connections 4]
#include "core/clock.h"
#include "delivery/webhook_transport.h"
#include "store/case_store.h"
#include "store/maintenance.h"
#include "store/sqlite.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace reviewd;

namespace {

std::string json_for(int i) {
    return R"({"type":"deadline.reminder","data":{"child":"B)" + std::to_string(i) +
           R"(","kind":"review","due":"2027-01-15"}})";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void bench_store(int messages, int batch, int run) {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("reviewd-parts-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "bench.db";
    store::prepare_database(file, true);
    {
        auto raw = store::connection::open(file, false);
        // As fired reminders would leave them (the same rows as bench/delivery_bench queues).
        raw.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                 std::to_string(messages) +
                 ") INSERT INTO outbox (event_id, channel, recipient, event_type, subject, "
                 "text_body, html_body, json_body, created_at, next_attempt_at) SELECT "
                 "'evt_bench_' || i, 'webhook', 'sink', 'deadline.reminder', '', '', '', "
                 "'{\"type\":\"deadline.reminder\",\"data\":{\"child\":\"B' || i || "
                 "'\",\"kind\":\"review\",\"due\":\"2027-01-15\"}}', 0, 0 FROM n");
    }
    store::case_store db(file);
    const core::instant now{std::chrono::seconds(1'800'000'000)};
    const auto start = std::chrono::steady_clock::now();
    int done = 0;
    for (;;) {
        const auto claimed = db.claim_outbox_batch(now, std::chrono::seconds(300), batch);
        if (claimed.empty())
            break;
        std::vector<store::case_store::delivery_outcome> outcomes;
        for (std::size_t first = 0; first < claimed.size(); first += run) {
            outcomes.clear();
            for (std::size_t i = first; i < claimed.size() && i < first + run; ++i)
                outcomes.push_back({claimed[i].id,
                                    store::case_store::delivery_outcome::kind::sent,
                                    now,
                                    {},
                                    std::nullopt});
            db.record_outcomes(outcomes);
            done += static_cast<int>(outcomes.size());
        }
    }
    const double s = seconds_since(start);
    std::printf("store: %d messages claimed (%d a batch) and recorded sent (%d a run) in %.2f s "
                "= %.0f/s\n",
                done, batch, run, s, done / s);
    fs::remove_all(dir);
}

void bench_transport(int messages, int run, const std::string& url, int connections) {
    const core::system_clock_source clock;
    delivery::webhook_transport transport({"sink", url, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                           std::chrono::milliseconds(10'000),
                                           std::chrono::milliseconds(5'000), connections, ""},
                                          clock);
    std::vector<delivery::message> batch;
    int sent = 0, failed = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int first = 0; first < messages; first += run) {
        batch.clear();
        for (int i = first; i < messages && i < first + run; ++i) {
            delivery::message m;
            m.event_id = "evt_bench_" + std::to_string(i);
            m.via = delivery::channel::webhook;
            m.recipient = "sink";
            m.json_body = json_for(i);
            m.event_type = "deadline.reminder";
            batch.push_back(std::move(m));
        }
        for (const auto& r : transport.send_all(batch))
            (r.result == delivery::send_result::outcome::sent ? sent : failed) += 1;
    }
    const double s = seconds_since(start);
    std::printf("transport: %d sent, %d failed, in runs of %d on %d connections, in %.2f s = "
                "%.0f/s\n",
                sent, failed, run, connections, s, sent / s);
}

} // namespace

int main(int argc, char** argv) {
    int messages = 60000, batch = 256, run = 256, connections = 4; // as the daemon
    std::string url;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--url")
            url = argv[i + 1];
        else
            (flag == "--messages"      ? messages
             : flag == "--batch"       ? batch
             : flag == "--connections" ? connections
                                       : run) = std::atoi(argv[i + 1]);
    }
    bench_store(messages, batch, run);
    if (!url.empty())
        bench_transport(messages, run, url, connections);
    return 0;
}
