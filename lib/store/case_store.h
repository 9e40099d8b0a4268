// The case store: the only gateway to reviewd's SQLite database for the daemon and commands.
//
// Every write is one transaction that also recomputes the child's deadlines (diffed by stable key
// against what was stored) and appends an audit row; a write that changes nothing writes nothing.
// One writer connection, serialised by a mutex; readers take pooled connections, and WAL lets
// them read while a write is in progress. Thread-safe.
#pragma once

#include "calendar/calendar_set.h"
#include "core/result.h"
#include "rules/rule_book.h"
#include "store/records.h"
#include "store/sqlite.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace reviewd::store {

// What deadlines are computed with; the daemon swaps it on SIGHUP.
struct rule_context {
    const rules::rule_book& book;
    const calendar::calendar_set& calendars;
};

class case_store {
public:
    // Opens an existing, migrated database (see schema.h); throws sqlite_error otherwise.
    explicit case_store(const std::filesystem::path& file);
    ~case_store();

    // --- cases -----------------------------------------------------------------------------
    // Creates or replaces a whole case. Errors: invalid facts (field named), archived case.
    core::result<write_outcome> put_case(const rules::case_facts& facts, const rule_context& rules,
                                         const actor& who, const std::string& now);
    // Read-modify-write of one case in one transaction (add a review, end a period, ...). `edit`
    // returns an error to refuse; `action` names the change in the audit ("review.add").
    using case_edit = std::function<std::optional<core::error>(rules::case_facts&)>;
    core::result<write_outcome> edit_case(const std::string& ref, const std::string& action,
                                          const case_edit& edit, const rule_context& rules,
                                          const actor& who, const std::string& now);
    // Closes a case: kept for the record, gone from lists and deadlines. Error: not found.
    core::result<write_outcome> archive_case(const std::string& ref, const actor& who,
                                             const std::string& now);

    std::optional<stored_case> get_case(const std::string& ref);
    // The child's deadlines with "missed" derived for `today`; nullopt when there is no such child.
    std::optional<std::vector<stored_deadline>> case_deadlines(const std::string& ref,
                                                               core::day today);
    deadline_page list_deadlines(const deadline_filter& filter, core::day today);

    // --- people and assignments ---------------------------------------------------------------
    core::result<write_outcome> put_person(const person& p, const actor& who,
                                           const std::string& now);
    std::optional<person> get_person(const std::string& ref);
    std::vector<person> list_people();
    core::result<write_outcome> put_assignments(const std::string& child_ref, const assignments& a,
                                                const actor& who, const std::string& now);
    std::optional<assignments> get_assignments(const std::string& child_ref);

    // --- tokens -------------------------------------------------------------------------------
    // Returns the token text, which is not stored (only its hash) and cannot be shown again.
    core::result<std::string> create_token(const token_record& t, const actor& who,
                                           const std::string& now);
    core::result<write_outcome> revoke_token(const std::string& name, const actor& who,
                                             const std::string& now);
    std::optional<token_record> authenticate(const std::string& token_text);
    std::vector<std::pair<token_record, std::optional<std::string>>>
    list_tokens(); // with revoked_at

    // --- figures ------------------------------------------------------------------------------
    std::vector<std::pair<std::string, std::int64_t>> deadline_counts_by_status(core::day today);
    std::int64_t database_bytes();

private:
    class reader_lease;
    reader_lease read();

    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace reviewd::store
