// The daemon's side of escalation alerts: re-syncs every unfinished escalation's timers with the
// ladder at start and after a reload, and, when its timer driver wakes it, fires the due ones in
// one transaction (alerts into the outbox, automatic advances as audited events). Logs counts,
// never a description.
#pragma once

#include "reminders/escalation_compose.h"
#include "store/case_store.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace reviewd::app {

class escalation_job {
public:
    using rules_source = std::function<std::shared_ptr<const store::rules_snapshot>()>;
    escalation_job(store::case_store& cases, rules_source rules,
                   reminders::escalation_compose_options compose, std::chrono::seconds late_after);

    void resync(core::instant now);
    std::optional<core::instant> next_at();
    // Returns the number of outbox messages written.
    int fire(core::instant now);

private:
    store::case_store& cases_;
    rules_source rules_;
    reminders::escalation_compose_options compose_;
    std::chrono::seconds late_after_;
};

} // namespace reviewd::app
