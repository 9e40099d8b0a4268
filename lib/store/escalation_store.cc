// Escalations in the store: raising one, recording each action on it, the checklist, reads and
// the list; every write is one transaction with its audit row; see case_store.h.
#include "store/escalation_store_impl.h"

#include "escalation/state.h"

namespace reviewd::store {
namespace {

std::string checklist_detail(const escalation::checklist& c) {
    return "complaints_procedure_explained=" + std::to_string(c.complaints_procedure_explained) +
           " advocate_offered=" + std::to_string(c.advocate_offered) +
           " wishes_and_feelings_recorded=" + std::to_string(c.wishes_and_feelings_recorded);
}

std::string timers_detail(int added, int removed) {
    return "timers=+" + std::to_string(added) + "-" + std::to_string(removed);
}

core::error no_escalation(const std::string& id) {
    return core::make_error("not_found", "no escalation \"" + id + "\"");
}

// The event an action becomes, stamped with the time of the write.
escalation::event event_of(const escalation_action& a, core::instant now,
                           const escalation_context& ctx) {
    escalation::event e;
    e.kind = a.kind;
    e.at = whole_seconds(now);
    e.local_day = local_day_of(e.at, ctx.zone);
    e.actor = a.actor;
    e.role = a.role;
    e.stage = a.stage;
    e.note = a.note;
    e.proceed = a.proceed;
    return e;
}

// The tail every escalation write shares, inside the caller's transaction: append what apply()
// accepted, rewrite the cache, re-sync the timers, audit.
escalation_outcome commit_events(connection& db, const escalation_row& row,
                                 const escalation::escalation& after, std::string_view action,
                                 const escalation_context& ctx, const actor& who,
                                 const std::string& now) {
    append_escalation_events(db, row, after, row.stored.record.history.size(), ctx);
    write_escalation_cache(db, row.id, after, ctx, now);
    escalation_outcome out;
    sync_escalation_timers(db, row.id, after, ctx, &out.timers_added, &out.timers_removed);
    const escalation::event& last = after.history.back();
    append_audit(db, now, who, action, "escalation " + after.id,
                 "child=" + after.child_ref + " seq=" + std::to_string(after.history.size()) +
                     " stage=" + last.stage + " by=" + last.actor + " " +
                     timers_detail(out.timers_added, out.timers_removed));
    out.after = load_escalation(db, row.id).value().stored;
    return out;
}

} // namespace

std::optional<escalation_context> rules_snapshot::escalation_view() const {
    if (!zone)
        return std::nullopt;
    const calendar::working_calendar* cal = loaded.calendars.find(escalations.holidays);
    if (!cal)
        return std::nullopt;
    return escalation_context{escalations, *cal, *zone};
}

core::result<escalation_outcome> case_store::raise_escalation(const new_escalation& x,
                                                              const escalation_context& ctx,
                                                              const actor& who, core::instant now) {
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    auto child = db.prepare("SELECT id, archived_at FROM children WHERE ref = ?1");
    child.bind(1, x.child);
    if (!child.step())
        return not_found("child", x.child, "child");
    if (!child.is_null(1))
        return core::make_error(
            "archived", "child \"" + x.child + "\" is archived: its case is closed", "child");
    auto iro = db.prepare("SELECT role, active FROM people WHERE ref = ?1");
    iro.bind(1, x.raised_by);
    if (!iro.step())
        return not_found("person", x.raised_by, "iro");
    if (iro.text(0) != escalation::iro_role || iro.integer(1) == 0)
        return core::make_error(
            "invalid_value",
            "\"" + x.raised_by + "\" is " +
                (iro.integer(1) == 0 ? "no longer active" : "a " + iro.text(0) + ", not an IRO"),
            "iro");
    escalation_row row;
    row.child_id = child.integer(0);
    auto next = db.prepare("SELECT coalesce(max(id), 0) + 1 FROM escalations");
    next.step();
    row.id = next.integer(0);

    escalation::escalation draft;
    draft.id = escalation_ref(row.id);
    draft.child_ref = x.child;
    draft.raised_by = x.raised_by;
    draft.what = x.what;
    draft.description = x.description;
    draft.checks = x.checks;
    escalation_action raise;
    raise.kind = escalation::event_kind::raised;
    raise.actor = x.raised_by;
    raise.role = std::string(escalation::iro_role);
    raise.stage = x.stage;
    auto applied = escalation::apply(draft, event_of(raise, now, ctx), ctx.ladder());
    if (!applied)
        return applied.err();
    const escalation::escalation& after = applied.value();
    const std::string at = utc_text(now);
    db.prepare("INSERT INTO escalations (id, child_id, raised_by, category, description, status, "
               "stage, raised_on, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8)")
        .bind(1, row.id)
        .bind(2, row.child_id)
        .bind(3, after.raised_by)
        .bind(4, std::string(escalation::to_string(after.what)))
        .bind(5, after.description)
        .bind(6, after.history.front().stage)
        .bind(7, core::format_iso_date(after.history.front().local_day))
        .bind(8, at)
        .run();
    row.stored.record = draft; // nothing recorded yet: every event of `after` is new
    auto out = commit_events(db, row, after, "escalation.raised", ctx, who, at);
    tx.commit();
    return out;
}

core::result<escalation_outcome>
case_store::record_escalation(const std::string& id, const escalation_action& action,
                              const escalation_context& ctx, const actor& who, core::instant now) {
    const auto number = escalation_number(id);
    if (!number)
        return no_escalation(id);
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    const auto row = load_escalation(db, *number);
    if (!row)
        return no_escalation(id);
    escalation::escalation current = row->stored.record;
    if (action.checklist)
        current.checks = *action.checklist;
    auto applied = escalation::apply(current, event_of(action, now, ctx), ctx.ladder());
    if (!applied)
        return applied.err();
    auto out = commit_events(db, *row, applied.value(),
                             "escalation." + std::string(escalation::to_string(action.kind)), ctx,
                             who, utc_text(now));
    tx.commit();
    return out;
}

core::result<escalation_outcome>
case_store::set_escalation_checklist(const std::string& id, const escalation::checklist& checks,
                                     const escalation_context& ctx, const actor& who,
                                     core::instant now) {
    const auto number = escalation_number(id);
    if (!number)
        return no_escalation(id);
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    const auto row = load_escalation(db, *number);
    if (!row)
        return no_escalation(id);
    const stored_escalation& s = row->stored;
    if (s.status == "resolved" || s.status == "withdrawn")
        return core::make_error("illegal_transition",
                                "escalation " + id + " is " + s.status +
                                    ": its checklist is part of the closed record",
                                "kind");
    escalation_outcome out;
    out.after = s;
    if (s.record.checks == checks)
        return out; // nothing changed: nothing written, nothing audited
    escalation::escalation after = s.record;
    after.checks = checks;
    const std::string at = utc_text(now);
    write_escalation_cache(db, row->id, after, ctx, at);
    append_audit(db, at, who, "escalation.checklist", "escalation " + id,
                 "child=" + after.child_ref + " " + checklist_detail(checks));
    out.after = load_escalation(db, row->id).value().stored;
    tx.commit();
    return out;
}

std::optional<stored_escalation> case_store::get_escalation(const std::string& id) {
    const auto number = escalation_number(id);
    if (!number)
        return std::nullopt;
    auto lease = read();
    auto row = load_escalation(lease.db(), *number);
    if (!row)
        return std::nullopt;
    return std::move(row->stored);
}

escalation_page case_store::list_escalations(const escalation_filter& filter, core::day today) {
    std::string sql =
        "SELECT e.id, c.ref, e.raised_by, e.category, e.status, e.stage, e.raised_on, "
        "e.stale_from, e.updated_at FROM escalations e JOIN children c ON c.id = e.child_id "
        "WHERE 1";
    if (filter.status) {
        if (*filter.status == "open")
            sql += " AND e.status IN ('open', 'awaiting_endorsement', 'with_cafcass')";
        else if (*filter.status == "stale")
            sql += " AND e.status IN ('open', 'awaiting_endorsement') AND e.stale_from <= ?1";
        else
            sql += " AND e.status = ?2";
    }
    if (filter.stage)
        sql += " AND e.stage = ?3";
    if (filter.iro)
        sql += " AND e.child_id IN (SELECT a.child_id FROM assignments a JOIN people p ON p.id = "
               "a.person_id WHERE a.relation = 'iro' AND p.ref = ?4)";
    if (filter.child)
        sql += " AND c.ref = ?5";
    const auto after = filter.cursor ? escalation_number(*filter.cursor) : std::nullopt;
    if (after)
        sql += " AND e.id > ?6";
    sql += " ORDER BY e.id LIMIT ?7";

    auto lease = read();
    auto st = lease->prepare(sql);
    if (filter.status)
        st.bind(1, core::format_iso_date(today)).bind(2, *filter.status);
    if (filter.stage)
        st.bind(3, *filter.stage);
    if (filter.iro)
        st.bind(4, *filter.iro);
    if (filter.child)
        st.bind(5, *filter.child);
    if (after)
        st.bind(6, *after);
    st.bind(7, filter.limit + 1);

    escalation_page page;
    while (st.step()) {
        if (static_cast<int>(page.items.size()) == filter.limit) {
            page.next_cursor = page.items.back().id;
            break;
        }
        listed_escalation item;
        item.id = escalation_ref(st.integer(0));
        item.child = st.text(1);
        item.raised_by = st.text(2);
        item.category = st.text(3);
        item.status = st.text(4);
        item.stage = st.text(5);
        item.raised_on = core::parse_iso_date(st.text(6)).value_or(core::day{});
        if (const auto stale = st.optional_text(7))
            item.stale_from = core::parse_iso_date(*stale);
        item.updated_at = st.text(8);
        page.items.push_back(std::move(item));
    }
    return page;
}

escalation_resync case_store::resync_escalations(const escalation_context& ctx, core::instant now) {
    std::vector<std::int64_t> ids;
    {
        auto lease = read();
        auto st = lease->prepare(
            "SELECT id FROM escalations WHERE status NOT IN ('resolved', 'withdrawn') ORDER BY id");
        while (st.step())
            ids.push_back(st.integer(0));
    }
    escalation_resync result;
    result.seen = static_cast<int>(ids.size());
    const std::string at = utc_text(now);
    for (const std::int64_t id : ids) {
        std::lock_guard lock(impl_->write_mutex);
        connection& db = impl_->writer;
        transaction tx(db);
        const auto row = load_escalation(db, id);
        if (!row)
            continue;
        const escalation::escalation& e = row->stored.record;
        if (auto replayed =
                escalation::state_of(e, ctx.ladder(), ctx.calendar, row->stored.raised_on);
            !replayed) {
            result.problems.push_back(e.id + ": " + core::describe(replayed.err()) +
                                      " (its timers are left as they were)");
            continue;
        }
        int added = 0, removed = 0;
        sync_escalation_timers(db, id, e, ctx, &added, &removed);
        write_escalation_cache(db, id, e, ctx, row->stored.updated_at);
        if (added + removed > 0) {
            ++result.changed;
            append_audit(db, at, {"reviewd:escalation-resync"}, "escalation.resync",
                         "escalation " + e.id,
                         "child=" + e.child_ref + " " + timers_detail(added, removed));
        }
        tx.commit();
    }
    return result;
}

} // namespace reviewd::store
