// apply(): checks one event against the escalation's replayed position and records it; the
// transition table is in escalation.h, the effect of each event in replay.cc.
#include "escalation/replay.h"

#include <chrono>

namespace reviewd::escalation {
namespace {

core::error illegal(std::string message) {
    return core::make_error("illegal_transition", std::move(message), "kind");
}
core::error wrong_role(std::string message) {
    return core::make_error("wrong_role", std::move(message), "role");
}
core::error invalid(std::string message, std::string field) {
    return core::make_error("invalid_event", std::move(message), std::move(field));
}

std::string on(core::day d) {
    return core::format_iso_date(d);
}

std::string kind_name(const event& e) {
    return std::string(to_string(e.kind));
}

using refusal = std::optional<core::error>;

// The checks every event passes: who, when, and in order.
refusal check_common(const escalation& x, const position& p, const event& e) {
    if (e.actor.empty())
        return invalid("the event names no actor", "actor");
    if (e.role.empty())
        return invalid("the event names no role", "role");
    const auto utc_day = std::chrono::floor<date::days>(e.at);
    if (e.local_day < utc_day - date::days{1} || e.local_day > utc_day + date::days{1})
        return invalid("local day " + on(e.local_day) +
                           " is not the date of the event's instant (" + on(utc_day) +
                           " UTC) in any time zone",
                       "local_day");
    if (!p.raised) {
        if (e.kind != event_kind::raised)
            return illegal("escalation " + x.id + " has not been raised: the first event must be " +
                           "raised, not " + kind_name(e));
        return std::nullopt;
    }
    if (e.kind == event_kind::raised)
        return illegal("escalation " + x.id + " was already raised on " + on(p.raised_on));
    if (p.now == status::resolved)
        return illegal(e.kind == event_kind::resolved
                           ? "escalation " + x.id + " is already resolved (on " +
                                 on(*p.finished_on) + ")"
                           : "escalation " + x.id + " was resolved on " + on(*p.finished_on) +
                                 ": nothing more can be recorded (" + kind_name(e) + ")");
    if (p.now == status::withdrawn)
        return illegal("escalation " + x.id + " was withdrawn from Cafcass on " +
                       on(*p.finished_on) + ": nothing more can be recorded (" + kind_name(e) +
                       ")");
    if (e.at < p.last_at || e.local_day < p.last_day)
        return core::make_error("out_of_order",
                                kind_name(e) + " on " + on(e.local_day) +
                                    " is earlier than the escalation's last event (" +
                                    on(p.last_day) + "): events are recorded in time order",
                                "at");
    return std::nullopt;
}

void snapshot_if_formal(const escalation& x, const stage& s, event& e) {
    if (s.formal)
        e.checklist_on_entry = x.checks;
}

refusal check_raised(const escalation& x, event& e, const ladder& l) {
    if (x.id.empty())
        return invalid("the escalation has no id", "id");
    if (x.child_ref.empty())
        return invalid("the escalation names no child", "child_ref");
    if (x.raised_by.empty())
        return invalid("the escalation names no IRO in raised_by", "raised_by");
    if (x.description.empty())
        return invalid("the escalation has no description", "description");
    if (x.description.size() > max_description_bytes)
        return invalid("the description is " + std::to_string(x.description.size()) +
                           " bytes; at most " + std::to_string(max_description_bytes) +
                           " (a short summary: the detail belongs in the case record)",
                       "description");
    if (e.role != iro_role)
        return wrong_role("only the IRO raises an escalation (role was " + e.role + ")");
    if (e.actor != x.raised_by)
        return wrong_role("escalation " + x.id + " is raised by " + x.raised_by + ", not " +
                          e.actor);
    const std::size_t index = e.stage.empty() ? 0 : l.index_of(e.stage).value_or(l.stages.size());
    if (index == l.stages.size())
        return core::make_error("unknown_stage", "no stage \"" + e.stage + "\" in the ladder",
                                "stage");
    const stage& s = l.stages[index];
    if (s.cafcass)
        return illegal("an escalation is raised inside the council; refer it to Cafcass with "
                       "referred_to_cafcass once raised");
    if (s.needs_endorsement)
        return illegal("stage " + s.id + " needs the IRO manager's endorsement: raise at a " +
                       "lower stage and request endorsement");
    e.stage = s.id;
    snapshot_if_formal(x, s, e);
    return std::nullopt;
}

refusal check_owner(const position& p, const event& e, const ladder& l) {
    const stage& here = l.stages[p.stage];
    if (p.now == status::with_cafcass)
        return illegal("Cafcass holds the case: it sends progress reports "
                       "(cafcass_progress_report), not " +
                       kind_name(e));
    if (e.role != here.owner_role)
        return wrong_role("only the " + here.owner_role + " role can " +
                          (e.kind == event_kind::acknowledged ? "acknowledge" : "respond") +
                          " at stage " + here.id + " (role was " + e.role + ")");
    if (e.kind == event_kind::acknowledged) {
        if (p.responded_on)
            return illegal("stage " + here.id + " already responded on " + on(*p.responded_on) +
                           ": nothing left to acknowledge");
        if (p.acknowledged_on)
            return illegal("stage " + here.id + " was already acknowledged on " +
                           on(*p.acknowledged_on));
    }
    return std::nullopt;
}

// The stage an advance or endorsement request names, which must be above the current one.
core::result<std::size_t> target_above(const position& p, const event& e, const ladder& l) {
    const stage& here = l.stages[p.stage];
    if (e.stage.empty()) {
        const std::size_t next = p.stage + 1;
        if (next >= l.stages.size() || l.stages[next].cafcass)
            return illegal(here.id + " is the top of the ladder inside the council: nothing is " +
                           "above it but a referral to Cafcass (referred_to_cafcass)");
        return next;
    }
    const auto index = l.index_of(e.stage);
    if (!index)
        return core::make_error("unknown_stage", "no stage \"" + e.stage + "\" in the ladder",
                                "stage");
    if (l.stages[*index].cafcass)
        return illegal("Cafcass is reached by referred_to_cafcass, not by " + kind_name(e));
    if (*index <= p.stage)
        return illegal(e.stage + " is not above " + here.id + ": an escalation only climbs");
    return *index;
}

refusal check_climb(const escalation& x, const position& p, event& e, const ladder& l) {
    if (p.now == status::with_cafcass)
        return illegal("escalation " + x.id + " is with Cafcass: the ladder has been left");
    if (p.now == status::awaiting_endorsement)
        return illegal("an endorsement of " + l.stages[*p.pending].id + " is pending since " +
                       on(p.pending_since) + ": it must be endorsed or mediated first");
    auto target = target_above(p, e, l);
    if (!target)
        return target.err();
    const std::size_t index = target.value();
    const stage& here = l.stages[p.stage];
    const stage& there = l.stages[index];
    if (e.role == system_role) {
        if (!here.auto_escalate || p.responded_on || index != p.stage + 1)
            return wrong_role("reviewd advances by itself only to the next stage, from a stage "
                              "that escalates automatically and has not responded");
    } else if (e.role != iro_role) {
        return wrong_role("only the IRO climbs the ladder (role was " + e.role + ")");
    }
    if (e.kind == event_kind::advanced && there.needs_endorsement)
        return illegal("entering " + there.id + " needs the IRO manager's endorsement: " +
                       "request it (endorsement_requested)");
    if (e.kind == event_kind::endorsement_requested && !there.needs_endorsement)
        return illegal(there.id + " needs no endorsement: advance to it");
    e.stage = there.id;
    if (e.kind == event_kind::advanced)
        snapshot_if_formal(x, there, e);
    else
        e.awaits_endorsement = true;
    return std::nullopt;
}

refusal check_endorsement(const escalation& x, const position& p, event& e, const ladder& l) {
    if (e.kind == event_kind::endorsed && !e.stage.empty()) {
        const stage* named = l.find(e.stage);
        if (!named)
            return core::make_error("unknown_stage", "no stage \"" + e.stage + "\" in the ladder",
                                    "stage");
        if (!named->needs_endorsement)
            return illegal(named->id + " needs no endorsement");
    }
    if (p.now != status::awaiting_endorsement)
        return illegal(e.kind == event_kind::endorsed
                           ? "escalation " + x.id + " has no endorsement pending"
                           : "mediation settles a pending endorsement between the IRO and the IRO "
                             "manager; escalation " +
                                 x.id + " has none pending");
    const stage& pending = l.stages[*p.pending];
    if (!e.stage.empty() && e.stage != pending.id)
        return illegal("the pending endorsement is for " + pending.id + ", not " + e.stage);
    if (e.kind == event_kind::endorsed && e.role != iro_manager_role)
        return wrong_role("only the IRO manager endorses (role was " + e.role + ")");
    if (e.kind == event_kind::mediated && e.role != l.mediator_role)
        return wrong_role("only the " + l.mediator_role + " role mediates (role was " + e.role +
                          ")");
    e.stage = pending.id;
    if (e.kind == event_kind::endorsed || e.proceed)
        snapshot_if_formal(x, pending, e);
    return std::nullopt;
}

refusal check_referral(const escalation& x, const position& p, event& e, const ladder& l) {
    if (p.now == status::with_cafcass)
        return illegal("escalation " + x.id + " is already with Cafcass (since " +
                       on(*p.cafcass_since) + ")");
    const stage& cafcass = l.stages[*l.cafcass_index()];
    if (p.now == status::awaiting_endorsement && *p.pending == *l.cafcass_index())
        return illegal("the referral of escalation " + x.id + " to Cafcass awaits endorsement");
    if (e.role != iro_role)
        return wrong_role("only the IRO refers to Cafcass (role was " + e.role + ")");
    if (!e.stage.empty() && e.stage != cafcass.id)
        return illegal("a referral goes to the Cafcass stage " + cafcass.id + ", not " + e.stage);
    e.stage = cafcass.id;
    if (cafcass.needs_endorsement)
        e.awaits_endorsement = true;
    else
        snapshot_if_formal(x, cafcass, e);
    return std::nullopt;
}

refusal check_cafcass_only(const escalation& x, const position& p, const event& e) {
    if (p.now != status::with_cafcass)
        return illegal(e.kind == event_kind::cafcass_progress_report
                           ? "escalation " + x.id +
                                 " is not with Cafcass: no progress report is "
                                 "expected"
                           : "escalation " + x.id +
                                 " is not with Cafcass: there is no referral "
                                 "to withdraw");
    if (e.kind == event_kind::withdrawn_from_cafcass && e.role != iro_role &&
        e.role != cafcass_role)
        return wrong_role("the IRO or Cafcass records a withdrawal (role was " + e.role + ")");
    return std::nullopt;
}

refusal check_resolved(const position& p, event& e, const ladder& l) {
    if (e.role != iro_role)
        return wrong_role("only the IRO resolves an escalation (role was " + e.role + ")");
    if (e.note.empty())
        return invalid("a resolution needs its outcome", "note");
    const stage& reached = l.stages[p.stage];
    if (!e.stage.empty() && e.stage != reached.id)
        return illegal("the escalation is at " + reached.id + ", not " + e.stage);
    e.stage = reached.id;
    return std::nullopt;
}

refusal check(const escalation& x, const position& p, event& e, const ladder& l) {
    if (auto r = check_common(x, p, e))
        return r;
    switch (e.kind) {
    case event_kind::raised:
        return check_raised(x, e, l);
    case event_kind::acknowledged:
    case event_kind::responded:
        return check_owner(p, e, l);
    case event_kind::advanced:
    case event_kind::endorsement_requested:
        return check_climb(x, p, e, l);
    case event_kind::endorsed:
    case event_kind::mediated:
        return check_endorsement(x, p, e, l);
    case event_kind::referred_to_cafcass:
        return check_referral(x, p, e, l);
    case event_kind::cafcass_progress_report:
    case event_kind::withdrawn_from_cafcass:
        return check_cafcass_only(x, p, e);
    case event_kind::resolved:
        return check_resolved(p, e, l);
    }
    return illegal("unknown event kind");
}

} // namespace

core::result<escalation> apply(const escalation& current, const event& e, const ladder& l) {
    if (!l.cafcass_index() || l.stages.front().cafcass)
        return core::make_error("invalid_ladder", "the ladder has not been validated", "ladder");
    auto replayed = replay(current, l);
    if (!replayed)
        return replayed.err();
    event recorded = e;
    recorded.checklist_on_entry.reset();
    recorded.awaits_endorsement = false;
    if (auto refused = check(current, replayed.value(), recorded, l))
        return *refused;
    auto next = step(std::move(replayed).value(), recorded, l);
    if (!next)
        return next.err();
    escalation out = current;
    out.history.push_back(std::move(recorded));
    return out;
}

} // namespace reviewd::escalation
