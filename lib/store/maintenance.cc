// Create/migrate, backup and check; see maintenance.h.
#include "store/maintenance.h"

#include "rules/case_json.h"
#include "rules/deadlines.h"
#include "store/schema.h"
#include "store/store_impl.h"

#include <nlohmann/json.hpp>

namespace reviewd::store {

int prepare_database(const std::filesystem::path& file, bool create) {
    if (create && file.has_parent_path())
        std::filesystem::create_directories(file.parent_path());
    connection db = connection::open(file, create);
    return migrate(db);
}

void backup_database(const std::filesystem::path& file, const std::filesystem::path& target) {
    if (std::filesystem::exists(target))
        throw std::runtime_error("backup: " + target.string() +
                                 " exists already; choose a new file");
    connection source = connection::open(file, false, true);
    sqlite3* dest = nullptr;
    if (const int rc = sqlite3_open(target.c_str(), &dest); rc != SQLITE_OK) {
        sqlite3_close(dest);
        throw sqlite_error(rc, "backup: cannot create " + target.string());
    }
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.handle(), "main");
    if (!backup) {
        const std::string message = sqlite3_errmsg(dest);
        sqlite3_close(dest);
        throw sqlite_error(SQLITE_ERROR, "backup: " + message);
    }
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    const int final_rc = sqlite3_errcode(dest);
    sqlite3_close(dest);
    if (rc != SQLITE_DONE || final_rc != SQLITE_OK)
        throw sqlite_error(rc, "backup: copying to " + target.string() + " failed");
}

namespace {

void check_sqlite(connection& db, check_report& report) {
    auto integrity = db.prepare("PRAGMA integrity_check");
    while (integrity.step())
        if (integrity.text(0) != "ok")
            report.problems.push_back("integrity: " + integrity.text(0));
    auto foreign = db.prepare("PRAGMA foreign_key_check");
    while (foreign.step())
        report.problems.push_back("foreign key: row " + std::to_string(foreign.integer(1)) +
                                  " of " + foreign.text(0) + " points at a missing " +
                                  foreign.text(2));
    if (const int version = schema_version(db); version != latest_schema_version())
        report.problems.push_back("schema: version " + std::to_string(version) + ", expected " +
                                  std::to_string(latest_schema_version()) +
                                  " (run reviewd db migrate)");
}

void check_deadlines(connection& db, const rule_context& rules, check_report& report) {
    const core::day timeless = core::day{date::days{-2'000'000}};
    auto children =
        db.prepare("SELECT id, ref, facts FROM children WHERE archived_at IS NULL ORDER BY id");
    while (children.step()) {
        ++report.children;
        const std::string ref = children.text(1);
        auto facts = rules::case_from_json(nlohmann::json::parse(children.text(2), nullptr, false));
        if (!facts) {
            report.problems.push_back(
                "child " + ref + ": stored facts do not parse: " + core::describe(facts.err()));
            continue;
        }
        auto computed =
            rules::compute_deadlines(facts.value(), rules.book, rules.calendars, timeless);
        if (!computed) {
            report.problems.push_back(
                "child " + ref + ": stored facts are refused: " + core::describe(computed.err()));
            continue;
        }
        const auto stored = load_child_deadlines(db, children.integer(0));
        report.deadlines += static_cast<int>(stored.size());
        const deadline_diff diff = diff_deadlines(stored, computed.value());
        if (!diff.empty())
            report.problems.push_back(
                "child " + ref + ": stored deadlines differ from a recompute (" + diff.summary() +
                "); a write to the case, or a restart after a rules change, recomputes them");
    }
}

void check_people(connection& db, check_report& report) {
    auto assignments =
        db.prepare("SELECT c.ref, a.relation, p.ref, p.role FROM assignments a "
                   "JOIN children c ON c.id = a.child_id JOIN people p ON p.id = a.person_id "
                   "WHERE a.relation <> p.role");
    while (assignments.step())
        report.problems.push_back("child " + assignments.text(0) + ": " + assignments.text(1) +
                                  " is " + assignments.text(2) + ", a " + assignments.text(3));
    auto tokens = db.prepare("SELECT t.name FROM tokens t LEFT JOIN people p ON p.id = t.person_id "
                             "WHERE (t.role = 'iro') <> (t.person_id IS NOT NULL) OR (t.role = "
                             "'iro' AND p.role <> 'iro')");
    while (tokens.step())
        report.problems.push_back("token " + tokens.text(0) +
                                  ": an iro token must name an IRO, and only iro tokens a person");
}

} // namespace

check_report check_database(const std::filesystem::path& file, const rule_context& rules,
                            const escalation_context* escalations) {
    connection db = connection::open(file, false, true);
    check_report report;
    check_sqlite(db, report);
    if (!report.ok())
        return report;
    check_deadlines(db, rules, report);
    check_people(db, report);
    if (escalations)
        check_escalations(db, *escalations, report);
    return report;
}

} // namespace reviewd::store
