// A thin RAII layer over the SQLite C API: connections, prepared statements, transactions.
// Only lib/store includes this; everything else speaks to the store's own functions.
//
// Failures of SQLite itself (I/O error, corrupt file, a constraint we did not expect) throw
// sqlite_error carrying the SQLite result code; expected outcomes (no row) are return values.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace reviewd::store {

struct sqlite_error : std::runtime_error {
    sqlite_error(int code, const std::string& what) : std::runtime_error(what), code(code) {}
    int code; // primary or extended SQLite result code
    bool busy() const { return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED; }
    bool full() const { return (code & 0xff) == SQLITE_FULL; }
    bool read_only() const { return (code & 0xff) == SQLITE_READONLY; }
    bool io_error() const {
        return (code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN;
    }
    // The database cannot be used just now for a reason outside reviewd that may pass (another
    // process holds the lock, the disk is full, the file is read-only or failing): the API
    // answers 503 and the timer and delivery loops try again, rather than treating it as a bug.
    bool unavailable() const { return busy() || full() || read_only() || io_error(); }
    // That reason in plain words for logs and error messages ("database or disk is full").
    std::string cause() const;
};

class statement {
public:
    statement(sqlite3* db, std::string_view sql);
    ~statement();
    statement(statement&& other) noexcept;
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    statement& operator=(statement&&) = delete;

    // Binding by 1-based index; std::nullopt binds NULL.
    statement& bind(int index, std::int64_t value);
    statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    statement& bind(int index, std::string_view value);
    statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    statement& bind_null(int index);
    template <class T> statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    bool step();  // true while a row is available
    void run();   // steps to completion, for statements without rows
    void reset(); // ready to bind and step again

    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// A statement from a connection's cache, reset (its read transaction ended, its bindings cleared)
// when the handle goes: cached statements must never stay mid-step.
class cached_statement {
public:
    explicit cached_statement(statement& st) : st_(&st) {}
    ~cached_statement() { st_->reset(); }
    cached_statement(const cached_statement&) = delete;
    cached_statement& operator=(const cached_statement&) = delete;
    statement* operator->() { return st_; }
    statement& operator*() { return *st_; }

private:
    statement* st_;
};

class connection {
public:
    // Opens (creating if asked) the database file with reviewd's settings: WAL, synchronous=FULL,
    // foreign keys on, a busy timeout.
    static connection open(const std::filesystem::path& file, bool create, bool read_only = false);
    ~connection();
    connection(connection&& other) noexcept;
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    connection& operator=(connection&&) = delete;

    void exec(std::string_view sql); // one or more statements, no rows
    statement prepare(std::string_view sql) { return statement(db_, sql); }
    // The same SQL text reuses one prepared statement: for the hot paths (token lookups, deadline
    // reads), where preparing costs more than running.
    cached_statement prepare_cached(const std::string& sql);
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    sqlite3* handle() const { return db_; }
    // True when SQLite opened the file read-only although writing was asked for (the file or its
    // folder is not writable by this process): every write would fail.
    bool opened_read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

    // BEGIN IMMEDIATE, waiting up to busy_wait for another process's write lock. Once a wait
    // has run out, later ones wait only locked_out_wait until a BEGIN succeeds again: while a
    // lock is held for long, writes fail fast (503) instead of each holding a thread for seconds.
    void begin_immediate();
    static constexpr int busy_wait_ms = 5000;
    static constexpr int locked_out_wait_ms = 100;

private:
    explicit connection(sqlite3* db);
    sqlite3* db_;
    bool locked_out_ = false;
    std::unique_ptr<std::unordered_map<std::string, std::unique_ptr<statement>>> cache_;
};

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless commit() was called.
class transaction {
public:
    explicit transaction(connection& db);
    ~transaction();
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;
    void commit();

private:
    connection& db_;
    bool done_ = false;
};

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view doing);

} // namespace reviewd::store
