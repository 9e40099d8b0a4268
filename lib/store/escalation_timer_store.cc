// Escalation alert timers firing: due timers become outbox messages (or are skipped) and due
// automatic advances are applied, all in one transaction; see case_store.h.
#include "store/escalation_store_impl.h"

#include "escalation/auto_escalate.h"
#include "escalation/state.h"
#include "escalation/timers.h"
#include "schedule/timers.h"

#include <map>

namespace reviewd::store {
namespace {

struct pending_timer {
    std::int64_t id = 0;
    std::string key;
    std::string kind;
    std::int64_t fire_at = 0;
};

// One firing transaction's bookkeeping.
struct firing_batch {
    connection& db;
    const escalation_context& ctx;
    const escalation_firing& how;
    std::int64_t at = 0;
    core::day today;
    std::vector<due_escalation_timer> due;
    escalation_firing_result result;

    bool late(const pending_timer& t) const {
        return std::chrono::seconds(at - t.fire_at) > how.late_after;
    }
    void skip(const pending_timer& t, const std::string& why) {
        db.prepare("UPDATE escalation_timers SET state = 'skipped', fired_at = ?1, note = ?2 "
                   "WHERE id = ?3")
            .bind(1, at)
            .bind(2, why)
            .bind(3, t.id)
            .run();
        ++result.skipped;
        ++result.skipped_because[why];
    }
    void fire(const pending_timer& t, const std::optional<std::string>& note) {
        db.prepare("UPDATE escalation_timers SET state = 'fired', fired_at = ?1, late = ?2, "
                   "note = ?3 WHERE id = ?4")
            .bind(1, at)
            .bind(2, late(t) ? 1 : 0)
            .bind(3, note)
            .bind(4, t.id)
            .run();
        ++result.fired;
        result.late += late(t) ? 1 : 0;
    }

    std::optional<contact> find(const escalation_row& row, escalation::audience a,
                                const std::string& stage) {
        const escalation::escalation& e = row.stored.record;
        switch (a) {
        case escalation::audience::iro:
            return find_iro(db, row.child_id, e);
        case escalation::audience::iro_manager:
            return find_iro_manager(db, row.child_id, e);
        case escalation::audience::stage_owner:
            if (const escalation::stage* s = ctx.ladder().find(stage))
                return find_stage_owner(db, row.child_id, e, *s, ctx.setup);
            return std::nullopt;
        }
        return std::nullopt;
    }

    // The item the composer words, addressed to `a` (webhooks go whether or not it has an email).
    due_escalation_timer item(const escalation_row& row, const pending_timer& t,
                              const std::string& kind, escalation::audience a,
                              const std::string& stage) {
        const escalation::escalation& e = row.stored.record;
        due_escalation_timer d;
        d.timer_id = t.id;
        d.key = t.key;
        d.kind = kind;
        d.audience = std::string(escalation::to_string(a));
        d.escalation = e.id;
        d.child = e.child_ref;
        d.category = std::string(escalation::to_string(e.what));
        d.stage = stage;
        if (const escalation::stage* s = ctx.ladder().find(stage))
            d.owner_role = s->owner_role;
        d.fire_at = t.fire_at;
        d.late = late(t);
        if (const auto who = find(row, a, stage))
            d.email = who->email;
        return d;
    }

    void alert(const escalation_row& row, const pending_timer& t, const escalation::timer& spec,
               const escalation::escalation_state& state) {
        auto d = item(row, t, std::string(escalation::to_string(spec.kind)), *spec.to, spec.stage);
        d.chase = spec.chase;
        using k = escalation::timer_kind;
        switch (spec.kind) {
        case k::stage_stale:
        case k::stage_chase:
            if (state.stage)
                d.due_on = state.stage->response_due;
            break;
        case k::endorsement_stale:
        case k::endorsement_chase:
            if (state.endorsement)
                d.due_on = state.endorsement->due;
            break;
        case k::total_breached:
            d.due_on = state.total.limit_day;
            break;
        case k::cafcass_report_late:
        case k::cafcass_report_chase:
            if (state.cafcass)
                d.due_on = state.cafcass->next_report_due;
            break;
        case k::auto_advance:
            break;
        }
        if (d.due_on)
            d.working_days_overdue = ctx.calendar.working_days_between(*d.due_on, today);
        std::optional<std::string> note;
        if (!d.email) {
            note = "no address for " + d.audience;
            ++result.without_email;
        }
        fire(t, note);
        due.push_back(std::move(d));
    }

    // Applies the automatic advances due by today, records them, and tells the IRO, the IRO
    // manager and the owner of a stage entered.
    void advance(const escalation_row& row, const pending_timer& t) {
        const escalation::escalation& e = row.stored.record;
        const auto stamp = [&](core::day d) {
            return whole_seconds(schedule::local_instant(d, ctx.setup.local_time, ctx.zone));
        };
        auto climbed = escalation::auto_escalate(e, ctx.ladder(), ctx.calendar, today, stamp);
        if (!climbed) {
            skip(t, "automatic advance refused: " + climbed.err().message);
            return;
        }
        const escalation::escalation& after = climbed.value();
        if (after.history.size() == e.history.size()) {
            skip(t, "nothing to advance");
            return;
        }
        fire(t, std::nullopt);
        const std::string now_text = utc_text(core::instant{std::chrono::seconds(at)});
        append_escalation_events(db, row, after, e.history.size(), ctx);
        write_escalation_cache(db, row.id, after, ctx, now_text);
        int added = 0, removed = 0;
        sync_escalation_timers(db, row.id, after, ctx, &added, &removed);
        std::string from = row.stored.stage;
        std::string path = from;
        for (std::size_t i = e.history.size(); i < after.history.size(); ++i) {
            const escalation::event& ev = after.history[i];
            path += (ev.awaits_endorsement ? "->(endorsement)" : "->") + ev.stage;
            std::vector<escalation::audience> to = {escalation::audience::iro,
                                                    escalation::audience::iro_manager};
            if (!ev.awaits_endorsement)
                to.push_back(escalation::audience::stage_owner);
            pending_timer notice = t;
            notice.key = t.key + "/" + std::to_string(i + 1);
            escalation_row now_row = row;
            now_row.stored.record = after;
            for (const auto a : to) {
                auto d = item(now_row, notice, "auto_advanced", a, ev.stage);
                d.from_stage = from;
                d.awaits_endorsement = ev.awaits_endorsement;
                d.due_on = ev.local_day;
                d.working_days_overdue = 0;
                due.push_back(std::move(d));
            }
            from = ev.stage;
        }
        ++result.auto_advanced;
        append_audit(db, now_text, {"reviewd:auto-escalation"}, "escalation.auto_advanced",
                     "escalation " + e.id,
                     "child=" + e.child_ref + " stages=" + path +
                         " events=" + std::to_string(after.history.size() - e.history.size()) +
                         " timers=+" + std::to_string(added) + "-" + std::to_string(removed));
    }

    void escalation_due(std::int64_t id, const std::vector<pending_timer>& timers) {
        const auto row = load_escalation(db, id);
        if (!row) {
            for (const auto& t : timers)
                skip(t, "escalation not found");
            return;
        }
        if (row->stored.child_archived) {
            for (const auto& t : timers)
                skip(t, "the child's case is closed (archived)");
            return;
        }
        const escalation::escalation& e = row->stored.record;
        auto wanted = escalation::timers_for(e, ctx.ladder(), ctx.calendar);
        auto state = escalation::state_of(e, ctx.ladder(), ctx.calendar, today);
        if (!wanted || !state) {
            const auto& why = !wanted ? wanted.err() : state.err();
            for (const auto& t : timers)
                skip(t, "cannot replay under the current ladder: " + why.message);
            return;
        }
        std::map<std::string, const escalation::timer*> by_key;
        for (const auto& spec : wanted.value())
            by_key.emplace(spec.key, &spec);
        std::vector<const pending_timer*> autos;
        for (const auto& t : timers) {
            const auto spec = by_key.find(t.key);
            if (spec == by_key.end())
                skip(t, "no longer applies");
            else if (spec->second->kind == escalation::timer_kind::auto_advance)
                autos.push_back(&t);
            else
                alert(*row, t, *spec->second, state.value());
        }
        // After the alerts are marked fired: the advance re-syncs, dropping the old stage's
        // pending timers.
        for (const auto* t : autos)
            advance(*row, *t);
    }
};

} // namespace

std::optional<core::instant> case_store::next_escalation_timer_at() {
    auto lease = read();
    auto st = lease->prepare("SELECT min(fire_at) FROM escalation_timers WHERE state = 'pending'");
    st.step();
    if (st.is_null(0))
        return std::nullopt;
    return core::instant{std::chrono::seconds(st.integer(0))};
}

escalation_firing_result case_store::fire_due_escalation_timers(core::instant now,
                                                                const escalation_context& ctx,
                                                                const escalation_firing& how) {
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    firing_batch batch{db, ctx, how, unix_seconds_of(now), local_day_of(now, ctx.zone), {}, {}};
    std::map<std::int64_t, std::vector<pending_timer>> by_escalation;
    {
        auto st = db.prepare("SELECT id, escalation_id, key, kind, fire_at FROM escalation_timers "
                             "WHERE state = 'pending' AND fire_at <= ?1 ORDER BY fire_at, id");
        st.bind(1, batch.at);
        while (st.step())
            by_escalation[st.integer(1)].push_back(
                {st.integer(0), st.text(2), st.text(3), st.integer(4)});
    }
    for (const auto& [id, timers] : by_escalation)
        batch.escalation_due(id, timers);
    if (!batch.due.empty() && how.compose)
        for (const auto& m : how.compose(batch.due))
            batch.result.messages += insert_outbox_message(db, m, batch.at);
    tx.commit();
    return batch.result;
}

} // namespace reviewd::store
