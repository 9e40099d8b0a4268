// The real daemon when its database cannot take writes: full (a [store] max_size_mb ceiling,
// which fails exactly as a full disk does), locked by another process, or read-only. Writes are
// answered 503 with Retry-After and the cause in words, the log says what failed and why, reads
// go on, nothing is left half-written (db check), and writes resume once the cause goes. At
// start-up a read-only or locked database is refused with a message that says so.
//
// Read-only as root: modes do not stop root, so the file is made immutable (FS_IMMUTABLE_FL);
// where the filesystem cannot, those two tests say so in a warning and check nothing else.
#include "e2e/api_fixture.h"
#include "store/sqlite.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

using reviewd::store::connection;
using reviewd::store::sqlite_error;
using namespace reviewd::test;
using namespace std::chrono_literals;

namespace {

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

// Appends `keys` to the daemon's [store] table and restarts it.
void restart_with_store_keys(api_fixture& f, const std::string& keys) {
    REQUIRE(f.daemon.terminate() == 0);
    std::string text = read_text_file(f.daemon.config_file().string());
    text.replace(text.find("[store]\n"), 8, "[store]\n" + keys + "\n");
    std::ofstream(f.daemon.config_file()) << text;
    f.daemon.start();
    f.client = std::make_unique<http_client>("127.0.0.1", f.daemon.port());
}

int put_child(api_fixture& f, const std::string& ref) {
    return f.call("integration", "PUT", "/v1/children/" + ref, api_fixture::case_json(ref)).status;
}

// Reads that must keep working whatever happens to writes.
void reads_work(api_fixture& f, const std::string& ref) {
    CHECK(f.call("", "GET", "/healthz").status == 200);
    CHECK(f.call("manager", "GET", "/v1/children/" + ref).status == 200);
    CHECK(f.call("manager", "GET", "/v1/children/" + ref + "/deadlines").status == 200);
    CHECK(f.call("manager", "GET", "/v1/deadlines?limit=10").status == 200);
    CHECK(f.call("admin", "GET", "/v1/people").status == 200);
}

void check_unavailable(api_fixture& f, const http_reply& r, const std::string& cause) {
    INFO(r.body);
    REQUIRE(r.status == 503);
    CHECK(f.json_of(r)["error"]["code"] == "unavailable");
    CHECK(f.json_of(r)["error"]["message"] ==
          "the database cannot take writes just now (" + cause + "); try again later");
    REQUIRE(r.header("retry-after"));
    CHECK(*r.header("retry-after") == "5");
}

void db_check_clean(const api_fixture& f) {
    const auto check = f.daemon.command({"db", "check"});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
}

// The file read-only to this process while the object lives: mode 0444, or for root (whom modes
// do not stop) the immutable attribute. active() is false when neither could be done.
class read_only_file {
public:
    explicit read_only_file(std::filesystem::path file) : file_(std::move(file)) {
        if (::geteuid() != 0) {
            std::filesystem::permissions(file_, std::filesystem::perms::owner_read |
                                                    std::filesystem::perms::group_read |
                                                    std::filesystem::perms::others_read);
            how_ = mode;
        } else if (set_immutable(true)) {
            how_ = immutable;
        }
    }
    ~read_only_file() {
        if (how_ == immutable)
            set_immutable(false);
        else if (how_ == mode)
            std::filesystem::permissions(file_, std::filesystem::perms::owner_read |
                                                    std::filesystem::perms::owner_write);
    }
    read_only_file(const read_only_file&) = delete;
    read_only_file& operator=(const read_only_file&) = delete;
    bool active() const { return how_ != none; }

private:
    bool set_immutable(bool on) {
        const int fd = ::open(file_.c_str(), O_RDONLY);
        if (fd < 0)
            return false;
        int flags = 0;
        bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        ok = ok && ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
        ::close(fd);
        return ok;
    }
    std::filesystem::path file_;
    enum { none, mode, immutable } how_ = none;
};

bool log_has(const api_fixture& f, const std::string& text) {
    return f.daemon.log().find(text) != std::string::npos;
}

} // namespace

TEST_CASE("a full database: writes get 503 saying so, reads go on, and writes resume when space "
          "returns",
          "[e2e][faults][store]") {
    api_fixture f;
    REQUIRE(put_child(f, "C1") == 201);
    restart_with_store_keys(f, "max_size_mb = 1");
    CHECK(log_has(f, "store.size_limit max_bytes=1048576"));

    // Ballast written by another connection fills the file to the ceiling, as other files would
    // fill a disk.
    connection other = connection::open(f.daemon.database(), false);
    other.exec("PRAGMA max_page_count = 256; CREATE TABLE ballast (b BLOB)");
    bool filled = false;
    for (int i = 0; i < 1000 && !filled; ++i) {
        try {
            other.exec("INSERT INTO ballast VALUES (zeroblob(3000))");
        } catch (const sqlite_error& e) {
            REQUIRE(e.full());
            filled = true;
        }
    }
    REQUIRE(filled);

    // Writes are refused (a small one may still fit in a half-empty page: the first refusal
    // counts), with the cause; nothing is half-written.
    std::optional<http_reply> refused;
    std::string refused_ref;
    for (int i = 0; i < 20 && !refused; ++i) {
        refused_ref = "F" + std::to_string(i);
        auto r = f.call("integration", "PUT", "/v1/children/" + refused_ref,
                        api_fixture::case_json(refused_ref));
        if (r.status != 201)
            refused = r;
    }
    REQUIRE(refused);
    check_unavailable(f, *refused, "database or disk is full");
    CHECK(log_has(f, "api.store_unavailable request=\"PUT /v1/children/{}\" cause=\"database or "
                     "disk is full\" status=503"));
    CHECK(f.call("integration", "GET", "/v1/children/" + refused_ref).status == 404);
    reads_work(f, "C1");
    db_check_clean(f);

    // Space returns: the writes go through.
    other.exec("DROP TABLE ballast");
    CHECK(put_child(f, refused_ref) == 201);
    CHECK(f.call("integration", "GET", "/v1/children/" + refused_ref).status == 200);
    CHECK(f.daemon.terminate() == 0);
    db_check_clean(f);
}

TEST_CASE("a database locked by another process: writes get 503 after the busy wait, then at "
          "once, reads go on, and writes resume when it is released",
          "[e2e][faults][store]") {
    api_fixture f;
    REQUIRE(put_child(f, "C1") == 201);
    connection other = connection::open(f.daemon.database(), false);
    other.exec("BEGIN EXCLUSIVE");

    // The first write waits out the busy time: longer than the fixture client's 5 s timeout.
    f.client = std::make_unique<http_client>("127.0.0.1", f.daemon.port(), 30s);
    auto start = std::chrono::steady_clock::now();
    const auto first =
        f.call("integration", "PUT", "/v1/children/L1", api_fixture::case_json("L1"));
    const auto first_took = since(start);
    check_unavailable(f, first, "database is locked by another process");
    CHECK(first_took < 12s); // the busy wait (5 s), perhaps after another writer's
    start = std::chrono::steady_clock::now();
    const auto second =
        f.call("integration", "PUT", "/v1/children/L2", api_fixture::case_json("L2"));
    check_unavailable(f, second, "database is locked by another process");
    CHECK(since(start) < 2s); // locked out: no second long wait
    start = std::chrono::steady_clock::now();
    reads_work(f, "C1");
    CHECK(since(start) < 2s);
    CHECK(log_has(f, "api.store_unavailable request=\"PUT /v1/children/{}\" cause=\"database is "
                     "locked by another process\" status=503"));

    other.exec("ROLLBACK");
    CHECK(put_child(f, "L1") == 201);
    CHECK(put_child(f, "L2") == 201);
    CHECK(f.daemon.terminate() == 0);
    db_check_clean(f);
}

TEST_CASE("serve refuses a database locked by another process, saying so, and starts once it is "
          "released",
          "[e2e][faults][store]") {
    api_fixture f;
    REQUIRE(f.daemon.terminate() == 0);
    connection other = connection::open(f.daemon.database(), false);
    other.exec("BEGIN EXCLUSIVE");
    std::string refusal;
    try {
        f.daemon.start();
    } catch (const std::exception& e) {
        refusal = e.what();
    }
    INFO(f.daemon.log());
    CHECK(refusal.find("store.refused") != std::string::npos);
    CHECK(refusal.find("the database is locked by another process") != std::string::npos);
    CHECK(refusal.find("api.listening") == std::string::npos);

    other.exec("ROLLBACK");
    f.daemon.start();
    f.client = std::make_unique<http_client>("127.0.0.1", f.daemon.port());
    CHECK(f.call("manager", "GET", "/v1/deadlines").status == 200);
    CHECK(f.daemon.terminate() == 0);
}

TEST_CASE("serve refuses a read-only database file, saying so, and starts once it is writable",
          "[e2e][faults][store]") {
    api_fixture f;
    REQUIRE(f.daemon.terminate() == 0);
    std::string refusal;
    {
        read_only_file read_only(f.daemon.database());
        if (!read_only.active()) {
            WARN("this filesystem cannot make a file immutable for root: not tested here");
            return;
        }
        try {
            f.daemon.start();
        } catch (const std::exception& e) {
            refusal = e.what();
        }
    }
    INFO(f.daemon.log());
    CHECK(refusal.find("store.refused") != std::string::npos);
    CHECK(refusal.find("the database file is read-only to this process") != std::string::npos);
    CHECK(refusal.find("api.listening") == std::string::npos);
    f.daemon.start();
    f.client = std::make_unique<http_client>("127.0.0.1", f.daemon.port());
    CHECK(put_child(f, "C1") == 201);
    CHECK(f.daemon.terminate() == 0);
    db_check_clean(f);
}

TEST_CASE("a database file made read-only under the running daemon: writes get 503, reads go on, "
          "and writes resume when it is writable again",
          "[e2e][faults][store]") {
    api_fixture f;
    REQUIRE(put_child(f, "C1") == 201);
    // An open file stays writable through its descriptor whatever its mode: only the immutable
    // attribute (root) stops writes to it, which SQLite reports as an I/O error.
    const auto wal = f.daemon.database().string() + "-wal";
    {
        std::optional<read_only_file> main_file, wal_file;
        main_file.emplace(f.daemon.database());
        if (::geteuid() != 0 || !main_file->active()) {
            WARN("only root on a filesystem with the immutable attribute can do this: not tested");
            return;
        }
        wal_file.emplace(wal);
        REQUIRE(wal_file->active());
        const auto r =
            f.call("integration", "PUT", "/v1/children/R1", api_fixture::case_json("R1"));
        check_unavailable(f, r, "disk I/O error on the database file");
        CHECK(log_has(f, "api.store_unavailable request=\"PUT /v1/children/{}\" cause=\"disk "
                         "I/O error on the database file\" status=503"));
        reads_work(f, "C1");
    }
    CHECK(put_child(f, "R1") == 201);
    CHECK(f.call("integration", "GET", "/v1/children/R1").status == 200);
    CHECK(f.daemon.terminate() == 0);
    db_check_clean(f);
}
