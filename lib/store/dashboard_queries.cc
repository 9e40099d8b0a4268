// The IRO manager's dashboard reads (see dashboard_records.h), one pooled read connection and
// one read transaction so every figure comes from the same snapshot; plus the two small things
// dashboard sessions need from the store: a token looked up by name, and an audit row.
#include "store/store_impl.h"

#include <stdexcept>

namespace reviewd::store {
namespace {

// A deferred read transaction, ended however the reads end, so the pooled connection goes back
// to the pool outside any transaction.
class read_transaction {
public:
    explicit read_transaction(connection& db) : db_(db) { db_.exec("BEGIN DEFERRED"); }
    ~read_transaction() {
        try {
            db_.exec("COMMIT");
        } catch (...) {
            // Nothing was written; a failed end of a read transaction loses nothing.
        }
    }
    read_transaction(const read_transaction&) = delete;
    read_transaction& operator=(const read_transaction&) = delete;

private:
    connection& db_;
};

core::day stored_day(const std::string& text) {
    const auto d = core::parse_iso_date(text);
    if (!d)
        throw std::runtime_error("dashboard: stored date \"" + text + "\" is not a date");
    return *d;
}

std::int64_t count_of(connection& db, const std::string& sql, const std::string& day = {}) {
    auto st = db.prepare(sql);
    if (!day.empty())
        st.bind(1, day);
    return st.step() ? st.integer(0) : 0;
}

// Open deadlines of open cases due by the end of the week, grouped by the child's IRO (IROs by
// ref, then children with no IRO), earliest due first within each group.
void read_deadlines(connection& db, const dashboard_query& q, dashboard_figures& out) {
    auto st =
        db.prepare("SELECT p.ref, p.name, c.ref, d.kind, d.sequence, d.due, d.practical_due "
                   "FROM deadlines d JOIN children c ON c.id = d.child_id "
                   "LEFT JOIN assignments a ON a.child_id = d.child_id AND a.relation = 'iro' "
                   "LEFT JOIN people p ON p.id = a.person_id "
                   "WHERE c.archived_at IS NULL AND d.state = 'open' AND d.due <= ?1 "
                   "ORDER BY p.ref IS NULL, p.ref, d.due, c.ref, d.id");
    st.bind(1, core::format_iso_date(q.week_end));
    const std::string today = core::format_iso_date(q.today);
    while (st.step()) {
        const auto iro = st.optional_text(0);
        if (out.deadlines.empty() || out.deadlines.back().iro != iro) {
            dashboard_iro_deadlines group;
            group.iro = iro;
            group.name = st.optional_text(1).value_or("");
            out.deadlines.push_back(std::move(group));
        }
        dashboard_iro_deadlines& group = out.deadlines.back();
        const std::string due = st.text(5);
        const bool overdue = due < today; // ISO dates compare as text
        int& count = overdue ? group.overdue : group.due_this_week;
        auto& items = overdue ? group.overdue_items : group.this_week_items;
        ++count;
        ++(overdue ? out.overdue : out.due_this_week);
        if (static_cast<int>(items.size()) < q.items_per_group)
            items.push_back({st.text(2), st.text(3), static_cast<int>(st.integer(4)),
                             stored_day(due), stored_day(st.text(6))});
    }
}

void read_caseloads(connection& db, dashboard_figures& out) {
    auto st = db.prepare(
        "SELECT p.ref, p.name, p.active, (SELECT count(*) FROM assignments a JOIN children c ON "
        "c.id = a.child_id WHERE a.person_id = p.id AND a.relation = 'iro' AND c.archived_at IS "
        "NULL) AS n FROM people p WHERE p.role = 'iro' AND (p.active = 1 OR n > 0) ORDER BY p.ref");
    while (st.step())
        out.caseloads.push_back(
            {st.text(0), st.text(1), st.integer(2) != 0, static_cast<int>(st.integer(3))});
    out.open_children =
        static_cast<int>(count_of(db, "SELECT count(*) FROM children WHERE archived_at IS NULL"));
    out.children_without_iro = static_cast<int>(
        count_of(db, "SELECT count(*) FROM children c WHERE c.archived_at IS NULL AND NOT EXISTS "
                     "(SELECT 1 FROM assignments a WHERE a.child_id = c.id AND a.relation = "
                     "'iro')"));
}

// Stale as list_escalations reads it: unfinished, not with Cafcass, stale_from on or before today.
void read_escalations(connection& db, const dashboard_query& q, dashboard_figures& out) {
    const std::string today = core::format_iso_date(q.today);
    constexpr const char* stale_where =
        " WHERE e.status IN ('open', 'awaiting_endorsement') AND e.stale_from <= ?1";
    out.open_escalations = static_cast<int>(count_of(
        db, "SELECT count(*) FROM escalations WHERE status NOT IN ('resolved', 'withdrawn')"));
    out.stale_escalations = static_cast<int>(
        count_of(db, std::string("SELECT count(*) FROM escalations e") + stale_where, today));
    auto st = db.prepare(std::string("SELECT e.id, c.ref, e.raised_by, e.category, e.status, "
                                     "e.stage, e.raised_on, e.stale_from FROM escalations e "
                                     "JOIN children c ON c.id = e.child_id") +
                         stale_where + " ORDER BY e.stale_from, e.id LIMIT ?2");
    st.bind(1, today).bind(2, q.stale_escalations);
    while (st.step())
        out.stale.push_back({escalation_ref(st.integer(0)), st.text(1), st.text(2), st.text(3),
                             st.text(4), st.text(5), stored_day(st.text(6)),
                             stored_day(st.text(7))});
}

void read_outbox(connection& db, const dashboard_query& q, dashboard_figures& out) {
    out.dead_messages =
        static_cast<int>(count_of(db, "SELECT count(*) FROM outbox WHERE state = 'dead'"));
    out.pending_messages = static_cast<int>(
        count_of(db, "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"));
    auto st = db.prepare("SELECT id, channel, event_type, attempts, coalesce(last_error, ''), "
                         "created_at, first_attempt_at FROM outbox INDEXED BY outbox_by_state "
                         "WHERE state = 'dead' ORDER BY id DESC LIMIT ?1");
    st.bind(1, q.latest_dead);
    while (st.step()) {
        dashboard_dead_message m;
        m.id = st.integer(0);
        m.channel = st.text(1);
        m.event_type = st.text(2);
        m.attempts = static_cast<int>(st.integer(3));
        m.last_error = st.text(4);
        m.created_at = st.integer(5);
        if (!st.is_null(6))
            m.first_attempt_at = st.integer(6);
        out.latest_dead.push_back(std::move(m));
    }
}

} // namespace

dashboard_figures case_store::dashboard(const dashboard_query& q) {
    auto lease = read();
    read_transaction snapshot(lease.db());
    dashboard_figures out;
    read_deadlines(lease.db(), q, out);
    read_caseloads(lease.db(), out);
    read_escalations(lease.db(), q, out);
    read_outbox(lease.db(), q, out);
    return out;
}

std::optional<token_record> case_store::live_token(const std::string& name) {
    auto lease = read();
    auto st_handle = lease->prepare_cached(
        "SELECT t.name, t.role, p.ref FROM tokens t LEFT JOIN people p ON p.id = t.person_id "
        "WHERE t.name = ?1 AND t.revoked_at IS NULL");
    statement& st = *st_handle;
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    return token_record{st.text(0), st.text(1), st.optional_text(2)};
}

void case_store::audit(const actor& who, std::string_view action, const std::string& subject,
                       const std::string& detail, const std::string& now) {
    std::lock_guard lock(impl_->write_mutex);
    transaction tx(impl_->writer);
    append_audit(impl_->writer, now, who, action, subject, detail);
    tx.commit();
}

} // namespace reviewd::store
