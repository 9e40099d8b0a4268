// `reviewd escalation chronology`; see escalation_command.h.
#include "escalation_command.h"

#include "command_support.h"

#include "core/file_clock.h"
#include "escalation/chronology.h"
#include "escalation_config.h"
#include "rules_loader.h"
#include "store/case_store.h"

#include <ostream>

namespace reviewd::app {

int run_escalation_chronology(const config& cfg, const std::string& id, const std::string& format,
                              std::ostream& out, std::ostream& err) {
    store::case_store cases = open_store(cfg);
    const auto rules = load_rules(cfg);
    check_escalation_holidays(cfg.escalation, rules.calendars, cfg.file.string());
    const auto stored = cases.get_escalation(id);
    if (!stored) {
        err << "reviewd escalation chronology: no escalation \"" << id << "\"\n";
        return 2;
    }
    // "Today" is the daemon's: the [testing] clock file when one is set.
    const core::instant now =
        cfg.clock_file ? core::file_clock(*cfg.clock_file).now() : std::chrono::system_clock::now();
    const auto chronology = escalation::chronology_of(
        stored->record, stored->asked, cfg.escalation.ladder,
        *rules.calendars.find(cfg.escalation.holidays), core::local_date(now, cfg.time_zone));
    if (!chronology) {
        err << "reviewd escalation chronology: " << id << ": " << chronology.err().message << "\n";
        return 1;
    }
    out << (format == "json" ? escalation::chronology_json(chronology.value())
                             : escalation::chronology_markdown(chronology.value()));
    return 0;
}

} // namespace reviewd::app
