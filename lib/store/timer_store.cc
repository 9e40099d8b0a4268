// Reminder timers in the store: kept in step with open deadlines, and fired into the outbox in
// one transaction; see case_store.h.
#include "store/store_impl.h"

#include "schedule/timers.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

namespace reviewd::store {
namespace {

std::int64_t unix_seconds(core::instant t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

} // namespace

void sync_child_timers(connection& db, std::int64_t child_id, const rule_context& rules, int* added,
                       int* removed) {
    if (!rules.reminders || !rules.zone)
        return;
    std::map<std::int64_t, std::set<std::string>> wanted;
    // A timer before `history_before` is written already skipped (never fired: no fired_at).
    auto ins = db.prepare(
        "INSERT OR IGNORE INTO timers (deadline_id, key, tag, audience, fire_at, state, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, iif(?5 < ?6, 'skipped', 'pending'), "
        "iif(?5 < ?6, 'history before the import', NULL))");
    const std::int64_t history_before =
        rules.history_before ? unix_seconds(*rules.history_before) : INT64_MIN;
    for (const auto& stored : load_child_deadlines(db, child_id)) {
        auto& keys = wanted[stored.id];
        const rules::rule_set* set = rules.book.by_id(stored.deadline.rule_set);
        const calendar::working_calendar* cal = set ? rules.calendars.find(set->holidays) : nullptr;
        if (!cal)
            continue;
        for (const auto& t :
             schedule::timers_for(stored.deadline, *rules.reminders, *cal, *rules.zone)) {
            keys.insert(t.key);
            ins.bind(1, stored.id)
                .bind(2, t.key)
                .bind(3, t.tag)
                .bind(4, std::string(schedule::to_string(t.to)))
                .bind(5, unix_seconds(t.fire_at))
                .bind(6, history_before)
                .run();
            if (added)
                *added += db.changes();
            ins.reset();
        }
    }
    auto pending = db.prepare(
        "SELECT t.id, t.deadline_id, t.key FROM timers t JOIN deadlines d ON d.id = t.deadline_id "
        "WHERE d.child_id = ?1 AND t.state = 'pending'");
    pending.bind(1, child_id);
    std::vector<std::int64_t> obsolete;
    while (pending.step()) {
        const auto it = wanted.find(pending.integer(1));
        if (it == wanted.end() || !it->second.count(pending.text(2)))
            obsolete.push_back(pending.integer(0));
    }
    auto del = db.prepare("DELETE FROM timers WHERE id = ?1");
    for (const auto id : obsolete) {
        del.bind(1, id).run();
        del.reset();
    }
    if (removed)
        *removed += static_cast<int>(obsolete.size());
}

std::optional<core::instant> case_store::next_timer_at() {
    auto lease = read();
    auto st = lease->prepare("SELECT min(fire_at) FROM timers WHERE state = 'pending'");
    st.step();
    if (st.is_null(0))
        return std::nullopt;
    return core::instant{std::chrono::seconds(st.integer(0))};
}

firing_result case_store::fire_due_timers(core::instant now, const firing& how) {
    const std::int64_t at = unix_seconds(now);
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    auto st = db.prepare(
        "SELECT t.id, t.key, t.tag, t.audience, t.fire_at, c.ref, c.archived_at, " +
        std::string(deadline_columns) +
        ", CASE t.audience WHEN 'iro' THEN pi.email WHEN 'iro_manager' THEN pm.email "
        "  WHEN 'team_manager' THEN ptm.email WHEN 'social_worker' THEN psw.email END "
        "FROM timers t JOIN deadlines d ON d.id = t.deadline_id JOIN children c ON c.id = "
        "d.child_id "
        "LEFT JOIN assignments ai ON ai.child_id = c.id AND ai.relation = 'iro' "
        "LEFT JOIN people pi ON pi.id = ai.person_id AND pi.active = 1 "
        "LEFT JOIN people pm ON pm.id = pi.manager_id AND pm.active = 1 "
        "LEFT JOIN assignments atm ON atm.child_id = c.id AND atm.relation = 'team_manager' "
        "LEFT JOIN people ptm ON ptm.id = atm.person_id AND ptm.active = 1 "
        "LEFT JOIN assignments asw ON asw.child_id = c.id AND asw.relation = 'social_worker' "
        "LEFT JOIN people psw ON psw.id = asw.person_id AND psw.active = 1 "
        "WHERE t.state = 'pending' AND t.fire_at <= ?1 ORDER BY t.fire_at, t.id");
    st.bind(1, at);
    firing_result result;
    std::vector<due_timer> due;
    std::vector<std::pair<std::int64_t, std::string>> skipped; // timer id, why
    while (st.step()) {
        due_timer t;
        t.timer_id = st.integer(0);
        t.key = st.text(1);
        t.tag = st.text(2);
        t.audience = st.text(3);
        t.fire_at = st.integer(4);
        t.child = st.text(5);
        const bool archived = !st.is_null(6);
        t.deadline = read_deadline_row(st, 7);
        t.email = st.optional_text(22);
        t.late = std::chrono::seconds(at - t.fire_at) > how.late_after;
        const bool open = t.deadline.deadline.status == rules::deadline_status::open;
        if (archived || !open)
            skipped.emplace_back(t.timer_id, "deadline no longer open");
        else if (t.late && how.skip_older_than &&
                 std::chrono::seconds(at - t.fire_at) > *how.skip_older_than)
            skipped.emplace_back(t.timer_id, "older than the late-reminder limit");
        else if (std::find(how.digest_audiences.begin(), how.digest_audiences.end(), t.audience) !=
                 how.digest_audiences.end())
            skipped.emplace_back(t.timer_id, "in the daily digest (" + t.audience + ")");
        else if (t.audience != "webhook" && !t.email)
            skipped.emplace_back(t.timer_id, "nobody assigned to tell (" + t.audience + ")");
        else {
            derive_missed(t.deadline, how.today);
            due.push_back(std::move(t));
        }
    }
    auto skip =
        db.prepare("UPDATE timers SET state = 'skipped', fired_at = ?1, note = ?2 WHERE id = ?3");
    for (const auto& [id, why] : skipped) {
        skip.bind(1, at).bind(2, why).bind(3, id).run();
        skip.reset();
    }
    result.skipped = static_cast<int>(skipped.size());
    for (const auto& [_, why] : skipped)
        ++result.skipped_because[why];
    if (!due.empty()) {
        const auto messages = how.compose(due);
        for (const auto& m : messages)
            result.messages += insert_outbox_message(db, m, at);
        auto fire =
            db.prepare("UPDATE timers SET state = 'fired', fired_at = ?1, late = ?2 WHERE id = ?3");
        for (const auto& t : due) {
            fire.bind(1, at).bind(2, t.late ? 1 : 0).bind(3, t.timer_id).run();
            fire.reset();
            result.late += t.late ? 1 : 0;
        }
        result.fired = static_cast<int>(due.size());
    }
    tx.commit();
    return result;
}

} // namespace reviewd::store
