// Deadline rows in SQLite: reading and diff application (store-internal; see store_impl.h).
#include "store/store_impl.h"

#include <stdexcept>

namespace reviewd::store {
namespace {

core::day date_column(const statement& st, int column) {
    const auto d = core::parse_iso_date(st.text(column));
    if (!d)
        throw std::runtime_error("deadlines: stored date \"" + st.text(column) +
                                 "\" is not a date");
    return *d;
}

void bind_content(statement& st, const rules::deadline& d, int first) {
    st.bind(first, std::string(rules::to_string(d.kind)))
        .bind(first + 1, d.period)
        .bind(first + 2, d.placement)
        .bind(first + 3, d.sequence)
        .bind(first + 4, core::format_iso_date(d.clock_start))
        .bind(first + 5, core::format_iso_date(d.due))
        .bind(first + 6, core::format_iso_date(d.practical_due))
        .bind(first + 7, std::string(rules::to_string(d.status)))
        .bind(first + 8, d.met_on ? std::optional(core::format_iso_date(*d.met_on)) : std::nullopt)
        .bind(first + 9, d.provisional ? 1 : 0)
        .bind(first + 10, d.rule_set)
        .bind(first + 11, std::string(rules::to_string(d.sure)))
        .bind(first + 12, d.basis);
}

rules::certainty certainty_from(const std::string& text) {
    if (text == "confirmed")
        return rules::certainty::confirmed;
    if (text == "local-practice")
        return rules::certainty::local_practice;
    return rules::certainty::to_confirm;
}

} // namespace

stored_deadline read_deadline_row(const statement& st, int c) {
    stored_deadline s;
    s.id = st.integer(c);
    s.revision = static_cast<int>(st.integer(c + 1));
    rules::deadline& d = s.deadline;
    const auto kind = rules::deadline_kind_from(st.text(c + 2));
    const auto state = rules::deadline_status_from(st.text(c + 9));
    if (!kind || !state)
        throw std::runtime_error("deadlines: row " + std::to_string(s.id) +
                                 " has an unknown kind or state");
    d.kind = *kind;
    d.period = static_cast<int>(st.integer(c + 3));
    d.placement = static_cast<int>(st.integer(c + 4));
    d.sequence = static_cast<int>(st.integer(c + 5));
    d.clock_start = date_column(st, c + 6);
    d.due = date_column(st, c + 7);
    d.practical_due = date_column(st, c + 8);
    d.status = *state;
    if (!st.is_null(c + 10))
        d.met_on = date_column(st, c + 10);
    d.provisional = st.integer(c + 11) != 0;
    d.rule_set = st.text(c + 12);
    d.sure = certainty_from(st.text(c + 13));
    d.basis = st.text(c + 14);
    return s;
}

void derive_missed(stored_deadline& d, core::day today) {
    if (d.deadline.status == rules::deadline_status::open && d.deadline.due < today)
        d.deadline.status = rules::deadline_status::missed;
}

std::vector<stored_deadline> load_child_deadlines(connection& db, std::int64_t child_id) {
    auto st_handle =
        db.prepare_cached("SELECT " + std::string(deadline_columns) +
                          " FROM deadlines d WHERE d.child_id = ?1 ORDER BY d.period, d.due, d.id");
    statement& st = *st_handle;
    st.bind(1, child_id);
    std::vector<stored_deadline> out;
    while (st.step())
        out.push_back(read_deadline_row(st, 0));
    return out;
}

void apply_deadline_diff(connection& db, std::int64_t child_id, const deadline_diff& diff) {
    if (!diff.removed.empty()) {
        auto del = db.prepare("DELETE FROM deadlines WHERE id = ?1");
        for (const auto id : diff.removed) {
            del.bind(1, id).run();
            del.reset();
        }
    }
    if (!diff.changed.empty()) {
        auto upd = db.prepare(
            "UPDATE deadlines SET kind = ?1, period = ?2, placement = ?3, sequence = ?4, "
            "clock_start = ?5, due = ?6, practical_due = ?7, state = ?8, met_on = ?9, "
            "provisional = ?10, rule_set = ?11, certainty = ?12, basis = ?13, "
            "revision = revision + 1 WHERE id = ?14");
        for (const auto& [id, d] : diff.changed) {
            bind_content(upd, *d, 1);
            upd.bind(14, id).run();
            upd.reset();
        }
    }
    if (!diff.added.empty()) {
        auto ins = db.prepare(
            "INSERT INTO deadlines (kind, period, placement, sequence, clock_start, due, "
            "practical_due, state, met_on, provisional, rule_set, certainty, basis, child_id, key) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        for (const auto* d : diff.added) {
            bind_content(ins, *d, 1);
            ins.bind(14, child_id).bind(15, d->key()).run();
            ins.reset();
        }
    }
}

void append_audit(connection& db, const std::string& now, const actor& who, std::string_view action,
                  const std::string& subject, const std::string& detail) {
    auto st = db.prepare(
        "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, now).bind(2, who.name).bind(3, action).bind(4, subject).bind(5, detail).run();
}

std::optional<std::int64_t> person_id(connection& db, const std::string& ref) {
    auto st = db.prepare("SELECT id FROM people WHERE ref = ?1");
    st.bind(1, ref);
    if (!st.step())
        return std::nullopt;
    return st.integer(0);
}

core::error not_found(const std::string& what, const std::string& ref, const std::string& field) {
    return core::make_error("not_found", "no " + what + " \"" + ref + "\"", field);
}

} // namespace reviewd::store
