// Internal to lib/store: the state behind case_store and the helpers its .cc files share.
#pragma once

#include "store/case_store.h"

#include <vector>

namespace reviewd::store {

struct case_store::impl {
    std::filesystem::path file;
    std::mutex write_mutex;
    connection writer;

    std::mutex readers_mutex;
    std::vector<connection> idle_readers;

    explicit impl(const std::filesystem::path& f) : file(f), writer(connection::open(f, false)) {}
};

// A pooled read connection, returned to the pool when the lease ends.
class case_store::reader_lease {
public:
    reader_lease(impl& owner, connection c) : owner_(owner), conn_(std::move(c)) {}
    ~reader_lease();
    reader_lease(const reader_lease&) = delete;
    reader_lease& operator=(const reader_lease&) = delete;
    connection& db() { return conn_; }
    connection* operator->() { return &conn_; }

private:
    impl& owner_;
    connection conn_;
};

void append_audit(connection& db, const std::string& now, const actor& who, std::string_view action,
                  const std::string& subject, const std::string& detail);

// Deadline rows: reading them back into values, and applying a diff.
std::vector<stored_deadline> load_child_deadlines(connection& db, std::int64_t child_id);
void apply_deadline_diff(connection& db, std::int64_t child_id, const deadline_diff& diff);
// Reads the deadline columns starting at `first` (the order of deadline_columns) into a value.
stored_deadline read_deadline_row(const statement& st, int first);
inline constexpr std::string_view deadline_columns =
    "d.id, d.revision, d.kind, d.period, d.placement, d.sequence, d.clock_start, d.due, "
    "d.practical_due, "
    "d.state, d.met_on, d.provisional, d.rule_set, d.certainty, d.basis";
// "open" deadlines due before `today` read as missed.
void derive_missed(stored_deadline& d, core::day today);

std::optional<std::int64_t> person_id(connection& db, const std::string& ref);

// Brings a child's pending reminder timers in line with its open deadlines (no-op without a
// reminder policy in `rules`). Counts what it added and removed when asked.
void sync_child_timers(connection& db, std::int64_t child_id, const rule_context& rules,
                       int* added = nullptr, int* removed = nullptr);

// Writes a message to the outbox (once: the event id is unique); returns 1 if written, else 0.
int insert_outbox_message(connection& db, const outbox_message& m, std::int64_t unix_seconds);

core::error not_found(const std::string& what, const std::string& ref,
                      const std::string& field = {});

} // namespace reviewd::store
