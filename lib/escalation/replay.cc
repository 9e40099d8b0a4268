// Replaying an escalation's history into its position; see replay.h.
#include "escalation/replay.h"

namespace reviewd::escalation {
namespace {

core::result<std::size_t> stage_index(const ladder& l, const std::string& id) {
    if (const auto i = l.index_of(id))
        return *i;
    return core::make_error(
        "unknown_stage", "the history names stage \"" + id + "\", which the ladder no longer has",
        "history");
}

void enter(position& p, std::size_t index, const event& e, const ladder& l) {
    p.stage = index;
    p.stage_entered_at = e.at;
    p.stage_entered_on = e.local_day;
    p.acknowledged_on.reset();
    p.responded_on.reset();
    p.pending.reset();
    if (e.checklist_on_entry && !e.checklist_on_entry->complete())
        p.entered_incomplete.push_back(index);
    if (l.stages[index].cafcass) {
        p.now = status::with_cafcass;
        p.cafcass_since = e.local_day;
        if (!p.total_stopped_on)
            p.total_stopped_on = e.local_day;
    } else {
        p.now = status::open;
    }
}

} // namespace

core::result<position> step(position p, const event& e, const ladder& l) {
    p.last_at = e.at;
    p.last_day = e.local_day;
    const auto enter_named = [&]() -> core::result<position> {
        auto i = stage_index(l, e.stage);
        if (!i)
            return i.err();
        enter(p, i.value(), e, l);
        return p;
    };
    switch (e.kind) {
    case event_kind::raised:
        p.raised = true;
        p.raised_at = e.at;
        p.raised_on = e.local_day;
        return enter_named();
    case event_kind::acknowledged:
        p.acknowledged_on = e.local_day;
        return p;
    case event_kind::responded:
        if (!p.responded_on)
            p.responded_on = e.local_day;
        return p;
    case event_kind::advanced:
    case event_kind::endorsed:
        return enter_named();
    case event_kind::mediated:
        if (e.proceed)
            return enter_named();
        p.pending.reset();
        p.now = status::open;
        return p;
    case event_kind::endorsement_requested:
    case event_kind::referred_to_cafcass: {
        if (e.kind == event_kind::referred_to_cafcass && !e.awaits_endorsement)
            return enter_named();
        auto i = stage_index(l, e.stage);
        if (!i)
            return i.err();
        p.pending = i.value();
        p.pending_since = e.local_day;
        p.now = status::awaiting_endorsement;
        return p;
    }
    case event_kind::cafcass_progress_report:
        p.last_report_on = e.local_day;
        ++p.reports;
        return p;
    case event_kind::withdrawn_from_cafcass:
    case event_kind::resolved:
        p.now = e.kind == event_kind::resolved ? status::resolved : status::withdrawn;
        p.pending.reset();
        p.finished_on = e.local_day;
        if (!p.total_stopped_on)
            p.total_stopped_on = e.local_day;
        return p;
    }
    return p;
}

core::result<position> replay(const escalation& e, const ladder& l) {
    position p;
    for (const event& recorded : e.history) {
        auto next = step(std::move(p), recorded, l);
        if (!next)
            return next.err();
        p = std::move(next).value();
    }
    return p;
}

} // namespace reviewd::escalation
