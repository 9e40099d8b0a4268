// A store with staff and one child ready for escalations: IRO I1 (managed by M1, the IRO
// manager), team manager T1 below service manager S1 below head of service H1, director D1;
// child C1 assigned to I1 and T1. Escalations are written as the API would, at instants given
// as ISO text; the ladder is the default one unless a test changes `setup`.
#pragma once

#include "store/escalation_records.h"
#include "store/store_fixture.h"

#include <string>

namespace reviewd::test {

// "2026-06-01T10:00:00Z" as an instant.
core::instant utc(const std::string& iso);

struct escalation_store_fixture : store_fixture {
    store::escalation_setup setup;
    const date::time_zone* london = date::locate_zone("Europe/London");

    escalation_store_fixture();
    store::escalation_context ctx() const;

    // ESC-n raised by I1 about C1 at the first stage; fails the test if refused.
    std::string raise(const std::string& when = "2026-06-01T10:00:00Z",
                      const std::string& stage = {});
    core::result<store::escalation_outcome>
    act(const std::string& id, const store::escalation_action& a, const std::string& when);
    // An action with its kind, actor and role.
    static store::escalation_action action(escalation::event_kind kind, const std::string& actor,
                                           const std::string& role, const std::string& stage = {},
                                           const std::string& note = {});
    // Fires due escalation timers at `when`, recording what the composer was given.
    store::escalation_firing_result fire(const std::string& when);
    std::vector<std::vector<store::due_escalation_timer>> batches;

    // Pending timer keys of an escalation, sorted.
    std::vector<std::string> pending_keys(const std::string& id);
};

} // namespace reviewd::test
