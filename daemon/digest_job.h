// The daily digest in the running daemon: asked on every tick of the timer driver whether a
// digest is due, it writes that day's digest into the outbox through the store (once per day,
// in one transaction), and says when the next one falls due so the driver can wake for it.
// Its settings are swapped on SIGHUP with the rest of the configuration.
#pragma once

#include "config.h"
#include "reminders/compose.h"
#include "store/case_store.h"

#include <memory>
#include <mutex>
#include <optional>

namespace reviewd::app {

class digest_job {
public:
    // Both throw config_error when the digest is enabled and its division has no calendar; a
    // failed reload keeps the previous settings.
    digest_job(const config& cfg, std::shared_ptr<const store::rules_snapshot> rules,
               store::case_store& cases, const reminders::compose_options& mail);
    void reload(const config& cfg, std::shared_ptr<const store::rules_snapshot> rules);

    // Writes the digest due at `now`, if any; returns the messages written (0 when none was due).
    int fire(core::instant now);
    // When the next digest falls due, or nullopt when the digest is off.
    std::optional<core::instant> next_at(core::instant now);
    // The audiences whose single reminder emails the digest replaces (none when it is off).
    std::vector<std::string> audiences() const;

private:
    struct settings {
        schedule::digest_policy digest;
        schedule::reminder_policy reminders;
        std::string division;
        std::string time_zone;
        std::chrono::minutes late_after{15};
        std::shared_ptr<const store::rules_snapshot> rules;
    };
    std::shared_ptr<const settings> current() const;

    store::case_store& cases_;
    const reminders::compose_options& mail_;
    mutable std::mutex mutex_;
    std::shared_ptr<const settings> settings_;
};

} // namespace reviewd::app
