// Escalation rows: reading an escalation with its history, appending events, the list cache and
// the alert timers kept by key; see escalation_store_impl.h.
#include "store/escalation_store_impl.h"

#include "escalation/state.h"
#include "escalation/timers.h"
#include "schedule/timers.h"

#include <charconv>
#include <map>
#include <set>

namespace reviewd::store {
namespace {

std::string checklist_text(const escalation::checklist& c) {
    return std::string{c.complaints_procedure_explained ? '1' : '0', c.advocate_offered ? '1' : '0',
                       c.wishes_and_feelings_recorded ? '1' : '0'};
}

std::optional<escalation::checklist> checklist_of(const std::optional<std::string>& text) {
    if (!text || text->size() != 3)
        return std::nullopt;
    escalation::checklist c;
    c.complaints_procedure_explained = (*text)[0] == '1';
    c.advocate_offered = (*text)[1] == '1';
    c.wishes_and_feelings_recorded = (*text)[2] == '1';
    return c;
}

core::day stored_day(const std::string& text, const char* what) {
    const auto d = core::parse_iso_date(text);
    if (!d)
        throw std::runtime_error(std::string("escalations: stored ") + what + " \"" + text +
                                 "\" is not a date");
    return *d;
}

// Whom an event put the question to: the owner of the stage it entered, or the IRO manager when
// it asks for an endorsement.
std::optional<std::string> asked_by(connection& db, const escalation_row& row,
                                    const escalation::escalation& e, const escalation::event& ev,
                                    const escalation_context& ctx) {
    using k = escalation::event_kind;
    std::optional<contact> who;
    if (ev.awaits_endorsement)
        who = find_iro_manager(db, row.child_id, e);
    else if (ev.kind == k::raised || ev.kind == k::advanced || ev.kind == k::endorsed ||
             ev.kind == k::referred_to_cafcass || (ev.kind == k::mediated && ev.proceed)) {
        if (const escalation::stage* s = ctx.ladder().find(ev.stage))
            who = find_stage_owner(db, row.child_id, e, *s, ctx.setup);
    }
    if (!who || who->ref.empty())
        return std::nullopt;
    return who->ref;
}

} // namespace

std::string escalation_ref(std::int64_t id) {
    return "ESC-" + std::to_string(id);
}

std::optional<std::int64_t> escalation_number(const std::string& ref) {
    if (ref.size() < 5 || ref.compare(0, 4, "ESC-") != 0)
        return std::nullopt;
    std::int64_t n = 0;
    const char* end = ref.data() + ref.size();
    const auto [ptr, ec] = std::from_chars(ref.data() + 4, end, n);
    if (ec != std::errc{} || ptr != end || n <= 0 || ref[4] == '0')
        return std::nullopt;
    return n;
}

bool valid_escalation_status_filter(const std::string& status) {
    static const std::set<std::string, std::less<>> known = {
        "open", "stale", "awaiting_endorsement", "with_cafcass", "resolved", "withdrawn"};
    return known.count(status) > 0;
}

bool valid_escalation_cursor(const std::string& cursor) {
    return escalation_number(cursor).has_value();
}

core::day local_day_of(core::instant at, const date::time_zone& zone) {
    const auto local = zone.to_local(std::chrono::time_point_cast<std::chrono::seconds>(at));
    return core::day{std::chrono::floor<date::days>(local).time_since_epoch()};
}

core::instant whole_seconds(core::instant at) {
    return std::chrono::time_point_cast<std::chrono::seconds>(at);
}

std::int64_t unix_seconds_of(core::instant at) {
    return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

std::string utc_text(core::instant at) {
    return date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(at));
}

std::optional<escalation_row> load_escalation(connection& db, std::int64_t id) {
    auto st = db.prepare(
        "SELECT e.id, e.child_id, c.ref, c.archived_at, e.raised_by, e.category, e.description, "
        "e.complaints_procedure_explained, e.advocate_offered, e.wishes_and_feelings_recorded, "
        "e.status, e.stage, e.stale_from, e.raised_on, e.updated_at "
        "FROM escalations e JOIN children c ON c.id = e.child_id WHERE e.id = ?1");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    escalation_row row;
    row.id = st.integer(0);
    row.child_id = st.integer(1);
    stored_escalation& s = row.stored;
    escalation::escalation& e = s.record;
    e.id = escalation_ref(row.id);
    e.child_ref = st.text(2);
    s.child_archived = !st.is_null(3);
    e.raised_by = st.text(4);
    const auto what = escalation::category_from(st.text(5));
    if (!what)
        throw std::runtime_error("escalations: " + e.id + " has an unknown category \"" +
                                 st.text(5) + "\"");
    e.what = *what;
    e.description = st.text(6);
    e.checks.complaints_procedure_explained = st.integer(7) != 0;
    e.checks.advocate_offered = st.integer(8) != 0;
    e.checks.wishes_and_feelings_recorded = st.integer(9) != 0;
    s.status = st.text(10);
    s.stage = st.text(11);
    if (const auto stale = st.optional_text(12))
        s.stale_from = stored_day(*stale, "stale_from");
    s.raised_on = stored_day(st.text(13), "raised_on");
    s.updated_at = st.text(14);

    auto ev = db.prepare("SELECT kind, at, local_day, actor, role, stage, note, proceed, "
                         "checklist_on_entry, awaits_endorsement, asked FROM escalation_events "
                         "WHERE escalation_id = ?1 ORDER BY seq");
    ev.bind(1, id);
    while (ev.step()) {
        escalation::event x;
        const auto kind = escalation::event_kind_from(ev.text(0));
        if (!kind)
            throw std::runtime_error("escalations: " + e.id + " has an event of unknown kind \"" +
                                     ev.text(0) + "\"");
        x.kind = *kind;
        x.at = core::instant{std::chrono::seconds(ev.integer(1))};
        x.local_day = stored_day(ev.text(2), "local_day");
        x.actor = ev.text(3);
        x.role = ev.text(4);
        x.stage = ev.text(5);
        x.note = ev.text(6);
        x.proceed = ev.integer(7) != 0;
        x.checklist_on_entry = checklist_of(ev.optional_text(8));
        x.awaits_endorsement = ev.integer(9) != 0;
        e.history.push_back(std::move(x));
        s.asked.push_back(ev.optional_text(10));
    }
    return row;
}

void append_escalation_events(connection& db, const escalation_row& row,
                              const escalation::escalation& after, std::size_t from,
                              const escalation_context& ctx) {
    auto ins = db.prepare(
        "INSERT INTO escalation_events (escalation_id, seq, kind, at, local_day, actor, role, "
        "stage, note, proceed, checklist_on_entry, awaits_endorsement, asked) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    for (std::size_t i = from; i < after.history.size(); ++i) {
        const escalation::event& ev = after.history[i];
        std::optional<std::string> checklist;
        if (ev.checklist_on_entry)
            checklist = checklist_text(*ev.checklist_on_entry);
        ins.bind(1, row.id)
            .bind(2, static_cast<std::int64_t>(i + 1))
            .bind(3, std::string(escalation::to_string(ev.kind)))
            .bind(4, unix_seconds_of(ev.at))
            .bind(5, core::format_iso_date(ev.local_day))
            .bind(6, ev.actor)
            .bind(7, ev.role)
            .bind(8, ev.stage)
            .bind(9, ev.note)
            .bind(10, ev.proceed ? 1 : 0)
            .bind(11, checklist)
            .bind(12, ev.awaits_endorsement ? 1 : 0)
            .bind(13, asked_by(db, row, after, ev, ctx))
            .run();
        ins.reset();
    }
}

escalation_cache cache_of(const escalation::escalation& e, const escalation_context& ctx) {
    // Due days do not depend on `today`; the latest event's day serves.
    auto state = escalation::state_of(e, ctx.ladder(), ctx.calendar, e.history.back().local_day);
    if (!state)
        throw std::runtime_error("escalations: " + e.id + ": " + core::describe(state.err()));
    const escalation::escalation_state& s = state.value();
    escalation_cache c{std::string(escalation::to_string(s.now)), s.stage_reached, std::nullopt};
    const auto earliest = [&](core::day due) {
        const core::day from = due + date::days{1};
        c.stale_from = c.stale_from ? std::min(*c.stale_from, from) : from;
    };
    if (s.stage && !s.stage->responded_on)
        earliest(s.stage->response_due);
    if (s.endorsement)
        earliest(s.endorsement->due);
    return c;
}

void write_escalation_cache(connection& db, std::int64_t id, const escalation::escalation& e,
                            const escalation_context& ctx, const std::string& now) {
    const escalation_cache c = cache_of(e, ctx);
    std::optional<std::string> stale_text;
    if (c.stale_from)
        stale_text = core::format_iso_date(*c.stale_from);
    db.prepare("UPDATE escalations SET status = ?1, stage = ?2, stale_from = ?3, "
               "complaints_procedure_explained = ?4, advocate_offered = ?5, "
               "wishes_and_feelings_recorded = ?6, updated_at = ?7 WHERE id = ?8")
        .bind(1, c.status)
        .bind(2, c.stage)
        .bind(3, stale_text)
        .bind(4, e.checks.complaints_procedure_explained ? 1 : 0)
        .bind(5, e.checks.advocate_offered ? 1 : 0)
        .bind(6, e.checks.wishes_and_feelings_recorded ? 1 : 0)
        .bind(7, now)
        .bind(8, id)
        .run();
}

void sync_escalation_timers(connection& db, std::int64_t id, const escalation::escalation& e,
                            const escalation_context& ctx, int* added, int* removed) {
    auto wanted = escalation::timers_for(e, ctx.ladder(), ctx.calendar);
    if (!wanted)
        throw std::runtime_error("escalations: " + e.id + ": " + core::describe(wanted.err()));
    struct existing_timer {
        std::int64_t row;
        bool pending;
        std::int64_t fire_at;
    };
    std::map<std::string, existing_timer> existing;
    auto have = db.prepare("SELECT id, key, state = 'pending', fire_at FROM escalation_timers "
                           "WHERE escalation_id = ?1");
    have.bind(1, id);
    while (have.step())
        existing.emplace(have.text(1),
                         existing_timer{have.integer(0), have.integer(2) != 0, have.integer(3)});

    auto ins =
        db.prepare("INSERT INTO escalation_timers (escalation_id, key, kind, audience, "
                   "stage, chase, local_day, fire_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    auto retime =
        db.prepare("UPDATE escalation_timers SET local_day = ?1, fire_at = ?2 WHERE id = ?3");
    std::set<std::string> keys;
    for (const escalation::timer& t : wanted.value()) {
        keys.insert(t.key);
        const std::int64_t fire_at =
            unix_seconds_of(schedule::local_instant(t.local_day, ctx.setup.local_time, ctx.zone));
        const auto found = existing.find(t.key);
        if (found == existing.end()) {
            std::optional<std::string> audience;
            if (t.to)
                audience = std::string(escalation::to_string(*t.to));
            ins.bind(1, id)
                .bind(2, t.key)
                .bind(3, std::string(escalation::to_string(t.kind)))
                .bind(4, audience)
                .bind(5, t.stage)
                .bind(6, t.chase)
                .bind(7, core::format_iso_date(t.local_day))
                .bind(8, fire_at)
                .run();
            ins.reset();
            if (added)
                ++*added;
        } else if (found->second.pending && found->second.fire_at != fire_at) {
            // Same question, another day (the ladder's intervals or the holidays changed).
            retime.bind(1, core::format_iso_date(t.local_day))
                .bind(2, fire_at)
                .bind(3, found->second.row)
                .run();
            retime.reset();
        }
    }
    auto del = db.prepare("DELETE FROM escalation_timers WHERE id = ?1");
    for (const auto& [key, timer] : existing) {
        if (!timer.pending || keys.count(key))
            continue;
        del.bind(1, timer.row).run();
        del.reset();
        if (removed)
            ++*removed;
    }
}

} // namespace reviewd::store
