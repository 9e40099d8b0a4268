// The annual report's reads; see report_queries.h.
#include "store/report_queries.h"

#include "escalation/outcome.h"
#include "store/escalation_store_impl.h"
#include "store/schema.h"
#include "store/sqlite.h"

#include <stdexcept>

namespace reviewd::store {
namespace {

// A deferred read transaction (BEGIN IMMEDIATE would need a write lock a read-only connection
// cannot take): every query inside it sees the same snapshot.
class read_snapshot {
public:
    explicit read_snapshot(connection& db) : db_(db) { db_.exec("BEGIN DEFERRED"); }
    ~read_snapshot() {
        try {
            db_.exec("COMMIT");
        } catch (...) {
            // Nothing was written; a failed end of a read transaction loses nothing.
        }
    }
    read_snapshot(const read_snapshot&) = delete;
    read_snapshot& operator=(const read_snapshot&) = delete;

private:
    connection& db_;
};

core::day stored_day(const std::string& text, const char* column) {
    const auto d = core::parse_iso_date(text);
    if (!d)
        throw std::runtime_error(std::string("deadlines: ") + column + " \"" + text +
                                 "\" is not a date");
    return *d;
}

std::vector<report::deadline_row> due_in(connection& db, core::day first, core::day last) {
    auto st =
        db.prepare("SELECT d.kind, d.sequence, d.due, d.met_on, d.state, p.ref FROM deadlines d "
                   "LEFT JOIN assignments a ON a.child_id = d.child_id AND a.relation = 'iro' "
                   "LEFT JOIN people p ON p.id = a.person_id "
                   "WHERE d.due BETWEEN ?1 AND ?2 ORDER BY d.due, d.id");
    st.bind(1, core::format_iso_date(first)).bind(2, core::format_iso_date(last));
    std::vector<report::deadline_row> out;
    while (st.step()) {
        report::deadline_row r;
        const auto kind = rules::deadline_kind_from(st.text(0));
        const auto status = rules::deadline_status_from(st.text(4));
        if (!kind || !status)
            throw std::runtime_error("deadlines: unknown kind \"" + st.text(0) + "\" or state \"" +
                                     st.text(4) + "\"");
        r.kind = *kind;
        r.sequence = static_cast<int>(st.integer(1));
        r.due = stored_day(st.text(2), "due");
        if (const auto met = st.optional_text(3))
            r.met_on = stored_day(*met, "met_on");
        r.status = *status;
        r.iro = st.optional_text(5);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<report::iro_caseload> caseloads(connection& db) {
    auto st = db.prepare(
        "SELECT p.ref, p.name, p.active, (SELECT count(*) FROM assignments a JOIN children c ON "
        "c.id = a.child_id WHERE a.person_id = p.id AND a.relation = 'iro' AND c.archived_at IS "
        "NULL) FROM people p WHERE p.role = 'iro' ORDER BY p.ref");
    std::vector<report::iro_caseload> out;
    while (st.step())
        out.push_back(
            {st.text(0), st.text(1), st.integer(2) != 0, static_cast<int>(st.integer(3))});
    return out;
}

int without_iro(connection& db) {
    auto st = db.prepare("SELECT count(*) FROM children c WHERE c.archived_at IS NULL AND NOT "
                         "EXISTS (SELECT 1 FROM assignments a WHERE a.child_id = c.id AND "
                         "a.relation = 'iro')");
    st.step();
    return static_cast<int>(st.integer(0));
}

std::vector<escalation::escalation> escalations(connection& db, core::day last) {
    std::vector<std::int64_t> ids;
    auto st = db.prepare("SELECT id FROM escalations WHERE raised_on <= ?1 ORDER BY id");
    st.bind(1, core::format_iso_date(last));
    while (st.step())
        ids.push_back(st.integer(0));
    std::vector<escalation::escalation> out;
    for (const std::int64_t id : ids) {
        auto row = load_escalation(db, id);
        if (!row)
            continue;
        escalation::escalation x = std::move(row->stored.record);
        x.child_ref.clear();
        x.description.clear();
        for (auto& e : x.history) {
            const auto code = e.kind == escalation::event_kind::resolved
                                  ? escalation::resolution_of(e.note).code
                                  : std::nullopt;
            e.note = code ? std::string(escalation::to_string(*code)) : std::string();
        }
        out.push_back(std::move(x));
    }
    return out;
}

} // namespace

report_rows read_report_rows(const std::filesystem::path& file, core::day first, core::day last) {
    connection db = connection::open(file, false, true);
    const int version = schema_version(db);
    if (version != latest_schema_version())
        throw std::runtime_error(file.string() + " is at schema version " +
                                 std::to_string(version) + ", this reviewd reads version " +
                                 std::to_string(latest_schema_version()) +
                                 (version < latest_schema_version()
                                      ? ": run reviewd db migrate (or start reviewd serve) first"
                                      : ": use a newer reviewd"));
    read_snapshot snapshot(db);
    report_rows out;
    out.deadlines = due_in(db, first, last);
    out.caseloads = caseloads(db);
    out.children_without_iro = without_iro(db);
    out.escalations = escalations(db, last);
    return out;
}

} // namespace reviewd::store
