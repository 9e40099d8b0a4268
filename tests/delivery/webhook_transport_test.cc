// Webhook delivery against a real HTTP receiver (tests/support/webhook_receiver.py) on
// 127.0.0.1: signatures the receiver verifies, retries, Retry-After, refusals, no redirects,
// and kept-alive connections.
#include "delivery/config_error.h"
#include "delivery/webhook_transport.h"
#include "support/manual_clock.h"
#include "support/tls_certificate.h"
#include "support/webhook_receiver.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace reviewd::delivery;
using namespace std::chrono_literals;
using reviewd::test::manual_clock;
using reviewd::test::tls_certificate;
using reviewd::test::webhook_receiver;
using outcome = send_result::outcome;

namespace {

const auto thursday_9am = date::sys_days{date::year{2026} / 3 / 5} + 9h;
constexpr std::int64_t thursday_9am_unix = 1772701200;
const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

webhook_config config_for(const webhook_receiver& receiver) {
    webhook_config c;
    c.name = "case-system";
    c.url = receiver.url();
    c.secret = secret;
    c.timeout = 10s;
    return c;
}

message event(const std::string& id = "evt_01HZX4T9K2") {
    message m;
    m.event_id = id;
    m.via = channel::webhook;
    m.recipient = "case-system";
    m.event_type = "deadline.reminder";
    m.json_body = R"({"type":"deadline.reminder","child":"C1","due":"2026-03-20"})";
    return m;
}

} // namespace

TEST_CASE("a webhook is POSTed with a signature the receiver verifies",
          "[delivery][webhook][integration]") {
    webhook_receiver receiver({"--secret", secret});
    manual_clock clock(thursday_9am);
    webhook_transport t(config_for(receiver), clock);
    const auto r = t.send(event());
    INFO(r.detail << "\n" << receiver.log());
    REQUIRE(r.result == outcome::sent);
    CHECK(r.detail == "http 200");

    const auto requests = receiver.stats()["requests"];
    REQUIRE(requests.size() == 1);
    const auto& got = requests[0];
    CHECK(got["verified"] == true);
    CHECK(got["path"] == "/hooks/reviewd");
    CHECK(got["body"] == event().json_body);
    CHECK(got["headers"]["content-type"] == "application/json");
    CHECK(got["headers"]["webhook-id"] == "evt_01HZX4T9K2");
    CHECK(got["headers"]["webhook-timestamp"] == std::to_string(thursday_9am_unix));
    CHECK(got["headers"]["webhook-signature"].get<std::string>().rfind("v1,", 0) == 0);
}

TEST_CASE("a receiver holding a different secret does not verify our signature",
          "[delivery][webhook][integration]") {
    webhook_receiver receiver({"--secret", "whsec_c29tZSBvdGhlciBzZWNyZXQ="});
    manual_clock clock(thursday_9am);
    REQUIRE(webhook_transport(config_for(receiver), clock).send(event()).result == outcome::sent);
    const auto requests = receiver.stats()["requests"];
    REQUIRE(requests.size() == 1);
    CHECK(requests[0]["verified"] == false);
}

TEST_CASE("500 is a retry, and the same event goes again until accepted",
          "[delivery][webhook][integration]") {
    webhook_receiver receiver({"--secret", secret, "--script", "500,503,200"});
    manual_clock clock(thursday_9am);
    webhook_transport t(config_for(receiver), clock);
    const auto first = t.send(event());
    CHECK(first.result == outcome::retry);
    CHECK(first.detail == "http 500");
    CHECK_FALSE(first.retry_after);
    CHECK(t.send(event()).result == outcome::retry);
    clock.advance(90s);
    CHECK(t.send(event()).result == outcome::sent);
    const auto requests = receiver.stats()["requests"];
    REQUIRE(requests.size() == 3);
    for (const auto& r : requests) {
        CHECK(r["headers"]["webhook-id"] == "evt_01HZX4T9K2"); // receivers can deduplicate
        CHECK(r["verified"] == true);
    }
    CHECK(requests[2]["headers"]["webhook-timestamp"] == std::to_string(thursday_9am_unix + 90));
}

TEST_CASE("429 with Retry-After: 7 is a retry no sooner than 7 s",
          "[delivery][webhook][integration]") {
    webhook_receiver receiver({"--script", "429:7|503:Thu, 05 Mar 2026 09:02:00 GMT|408"});
    manual_clock clock(thursday_9am);
    webhook_transport t(config_for(receiver), clock);
    const auto r = t.send(event());
    CHECK(r.result == outcome::retry);
    CHECK(r.detail == "http 429");
    CHECK(r.retry_after == 7s);
    const auto dated = t.send(event()); // an HTTP-date, read against the injected clock
    CHECK(dated.result == outcome::retry);
    CHECK(dated.retry_after == 120s);
    CHECK(t.send(event()).result == outcome::retry); // 408
}

TEST_CASE("404 is permanent", "[delivery][webhook][integration]") {
    webhook_receiver receiver({"--script", "404"});
    manual_clock clock(thursday_9am);
    const auto r = webhook_transport(config_for(receiver), clock).send(event());
    CHECK(r.result == outcome::permanent);
    CHECK(r.detail == "http 404");
}

TEST_CASE("a redirect is permanent and is not followed", "[delivery][webhook][integration]") {
    webhook_receiver receiver({"--script", "301,200"});
    manual_clock clock(thursday_9am);
    const auto r = webhook_transport(config_for(receiver), clock).send(event());
    CHECK(r.result == outcome::permanent);
    CHECK(r.detail.rfind("http 301", 0) == 0);
    const auto requests = receiver.stats()["requests"];
    REQUIRE(requests.size() == 1); // nothing went to the Location
    CHECK(requests[0]["path"] == "/hooks/reviewd");
}

TEST_CASE("a receiver that is down is a retry", "[delivery][webhook][integration]") {
    webhook_config c;
    {
        webhook_receiver receiver;
        c = config_for(receiver);
    } // stopped: its port is closed now
    manual_clock clock(thursday_9am);
    const auto r = webhook_transport(c, clock).send(event());
    CHECK(r.result == outcome::retry);
    CHECK(r.detail.rfind("http: could not connect to 127.0.0.1:", 0) == 0);
    CHECK(r.detail.find("Connection refused") != std::string::npos);
    // The same over https goes through libcurl, and says so.
    c.url = "https" + c.url.substr(4);
    const auto tls = webhook_transport(c, clock).send(event());
    CHECK(tls.result == outcome::retry);
    CHECK(tls.detail.find("curl 7]") != std::string::npos);
}

TEST_CASE("an https receiver gets signed webhooks through libcurl, trusting the configured CA",
          "[delivery][webhook][integration][tls]") {
    const tls_certificate certificate;
    webhook_receiver receiver({"--secret", secret, "--reject-unverified", "--tls-cert",
                               certificate.cert_file().string(), "--tls-key",
                               certificate.key_file().string()});
    manual_clock clock(thursday_9am);
    webhook_config c = config_for(receiver);
    c.url = "https://127.0.0.1:" + std::to_string(receiver.port()) + "/hooks/reviewd";
    c.ca_file = certificate.cert_file().string();
    webhook_transport t(c, clock);
    std::vector<message> batch;
    for (int i = 0; i < 6; ++i)
        batch.push_back(event("evt_tls_" + std::to_string(i)));
    const auto results = t.send_all(batch);
    REQUIRE(results.size() == batch.size());
    for (const auto& r : results) {
        CHECK(r.result == outcome::sent);
        CHECK(r.detail == "http 200"); // a 401 would mean the signature did not verify
    }
    // Without the CA the self-signed certificate is not trusted: nothing is sent.
    c.ca_file.clear();
    const auto untrusted = webhook_transport(c, clock).send(event("evt_tls_untrusted"));
    CHECK(untrusted.result == outcome::retry);
    CHECK(untrusted.detail.find("curl 60]") != std::string::npos);
}

TEST_CASE("webhooks keep their connection alive between sends",
          "[delivery][webhook][integration]") {
    webhook_receiver receiver({"--secret", secret});
    manual_clock clock(thursday_9am);
    webhook_transport t(config_for(receiver), clock);
    for (int i = 0; i < 5; ++i)
        REQUIRE(t.send(event("evt_" + std::to_string(i))).result == outcome::sent);
    std::set<int> connections;
    const auto requests = receiver.stats()["requests"];
    REQUIRE(requests.size() == 5);
    for (const auto& r : requests)
        connections.insert(r["connection"].get<int>());
    CHECK(connections.size() == 1);
}

TEST_CASE("a message for another webhook is refused, not sent here", "[delivery][webhook]") {
    webhook_config c;
    c.name = "case-system";
    c.url = "http://127.0.0.1:9/never";
    c.secret = secret;
    manual_clock clock(thursday_9am);
    webhook_transport t(c, clock);
    message other = event();
    other.recipient = "another-system";
    CHECK(t.send(other).result == outcome::permanent);
    message mail = event();
    mail.via = channel::email;
    CHECK(t.send(mail).result == outcome::permanent);
    message bad_id = event();
    bad_id.event_id = "evt\r\nX-Injected: 1";
    CHECK(t.send(bad_id).result == outcome::permanent);
}

TEST_CASE("bad webhook configuration is refused naming the key", "[delivery][webhook][config]") {
    manual_clock clock(thursday_9am);
    auto key_for = [&](webhook_config c) -> std::string {
        try {
            webhook_transport t(c, clock);
        } catch (const config_error& e) {
            return e.key;
        }
        return "(no error)";
    };
    webhook_config good;
    good.name = "case-system";
    good.url = "https://hooks.example/reviewd";
    good.secret = secret;
    CHECK(key_for(good) == "(no error)");
    auto c = good;
    c.secret = "not-a-secret";
    CHECK(key_for(c) == "webhooks.case-system.secret");
    c = good;
    c.url = "ftp://hooks.example/";
    CHECK(key_for(c) == "webhooks.case-system.url");
    c = good;
    c.name = "";
    CHECK(key_for(c) == "webhooks.?.name");
}

TEST_CASE("a batch goes out several at a time, each result paired with its own message",
          "[delivery][webhook][integration]") {
    // The receiver fails two requests, whichever arrive first; concurrency decides which
    // messages those are, so the check is that each message's result matches what the receiver
    // answered for its webhook-id.
    webhook_receiver receiver({"--secret", secret, "--script", "500,503"});
    manual_clock clock(thursday_9am);
    webhook_config c = config_for(receiver);
    c.max_connections = 3;
    webhook_transport t(c, clock);
    std::vector<message> batch;
    for (int i = 0; i < 40; ++i)
        batch.push_back(event("evt_batch_" + std::to_string(i)));
    batch[17].recipient = "another-system"; // refused without a request
    const auto results = t.send_all(batch);
    REQUIRE(results.size() == batch.size());
    CHECK(results[17].result == outcome::permanent);

    const auto stats = receiver.stats();
    const auto& requests = stats["requests"];
    REQUIRE(requests.size() == 39);
    std::map<std::string, int> status_by_id;
    std::set<int> connections;
    for (const auto& r : requests) {
        CHECK(r["verified"] == true);
        status_by_id[r["headers"]["webhook-id"].get<std::string>()] = r["status"].get<int>();
        connections.insert(r["connection"].get<int>());
    }
    CHECK(connections.size() > 1); // several in flight at once
    CHECK(connections.size() <= 3);
    CHECK(stats["connections"].get<int>() <= 3 + 1); // and the test's own GET /stats
    int retries = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (i == 17)
            continue;
        INFO(batch[i].event_id);
        REQUIRE(status_by_id.count(batch[i].event_id) == 1);
        const int status = status_by_id[batch[i].event_id];
        CHECK(results[i].detail == "http " + std::to_string(status));
        CHECK(results[i].result == (status == 200 ? outcome::sent : outcome::retry));
        retries += results[i].result == outcome::retry ? 1 : 0;
    }
    CHECK(retries == 2);
}
