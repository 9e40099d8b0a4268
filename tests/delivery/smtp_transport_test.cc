// SMTP delivery against a real SMTP server (aiosmtpd, tests/support/smtp_sink.py) on 127.0.0.1:
// plain and STARTTLS, refusals, a dead server, connection reuse, and the safety rules.
#include "delivery/config_error.h"
#include "delivery/smtp_transport.h"
#include "support/manual_clock.h"
#include "support/smtp_sink.h"

#include <catch2/catch.hpp>

#include <thread>

using namespace reviewd::delivery;
using namespace std::chrono_literals;
using reviewd::test::manual_clock;
using reviewd::test::smtp_sink;
using reviewd::test::smtp_sink_options;
using outcome = send_result::outcome;

namespace {

const auto thursday_9am = date::sys_days{date::year{2026} / 3 / 5} + 9h;

smtp_config config_for(const smtp_sink& sink) {
    smtp_config c;
    c.url = sink.url();
    c.from = "IRO reminders <reminders@council.gov.uk>";
    c.require_tls = false;
    c.allow_plain_on_loopback = true;
    c.connect_timeout = 5s;
    c.timeout = 20s;
    return c;
}

message reminder(const std::string& id = "evt_01HZX4T9K2") {
    message m;
    m.event_id = id;
    m.recipient = "iro.team@council.gov.uk";
    m.subject = "Second review due 2026-03-20";
    m.text_body = "The second review for C1 is due on 2026-03-20.";
    m.html_body = "<p>The second review for C1 is due on 2026-03-20.</p>";
    return m;
}

std::string key_of(const std::function<void()>& build) {
    try {
        build();
    } catch (const config_error& e) {
        return e.key;
    }
    return "(no error)";
}

} // namespace

TEST_CASE("a reminder is delivered in plain text to a loopback server when allowed",
          "[delivery][smtp][integration]") {
    smtp_sink sink;
    manual_clock clock(thursday_9am);
    smtp_transport t(config_for(sink), clock);
    const auto r = t.send(reminder());
    INFO(r.detail << "\n" << sink.log());
    REQUIRE(r.result == outcome::sent);
    CHECK(r.detail.rfind("smtp 250", 0) == 0);

    const auto stats = sink.stats();
    REQUIRE(stats["messages"] == 1);
    CHECK(stats["deliveries"][0]["mail_from"] == "reminders@council.gov.uk");
    CHECK(stats["deliveries"][0]["rcpt_tos"] == nlohmann::json::array({"iro.team@council.gov.uk"}));
    CHECK(stats["deliveries"][0]["tls"] == false);
    const std::string text = sink.message_text(1);
    CHECK(text.find("Message-ID: <evt_01HZX4T9K2@council.gov.uk>\r\n") != std::string::npos);
    CHECK(text.find("Date: Thu, 05 Mar 2026 09:00:00 +0000\r\n") != std::string::npos);
    CHECK(text.find("Subject: Second review due 2026-03-20\r\n") != std::string::npos);
    CHECK(text.find("The second review for C1 is due on 2026-03-20.") != std::string::npos);
}

TEST_CASE("STARTTLS to a server with a self-signed certificate trusted via ca_file",
          "[delivery][smtp][integration][tls]") {
    smtp_sink sink(smtp_sink_options().with_starttls());
    manual_clock clock(thursday_9am);
    auto c = config_for(sink);
    c.require_tls = true;
    c.allow_plain_on_loopback = false;
    c.ca_file = sink.cert_file().string();
    smtp_transport t(c, clock);
    const auto r = t.send(reminder());
    INFO(r.detail << "\n" << sink.log());
    REQUIRE(r.result == outcome::sent);
    const auto stats = sink.stats();
    REQUIRE(stats["messages"] == 1);
    CHECK(stats["deliveries"][0]["tls"] == true);
}

TEST_CASE("an untrusted certificate stops the send before any mail is given",
          "[delivery][smtp][integration][tls]") {
    smtp_sink sink(smtp_sink_options().with_starttls());
    manual_clock clock(thursday_9am);
    auto c = config_for(sink);
    c.require_tls = true; // system trust store: the self-signed certificate is not in it
    const auto r = smtp_transport(c, clock).send(reminder());
    CHECK(r.result == outcome::retry);
    CHECK(r.detail.find("curl") != std::string::npos);
    CHECK(sink.stats()["messages"] == 0);
}

TEST_CASE("requiring TLS against a server without STARTTLS never sends in clear",
          "[delivery][smtp][integration][tls]") {
    smtp_sink sink; // no STARTTLS offered
    manual_clock clock(thursday_9am);
    auto c = config_for(sink);
    c.require_tls = true;
    const auto r = smtp_transport(c, clock).send(reminder());
    INFO(r.detail);
    CHECK(r.result == outcome::retry);
    CHECK(r.detail.find("curl 64") != std::string::npos); // CURLE_USE_SSL_FAILED
    const auto stats = sink.stats();
    CHECK(stats["messages"] == 0);
    CHECK(stats["deliveries"].empty());
}

TEST_CASE("a 4xx refusal is a retry carrying the SMTP code and text",
          "[delivery][smtp][integration]") {
    for (const bool at_data : {false, true}) {
        INFO("at DATA: " << at_data);
        smtp_sink sink(smtp_sink_options().reject(451, at_data));
        manual_clock clock(thursday_9am);
        const auto r = smtp_transport(config_for(sink), clock).send(reminder());
        CHECK(r.result == outcome::retry);
        INFO(r.detail);
        CHECK(r.detail.rfind("smtp 451 4.3.0 Temporary failure", 0) == 0);
        CHECK(sink.stats()["rejected"] == 1);
    }
}

TEST_CASE("a 5xx refusal is permanent", "[delivery][smtp][integration]") {
    for (const bool at_data : {false, true}) {
        INFO("at DATA: " << at_data);
        smtp_sink sink(smtp_sink_options().reject(550, at_data));
        manual_clock clock(thursday_9am);
        const auto r = smtp_transport(config_for(sink), clock).send(reminder());
        CHECK(r.result == outcome::permanent);
        CHECK(r.detail.rfind("smtp 550 5.1.1 Mailbox unavailable", 0) == 0);
        CHECK(sink.stats()["messages"] == 0);
    }
}

TEST_CASE("a server that is down is a retry", "[delivery][smtp][integration]") {
    smtp_sink sink;
    auto c = config_for(sink);
    sink.stop(); // the port is now closed
    manual_clock clock(thursday_9am);
    const auto r = smtp_transport(c, clock).send(reminder());
    CHECK(r.result == outcome::retry);
    CHECK(r.detail.find("curl 7]") != std::string::npos); // CURLE_COULDNT_CONNECT
}

TEST_CASE("several messages share one connection", "[delivery][smtp][integration]") {
    smtp_sink sink;
    manual_clock clock(thursday_9am);
    smtp_transport t(config_for(sink), clock);
    for (int i = 0; i < 6; ++i)
        REQUIRE(t.send(reminder("evt_" + std::to_string(i))).result == outcome::sent);
    const auto stats = sink.stats();
    CHECK(stats["messages"] == 6);
    CHECK(stats["connections"] == 1);
    for (int i = 1; i <= 6; ++i)
        CHECK(sink.message_text(i).find("Message-ID: <evt_" + std::to_string(i - 1) +
                                        "@council.gov.uk>") != std::string::npos);
}

TEST_CASE("concurrent senders use at most max_connections connections",
          "[delivery][smtp][integration]") {
    smtp_sink sink;
    manual_clock clock(thursday_9am);
    auto c = config_for(sink);
    c.max_connections = 2;
    smtp_transport t(c, clock);
    std::atomic<int> sent{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w)
        threads.emplace_back([&, w] {
            for (int i = 0; i < 5; ++i)
                if (t.send(reminder("evt_" + std::to_string(w) + "_" + std::to_string(i))).result ==
                    outcome::sent)
                    ++sent;
        });
    for (auto& th : threads)
        th.join();
    CHECK(sent == 20);
    const auto stats = sink.stats();
    CHECK(stats["messages"] == 20);
    CHECK(stats["connections"] <= 2);
}

TEST_CASE("messages a mail server must not see are refused before connecting", "[delivery][smtp]") {
    smtp_config c;
    c.url = "smtp://127.0.0.1:9"; // nothing listens; nothing should try
    c.from = "reminders@council.gov.uk";
    c.require_tls = false;
    c.allow_plain_on_loopback = true;
    manual_clock clock(thursday_9am);
    smtp_transport t(c, clock);
    message bad = reminder();
    bad.recipient = "iro@council.gov.uk\r\nRCPT TO:<victim@example.com>";
    CHECK(t.send(bad).result == outcome::permanent);
    message hook = reminder();
    hook.via = channel::webhook;
    CHECK(t.send(hook).result == outcome::permanent);
}

TEST_CASE("unsafe SMTP configurations are refused naming the key", "[delivery][smtp][config]") {
    manual_clock clock(thursday_9am);
    smtp_config base;
    base.url = "smtp://smtp.office365.com:587";
    base.from = "reminders@council.gov.uk";
    auto with = [&](auto change) {
        return key_of([&] {
            smtp_config c = base;
            change(c);
            smtp_transport t(c, clock);
        });
    };
    CHECK(with([](smtp_config&) {}) == "(no error)");
    CHECK(with([](smtp_config& c) { c.require_tls = false; }) == "smtp.require_tls");
    CHECK(with([](smtp_config& c) {
              c.require_tls = false;
              c.allow_plain_on_loopback = true; // but the host is not loopback
          }) == "smtp.require_tls");
    CHECK(with([](smtp_config& c) {
              c.url = "smtp://127.0.0.1:2525";
              c.require_tls = false; // loopback, but not allowed explicitly
          }) == "smtp.require_tls");
    CHECK(with([](smtp_config& c) {
              c.url = "smtp://[::1]:2525";
              c.require_tls = false;
              c.allow_plain_on_loopback = true;
          }) == "(no error)");
    CHECK(with([](smtp_config& c) { c.verify_peer = false; }) == "smtp.verify_peer");
    CHECK(with([](smtp_config& c) { c.url = "http://smtp.office365.com"; }) == "smtp.url");
    CHECK(with([](smtp_config& c) { c.url = "smtp.office365.com:587"; }) == "smtp.url");
    CHECK(with([](smtp_config& c) { c.from = "reminders"; }) == "smtp.from");
    CHECK(with([](smtp_config& c) { c.max_connections = 0; }) == "smtp.max_connections");
    CHECK(with([](smtp_config& c) {
              c.auth = smtp_oauth2_auth{"http://login.example/token", "id", "secret",
                                        "https://outlook.office365.com/.default",
                                        "reminders@council.gov.uk"};
          }) == "smtp.oauth2.token_url");
    CHECK(with([](smtp_config& c) {
              c.auth = smtp_oauth2_auth{"https://login.example/token", "", "secret", "s",
                                        "reminders@council.gov.uk"};
          }) == "smtp.oauth2.client_id");
}
