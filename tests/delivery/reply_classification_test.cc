// What each server answer means for the outbox, Retry-After parsing, and the loopback rule.
#include "delivery/reply_classification.h"
#include "delivery/retry_after.h"
#include "delivery/url_parts.h"

#include <catch2/catch.hpp>

using namespace reviewd::delivery;
using namespace std::chrono_literals;
using outcome = send_result::outcome;

TEST_CASE("SMTP replies: 2xx sent, 4xx retry, 5xx permanent, auth failures retry",
          "[delivery][smtp][classify]") {
    struct row {
        bool ok;
        long code;
        outcome expected;
    };
    const row table[] = {{true, 250, outcome::sent},       {false, 421, outcome::retry},
                         {false, 450, outcome::retry},     {false, 451, outcome::retry},
                         {false, 452, outcome::retry},     {false, 550, outcome::permanent},
                         {false, 552, outcome::permanent}, {false, 553, outcome::permanent},
                         {false, 554, outcome::permanent}, {false, 535, outcome::retry},
                         {false, 530, outcome::retry},     {false, 534, outcome::retry},
                         {false, 538, outcome::retry},     {false, 0, outcome::retry}};
    for (const auto& r : table) {
        INFO(r.code);
        CHECK(classify_smtp({r.ok, r.code, "", r.ok ? "" : "failed"}).result == r.expected);
    }
}

TEST_CASE("SMTP detail names the code and the server's words", "[delivery][smtp][classify]") {
    CHECK(classify_smtp({false, 451, "4.3.0 try later", "RCPT failed: 451"}).detail ==
          "smtp 451 4.3.0 try later (RCPT failed: 451)");
    CHECK(classify_smtp({false, 0, "", "Couldn't connect to server"}).detail ==
          "smtp: Couldn't connect to server");
    CHECK(classify_smtp({true, 250, "2.0.0 OK queued", ""}).detail == "smtp 250 2.0.0 OK queued");
}

TEST_CASE("HTTP statuses: 2xx sent, 408 429 5xx retry, other 4xx and 3xx permanent",
          "[delivery][webhook][classify]") {
    const std::pair<long, outcome> table[] = {
        {200, outcome::sent},      {201, outcome::sent},      {204, outcome::sent},
        {301, outcome::permanent}, {302, outcome::permanent}, {307, outcome::permanent},
        {308, outcome::permanent}, {400, outcome::permanent}, {401, outcome::permanent},
        {403, outcome::permanent}, {404, outcome::permanent}, {410, outcome::permanent},
        {413, outcome::permanent}, {422, outcome::permanent}, {408, outcome::retry},
        {429, outcome::retry},     {500, outcome::retry},     {502, outcome::retry},
        {503, outcome::retry},     {504, outcome::retry}};
    for (const auto& [status, expected] : table) {
        INFO(status);
        const auto r = classify_http({true, status, 7s, ""});
        CHECK(r.result == expected);
        CHECK(r.detail.rfind("http " + std::to_string(status), 0) == 0);
        CHECK(r.retry_after == (expected == outcome::retry ? std::optional(7s) : std::nullopt));
    }
    const auto network = classify_http({false, 0, std::nullopt, "Connection refused"});
    CHECK(network.result == outcome::retry);
    CHECK(network.detail == "http: Connection refused");
}

TEST_CASE("Retry-After is seconds or an HTTP-date", "[delivery][webhook][retry_after]") {
    const auto now = date::sys_days{date::year{2026} / 3 / 5} + 9h;
    CHECK(parse_retry_after("7", now) == 7s);
    CHECK(parse_retry_after(" 120 ", now) == 120s);
    CHECK(parse_retry_after("0", now) == 0s);
    CHECK(parse_retry_after("Thu, 05 Mar 2026 09:01:30 GMT", now) == 90s);
    CHECK(parse_retry_after("Thursday, 05-Mar-26 09:00:10 GMT", now) == 10s); // RFC 850
    CHECK(parse_retry_after("Thu Mar  5 09:00:05 2026", now) == 5s);          // asctime
    CHECK(parse_retry_after("Wed, 04 Mar 2026 09:00:00 GMT", now) == 0s);     // past: now
    for (const char* bad : {"", "soon", "-5", "7s", "1.5", "99999999999"})
        CHECK_FALSE(parse_retry_after(bad, now));
}

TEST_CASE("only 127.0.0.0/8, ::1 and localhost are loopback", "[delivery][url]") {
    for (const char* yes :
         {"127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST", "0:0:0:0:0:0:0:1"})
        CHECK(is_loopback_host(yes));
    for (const char* no : {"128.0.0.1", "10.0.0.1", "0.0.0.0", "::", "localhost.example.com",
                           "smtp.office365.com", "::ffff:127.0.0.1", ""})
        CHECK_FALSE(is_loopback_host(no));
    const auto v6 = split_url("smtp://[::1]:2525");
    REQUIRE(v6);
    CHECK(v6->scheme == "smtp");
    CHECK(v6->host == "::1");
    CHECK(split_url("SMTPS://Mail.Example:465")->scheme == "smtps");
    CHECK_FALSE(split_url("mail.example"));
    CHECK_FALSE(split_url(""));
}
