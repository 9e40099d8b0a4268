// OAuth 2.0 for SMTP end to end: a client-credentials token from a real token endpoint
// (webhook_receiver.py's /oauth/token) used as the XOAUTH2 bearer at a real SMTP server that
// requires it, cached, refreshed when the injected clock nears expiry, and failures as retries.
#include "delivery/oauth_token_source.h"
#include "delivery/smtp_transport.h"
#include "support/manual_clock.h"
#include "support/smtp_sink.h"
#include "support/webhook_receiver.h"

#include <catch2/catch.hpp>

using namespace reviewd::delivery;
using namespace std::chrono_literals;
using reviewd::test::manual_clock;
using reviewd::test::smtp_sink;
using reviewd::test::smtp_sink_options;
using reviewd::test::webhook_receiver;
using outcome = send_result::outcome;

namespace {

const auto thursday_9am = date::sys_days{date::year{2026} / 3 / 5} + 9h;

webhook_receiver token_endpoint(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{
        "--oauth-client-id", "reviewd-app",        "--oauth-client-secret",
        "s3cret value&=",    "--oauth-expires-in", "3600"};
    args.insert(args.end(), extra.begin(), extra.end());
    return webhook_receiver(args);
}

oauth2_settings settings_for(const webhook_receiver& endpoint) {
    return {endpoint.url("/oauth/token"), "reviewd-app",
            "s3cret value&=", "https://outlook.office365.com/.default", "reminders@council.gov.uk"};
}

smtp_config config_for(const smtp_sink& sink, const webhook_receiver& endpoint) {
    smtp_config c;
    c.url = sink.url();
    c.from = "IRO reminders <reminders@council.gov.uk>";
    c.require_tls = false;
    c.allow_plain_on_loopback = true;
    c.auth = settings_for(endpoint);
    c.timeout = 20s;
    return c;
}

message reminder(const std::string& id) {
    message m;
    m.event_id = id;
    m.recipient = "iro.team@council.gov.uk";
    m.subject = "Review due";
    m.text_body = "Due 2026-03-20.";
    return m;
}

} // namespace

TEST_CASE("XOAUTH2: a fetched token is used, cached, and refreshed near its expiry",
          "[delivery][oauth][integration]") {
    const auto endpoint = token_endpoint();
    smtp_sink sink(smtp_sink_options().with_xoauth2({"token-1", "token-2"}));
    manual_clock clock(thursday_9am);
    smtp_transport t(config_for(sink, endpoint), clock);

    auto r = t.send(reminder("evt_1"));
    INFO(r.detail << "\n" << sink.log() << "\n" << endpoint.log());
    REQUIRE(r.result == outcome::sent);
    clock.advance(30min);
    REQUIRE(t.send(reminder("evt_2")).result == outcome::sent);

    auto tokens = endpoint.stats()["token_requests"];
    REQUIRE(tokens.size() == 1); // cached
    CHECK(tokens[0]["content_type"] == "application/x-www-form-urlencoded");
    CHECK(tokens[0]["grant_type"] == "client_credentials");
    CHECK(tokens[0]["client_id"] == "reviewd-app");
    CHECK(tokens[0]["client_ok"] == true); // the secret survived form encoding
    CHECK(tokens[0]["scope"] == "https://outlook.office365.com/.default");

    // 56 minutes after the fetch the token has under 5 minutes left: fetch a new one.
    clock.advance(26min);
    r = t.send(reminder("evt_3"));
    REQUIRE(r.result == outcome::sent);
    tokens = endpoint.stats()["token_requests"];
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1]["token"] == "token-2");

    const auto stats = sink.stats();
    CHECK(stats["messages"] == 3);
    const auto auth = stats["auth"];
    REQUIRE_FALSE(auth.empty());
    CHECK(auth[0]["user"] == "reminders@council.gov.uk");
    CHECK(auth[0]["token"] == "token-1");
    CHECK(auth.back()["token"] == "token-2");
    for (const auto& a : auth)
        CHECK(a["ok"] == true);
}

TEST_CASE("the token is refreshed 5 minutes before expires_in", "[delivery][oauth][integration]") {
    const auto endpoint = token_endpoint();
    manual_clock clock(thursday_9am);
    oauth_token_source source(settings_for(endpoint), clock, 10s);
    REQUIRE(source.token().value() == "token-1");
    clock.advance(55min - 1s);
    CHECK(source.token().value() == "token-1");
    clock.advance(1s);
    CHECK(source.token().value() == "token-2");
    source.invalidate();
    CHECK(source.token().value() == "token-3");
    CHECK(endpoint.stats()["token_requests"].size() == 3);
}

TEST_CASE("a failing token endpoint is a retry that says so, and no mail is attempted",
          "[delivery][oauth][integration]") {
    const auto endpoint = token_endpoint({"--oauth-status", "500"});
    smtp_sink sink(smtp_sink_options().with_any_xoauth2());
    manual_clock clock(thursday_9am);
    const auto r = smtp_transport(config_for(sink, endpoint), clock).send(reminder("evt_1"));
    CHECK(r.result == outcome::retry);
    CHECK(r.detail == "oauth token endpoint answered http 500 temporarily_unavailable");
    CHECK(sink.stats()["connections"] == 0);
}

TEST_CASE("wrong client credentials are a retry naming the endpoint's error",
          "[delivery][oauth][integration]") {
    const auto endpoint = token_endpoint();
    smtp_sink sink(smtp_sink_options().with_any_xoauth2());
    manual_clock clock(thursday_9am);
    auto c = config_for(sink, endpoint);
    std::get<smtp_oauth2_auth>(c.auth).client_secret = "wrong";
    const auto r = smtp_transport(c, clock).send(reminder("evt_1"));
    CHECK(r.result == outcome::retry);
    CHECK(r.detail == "oauth token endpoint answered http 401 invalid_client");
    CHECK(r.detail.find("wrong") == std::string::npos); // secrets never appear in details
}

TEST_CASE("an unreachable token endpoint is a retry", "[delivery][oauth][integration]") {
    oauth2_settings settings;
    {
        const auto endpoint = token_endpoint();
        settings = settings_for(endpoint);
    }
    manual_clock clock(thursday_9am);
    oauth_token_source source(settings, clock, 5s);
    const auto token = source.token();
    REQUIRE_FALSE(token);
    CHECK(token.err().code == "oauth_unavailable");
    CHECK(token.err().message.rfind("oauth token endpoint unreachable: ", 0) == 0);
}

TEST_CASE("a token the mail server refuses is dropped and fetched afresh next time",
          "[delivery][oauth][integration]") {
    const auto endpoint = token_endpoint();
    smtp_sink sink(smtp_sink_options().with_xoauth2({"token-2"})); // refuses the first token issued
    manual_clock clock(thursday_9am);
    smtp_transport t(config_for(sink, endpoint), clock);
    const auto first = t.send(reminder("evt_1"));
    CHECK(first.result == outcome::retry);
    CHECK(first.detail.rfind("smtp 535", 0) == 0);
    const auto second = t.send(reminder("evt_1"));
    INFO(second.detail);
    CHECK(second.result == outcome::sent);
    CHECK(endpoint.stats()["token_requests"].size() == 2);
}
