// `reviewd serve`; see serve_command.h.
#include "serve_command.h"

#include "api/api.h"
#include "http/http_server.h"
#include "rules_loader.h"
#include "runtime/event_loop.h"
#include "store/maintenance.h"
#include "store/schema.h"

#include <spdlog/spdlog.h>

#include <csignal>
#include <mutex>

namespace reviewd::app {
namespace {

// The rules in force, swapped whole on SIGHUP; readers keep the snapshot they took.
class rules_holder {
public:
    explicit rules_holder(std::shared_ptr<const rules::loaded_rules> initial)
        : current_(std::move(initial)) {}
    std::shared_ptr<const rules::loaded_rules> get() const {
        std::lock_guard lock(mutex_);
        return current_;
    }
    void set(std::shared_ptr<const rules::loaded_rules> next) {
        std::lock_guard lock(mutex_);
        current_ = std::move(next);
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const rules::loaded_rules> current_;
};

http::limits limits_of(const api_config& a) {
    http::limits l;
    l.max_body_bytes = a.max_body_bytes;
    l.max_header_bytes = a.max_header_bytes;
    l.request_timeout = std::chrono::milliseconds(a.request_timeout_ms);
    l.idle_timeout = std::chrono::milliseconds(a.idle_timeout_ms);
    l.max_connections = a.max_connections;
    return l;
}

} // namespace

int run_serve(const config& cfg) {
    if (cfg.database.empty()) {
        spdlog::critical("daemon.start_failed reason=\"{} has no [store] path\"",
                         cfg.file.string());
        return 1;
    }
    try {
        const int applied = store::prepare_database(cfg.database, true);
        spdlog::info("store.ready path={} schema={} migrations_applied={}", cfg.database.string(),
                     store::latest_schema_version(), applied);
    } catch (const store::newer_schema_error& e) {
        spdlog::critical("store.refused path={} reason=\"{}\"", cfg.database.string(), e.what());
        return 1;
    }
    rules_holder current_rules(std::make_shared<const rules::loaded_rules>(load_rules(cfg)));
    store::case_store cases(cfg.database);
    core::system_clock_source clock;
    api::metrics stats;
    api::api service({cases, [&] { return current_rules.get(); }, clock, cfg.time_zone, stats});

    runtime::event_loop loop;
    http::server server(loop.io(), cfg.api.address, cfg.api.port, limits_of(cfg.api),
                        [&](const http::request& r) { return service.handle(r); });
    std::uint16_t port = 0;
    try {
        port = server.listen();
    } catch (const std::exception& e) {
        spdlog::critical("api.listen_failed reason=\"{}\"", e.what());
        return 1;
    }
    spdlog::info("api.listening address={} port={}", cfg.api.address, port);

    bool stopping = false;
    // Once the last connection has closed, stop without waiting out the grace period.
    std::function<void()> stop_when_idle = [&] {
        if (server.open_connections() == 0)
            loop.stop();
        else
            loop.after(std::chrono::milliseconds(20), stop_when_idle);
    };
    loop.on_signals({SIGTERM, SIGINT, SIGHUP}, [&](int signal) {
        if (signal == SIGHUP) {
            try {
                const config next = load_config(cfg.file);
                current_rules.set(std::make_shared<const rules::loaded_rules>(load_rules(next)));
                spdlog::info("daemon.reloaded config={}", cfg.file.string());
            } catch (const std::exception& e) {
                spdlog::error("daemon.reload_failed reason=\"{}\" keeping=previous", e.what());
            }
            return;
        }
        if (stopping)
            return;
        stopping = true;
        spdlog::info("daemon.stopping signal={} grace_ms={}", signal, cfg.api.shutdown_grace_ms);
        server.shutdown();
        loop.after(std::chrono::milliseconds(cfg.api.shutdown_grace_ms), [&] {
            spdlog::warn("daemon.grace_expired open_connections={}", server.open_connections());
            loop.stop();
        });
        loop.after(std::chrono::milliseconds(0), stop_when_idle);
    });
    loop.run(cfg.api.threads);
    spdlog::info("daemon.stopped");
    return 0;
}

} // namespace reviewd::app
