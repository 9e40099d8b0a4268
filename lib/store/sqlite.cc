// RAII over the SQLite C API; see sqlite.h.
#include "store/sqlite.h"

namespace reviewd::store {

std::string sqlite_error::cause() const {
    if (busy())
        return "database is locked by another process";
    if (full())
        return "database or disk is full";
    if (read_only())
        return "database is read-only to this process";
    if ((code & 0xff) == SQLITE_CANTOPEN)
        return "database file cannot be opened";
    if (io_error())
        return "disk I/O error on the database file";
    return sqlite3_errstr(code & 0xff);
}

void throw_sqlite(sqlite3* db, int rc, std::string_view doing) {
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    std::string message =
        std::string(doing) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    throw sqlite_error(extended ? extended : rc, message);
}

statement::statement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc =
        sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK)
        throw_sqlite(db, rc, "prepare");
}

statement::~statement() {
    sqlite3_finalize(stmt_);
}

statement::statement(statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

statement& statement::bind(int index, std::int64_t value) {
    if (const int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK)
        throw_sqlite(db_, rc, "bind");
    return *this;
}

statement& statement::bind(int index, std::string_view value) {
    if (const int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                         SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        throw_sqlite(db_, rc, "bind");
    return *this;
}

statement& statement::bind_null(int index) {
    if (const int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK)
        throw_sqlite(db_, rc, "bind");
    return *this;
}

bool statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    throw_sqlite(db_, rc, "step");
}

void statement::run() {
    while (step()) {
    }
}

void statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

std::string statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
}

std::optional<std::string> statement::optional_text(int column) const {
    if (is_null(column))
        return std::nullopt;
    return text(column);
}

connection connection::open(const std::filesystem::path& file, bool create, bool read_only) {
    sqlite3* db = nullptr;
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !read_only)
        flags |= SQLITE_OPEN_CREATE;
    flags |= SQLITE_OPEN_NOMUTEX; // each connection is used by one thread at a time
    const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message =
            "open " + file.string() + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        const int code = db ? sqlite3_extended_errcode(db) : rc;
        sqlite3_close(db);
        throw sqlite_error(code, message);
    }
    connection c(db);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_wait_ms);
    if (!read_only)
        c.exec("PRAGMA journal_mode=WAL");
    // mmap and a larger page cache spare a read() and a copy per page on the hot paths.
    c.exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA mmap_size=268435456; PRAGMA "
           "cache_size=-16384;");
    return c;
}

connection::connection(sqlite3* db)
    : db_(db),
      cache_(std::make_unique<std::unordered_map<std::string, std::unique_ptr<statement>>>()) {}

connection::~connection() {
    if (cache_)
        cache_->clear(); // finalize cached statements before the handle closes
    sqlite3_close_v2(db_);
}

connection::connection(connection&& other) noexcept
    : db_(other.db_), locked_out_(other.locked_out_), cache_(std::move(other.cache_)) {
    other.db_ = nullptr;
}

void connection::begin_immediate() {
    try {
        exec("BEGIN IMMEDIATE");
    } catch (const sqlite_error& e) {
        if (e.busy() && !locked_out_) {
            locked_out_ = true;
            sqlite3_busy_timeout(db_, locked_out_wait_ms);
        }
        throw;
    }
    if (locked_out_) {
        locked_out_ = false;
        sqlite3_busy_timeout(db_, busy_wait_ms);
    }
}

cached_statement connection::prepare_cached(const std::string& sql) {
    auto& slot = (*cache_)[sql];
    if (!slot)
        slot = std::make_unique<statement>(db_, sql);
    return cached_statement(*slot);
}

void connection::exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw sqlite_error(sqlite3_extended_errcode(db_), "exec: " + detail);
    }
}

transaction::transaction(connection& db) : db_(db) {
    db_.begin_immediate();
}

transaction::~transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // Nothing may throw out of a destructor; SQLite rolls back on close anyway.
        }
    }
}

void transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace reviewd::store
