// The embedded default: messages as files, written whole, once per event id.
#include "delivery/config_error.h"
#include "delivery/file_transport.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace reviewd::delivery;
using namespace std::chrono_literals;
using reviewd::test::manual_clock;
using reviewd::test::read_text_file;
using reviewd::test::temp_dir;
namespace fs = std::filesystem;

namespace {

const auto thursday_9am = date::sys_days{date::year{2026} / 3 / 5} + 9h;

message email(const std::string& id) {
    message m;
    m.event_id = id;
    m.recipient = "iro@council.gov.uk";
    m.subject = "Review due";
    m.text_body = "Due 2026-03-20.";
    return m;
}

message webhook(const std::string& id, const std::string& json) {
    message m;
    m.event_id = id;
    m.via = channel::webhook;
    m.recipient = "case-system";
    m.json_body = json;
    return m;
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST_CASE("an email is written as <event_id>.eml with the full message", "[delivery][file]") {
    temp_dir dir;
    manual_clock clock(thursday_9am);
    file_transport t({dir.path() / "outbox", "reminders@council.gov.uk"}, clock);
    const auto r = t.send(email("evt_1"));
    CHECK(r.result == send_result::outcome::sent);
    const std::string text = read_text_file((dir.path() / "outbox" / "evt_1.eml").string());
    CHECK(text.find("Message-ID: <evt_1@council.gov.uk>\r\n") != std::string::npos);
    CHECK(text.find("Date: Thu, 05 Mar 2026 09:00:00 +0000\r\n") != std::string::npos);
    CHECK(text.find("Due 2026-03-20.") != std::string::npos);
    CHECK(names_in(dir.path() / "outbox") == std::vector<std::string>{"evt_1.eml"});
}

TEST_CASE("a webhook is written as <event_id>.json with its payload", "[delivery][file]") {
    temp_dir dir;
    manual_clock clock(thursday_9am);
    file_transport t({dir.path(), "reminders@council.gov.uk"}, clock);
    CHECK(t.send(webhook("evt_2", R"({"type":"deadline.reminder"})")).result ==
          send_result::outcome::sent);
    CHECK(read_text_file((dir.path() / "evt_2.json").string()) ==
          R"({"type":"deadline.reminder"})");
}

TEST_CASE("sending the same event again overwrites its file: one file per event",
          "[delivery][file]") {
    temp_dir dir;
    manual_clock clock(thursday_9am);
    file_transport t({dir.path(), "reminders@council.gov.uk"}, clock);
    REQUIRE(t.send(webhook("evt_3", "{\"v\":1}")).result == send_result::outcome::sent);
    REQUIRE(t.send(webhook("evt_3", "{\"v\":2}")).result == send_result::outcome::sent);
    REQUIRE(t.send(email("evt_3")).result == send_result::outcome::sent);
    REQUIRE(t.send(email("evt_3")).result == send_result::outcome::sent);
    CHECK(read_text_file((dir.path() / "evt_3.json").string()) == "{\"v\":2}");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"evt_3.eml", "evt_3.json"});
}

TEST_CASE("a folder that cannot be written is a retry naming the reason", "[delivery][file]") {
    temp_dir dir;
    const auto blocker = dir.write("not-a-folder", "x");
    manual_clock clock(thursday_9am);
    file_transport t({blocker / "outbox", "reminders@council.gov.uk"}, clock);
    const auto r = t.send(email("evt_4"));
    CHECK(r.result == send_result::outcome::retry);
    CHECK(r.detail.find("not-a-folder") != std::string::npos);
    CHECK(r.detail.find("Not a directory") != std::string::npos);
}

TEST_CASE("an event id that is not a safe file name is refused for good", "[delivery][file]") {
    temp_dir dir;
    manual_clock clock(thursday_9am);
    file_transport t({dir.path(), "reminders@council.gov.uk"}, clock);
    for (const char* id : {"../escape", ".hidden", "a/b", ""}) {
        INFO(id);
        CHECK(t.send(webhook(id, "{}")).result == send_result::outcome::permanent);
    }
    CHECK(names_in(dir.path()).empty());
}

TEST_CASE("a bad From is a configuration error naming the key", "[delivery][file]") {
    temp_dir dir;
    manual_clock clock(thursday_9am);
    try {
        file_transport t({dir.path(), "not an address"}, clock);
        FAIL("no error");
    } catch (const config_error& e) {
        CHECK(e.key == "file.from");
    }
}
