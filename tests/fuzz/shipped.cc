// The shipped configuration for the fuzz targets; see shipped.h.
#include "shipped.h"

#include "escalation_config.h"
#include "rules_loader.h"

#include <date/tz.h>

namespace reviewd::fuzz {

const app::config& shipped_config() {
    static const app::config cfg =
        app::load_config(std::filesystem::path(REVIEWD_SOURCE_DIR) / "config" / "reviewd.toml");
    return cfg;
}

std::shared_ptr<const store::rules_snapshot> shipped_snapshot() {
    static const std::shared_ptr<const store::rules_snapshot> snapshot = [] {
        const app::config& cfg = shipped_config();
        auto s = std::make_shared<store::rules_snapshot>();
        s->loaded = app::load_rules(cfg);
        if (cfg.reminders.enabled)
            s->reminders = cfg.reminders.policy;
        s->zone = date::locate_zone(cfg.time_zone);
        s->escalations = cfg.escalation;
        app::check_escalation_holidays(s->escalations, s->loaded.calendars, cfg.file.string());
        return s;
    }();
    return snapshot;
}

core::day fixed_today() {
    return core::make_day(2026, 6, 1);
}

} // namespace reviewd::fuzz
