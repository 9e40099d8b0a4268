// The HTTP server core over real sockets: a server on 127.0.0.1 (ephemeral port) run by two io
// threads, driven by the plain-socket test client. Limits, timeouts, overload and shutdown are
// checked from the client's side and through the server's counters; waits are bounded polls on a
// condition, never sleeps for a deadline longer than the short timeouts configured here.
#include <utility> // first: Boost 1.74's Asio needs it with GCC 12

#include "http/http_server.h"
#include "support/http_client.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

namespace {

using namespace std::chrono_literals;
using reviewd::http::handler;
using reviewd::http::limits;
using reviewd::http::request;
using reviewd::http::response;
using reviewd::test::http_client;
using reviewd::test::http_reply;

// Polls `condition` until it holds or `limit` passes: the server's threads change what it reads.
template <class F> bool eventually(F condition, std::chrono::milliseconds limit = 2s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

// A listening server with two threads running io.run() until the fixture ends.
class test_server {
public:
    explicit test_server(handler h, limits lim = {})
        : server_(io_, "127.0.0.1", 0, lim, std::move(h)) {
        port_ = server_.listen();
        for (int i = 0; i < 2; ++i)
            threads_.emplace_back([this] {
                io_.run();
                ++finished_;
            });
    }

    ~test_server() {
        server_.shutdown();
        guard_.reset();
        if (!io_finished(3s))
            io_.stop();
        for (auto& t : threads_)
            t.join();
    }

    reviewd::http::server& server() { return server_; }
    std::uint16_t port() const { return port_; }
    http_client client(std::chrono::milliseconds timeout = 5s) const {
        return http_client("127.0.0.1", port_, timeout);
    }
    // Lets io.run() return once the server has nothing left to do; true if both threads did.
    bool io_finished(std::chrono::milliseconds limit) {
        guard_.reset();
        return eventually([&] { return finished_.load() == 2; }, limit);
    }

private:
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_{
        io_.get_executor()};
    reviewd::http::server server_;
    std::uint16_t port_ = 0;
    std::vector<std::thread> threads_;
    std::atomic<int> finished_{0};
};

// Remembers every request and answers with what it saw.
struct recorder {
    std::mutex mutex;
    std::vector<request> seen;

    handler echo() {
        return [this](const request& req) {
            std::lock_guard lock(mutex);
            seen.push_back(req);
            response res;
            res.status = req.method == "POST" ? 201 : 200;
            res.content_type = "text/plain; charset=utf-8";
            res.body = req.method + " " + req.target + " " + req.body;
            res.headers = {{"X-Request-Count", std::to_string(seen.size())},
                           {"Content-Length", "999"},          // the server's to set: ignored
                           {"X-Split", "a\r\nInjected: yes"}}; // would split the block: dropped
            return res;
        };
    }
    std::size_t calls() {
        std::lock_guard lock(mutex);
        return seen.size();
    }
};

void check_json_error(const http_reply& reply, int status, const std::string& code) {
    INFO(reply.body);
    CHECK(reply.status == status);
    REQUIRE(reply.header("content-type"));
    CHECK(*reply.header("content-type") == "application/json");
    CHECK(reply.body.rfind(R"({"error":{"code":")" + code + R"(","message":")", 0) == 0);
    CHECK(reply.body.find(R"(","field":""}})") != std::string::npos);
}

// The server closed the connection (the client may already have, seeing Connection: close).
void check_closes(http_client& client) {
    CHECK((!client.connected() || client.wait_closed(2s)));
}

} // namespace

TEST_CASE("GET and POST round trip: the handler sees method, target, headers and body", "[http]") {
    recorder rec;
    test_server srv(rec.echo());
    auto client = srv.client();

    const auto got = client.request("GET", "/v1/children?la=E09000033", {},
                                    {{"X-Council-Ref", "Abc 123"}, {"Accept", "text/plain"}});
    CHECK(got.status == 200);
    CHECK(got.body == "GET /v1/children?la=E09000033 ");
    const auto posted = client.request("POST", "/v1/children", R"({"id":"c-1"})",
                                       {{"Content-Type", "application/json"}});
    CHECK(posted.status == 201);
    CHECK(posted.body == R"(POST /v1/children {"id":"c-1"})");

    for (const auto* reply : {&got, &posted}) {
        CHECK(*reply->header("content-type") == "text/plain; charset=utf-8");
        CHECK(*reply->header("content-length") == std::to_string(reply->body.size()));
        CHECK(*reply->header("cache-control") == "no-store");
        CHECK(*reply->header("x-content-type-options") == "nosniff");
        CHECK_FALSE(reply->header("x-split"));
        CHECK_FALSE(reply->header("injected"));
    }
    CHECK(*got.header("x-request-count") == "1");
    CHECK(*posted.header("x-request-count") == "2");

    std::lock_guard lock(rec.mutex);
    REQUIRE(rec.seen.size() == 2);
    const request& get = rec.seen[0];
    CHECK(get.method == "GET");
    CHECK(get.target == "/v1/children?la=E09000033");
    CHECK(get.body.empty());
    CHECK(get.remote_address == "127.0.0.1");
    REQUIRE(get.header("x-council-ref"));
    CHECK(*get.header("x-council-ref") == "Abc 123");
    CHECK(*get.header("accept") == "text/plain");
    CHECK(get.header("host"));
    CHECK_FALSE(get.header("X-Council-Ref")); // names are lower-cased
    const request& post = rec.seen[1];
    CHECK(post.method == "POST");
    CHECK(post.body == R"({"id":"c-1"})");
    CHECK(*post.header("content-type") == "application/json");
    CHECK(*post.header("content-length") == "12");
}

TEST_CASE("keep-alive: one connection carries many requests, pipelined ones too", "[http]") {
    recorder rec;
    test_server srv(rec.echo());
    auto client = srv.client();
    for (int i = 0; i < 5; ++i) {
        const auto reply = client.request("GET", "/n/" + std::to_string(i));
        CHECK(reply.status == 200);
        CHECK(reply.body == "GET /n/" + std::to_string(i) + " ");
    }
    CHECK(client.connections_opened() == 1);
    CHECK(srv.server().open_connections() == 1);

    client.send_raw("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(client.read_reply().body == "GET /a ");
    CHECK(client.read_reply().body == "GET /b ");
    CHECK(client.connections_opened() == 1);
    CHECK(srv.server().stats().requests == 7);

    SECTION("an HTTP/1.0 request without keep-alive is answered and closed") {
        auto old = srv.client();
        old.send_raw("GET /old HTTP/1.0\r\n\r\n");
        CHECK(old.read_reply().status == 200);
        CHECK(old.wait_closed(2s));
    }
    SECTION("Connection: close from the client is honoured") {
        const auto reply = client.request("GET", "/last", {}, {{"Connection", "close"}});
        CHECK(*reply.header("connection") == "close");
        CHECK_FALSE(client.connected());
        CHECK(eventually([&] { return srv.server().open_connections() == 0; }));
    }
}

TEST_CASE("Expect: 100-continue gets a 100 before the body is sent", "[http]") {
    recorder rec;
    test_server srv(rec.echo());
    auto client = srv.client();
    client.send_raw("POST /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    "Content-Length: 5\r\n\r\n");
    CHECK(client.read_reply().status == 100);
    client.send_raw("hello");
    const auto reply = client.read_reply();
    CHECK(reply.status == 201);
    CHECK(reply.body == "POST /big hello");
}

TEST_CASE("a body over max_body_bytes is answered 413 and never reaches the handler", "[http]") {
    recorder rec;
    limits lim;
    lim.max_body_bytes = 1024;
    test_server srv(rec.echo(), lim);
    auto client = srv.client();

    SECTION("declared by Content-Length") {
        const auto reply = client.request("POST", "/v1/import", std::string(64 * 1024, 'x'));
        check_json_error(reply, 413, "body_too_large");
        CHECK(*reply.header("connection") == "close");
    }
    SECTION("sent chunked") {
        std::string chunked = "POST /v1/import HTTP/1.1\r\nHost: x\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 4; ++i)
            chunked += "200\r\n" + std::string(512, 'y') + "\r\n";
        client.send_raw(chunked + "0\r\n\r\n");
        check_json_error(client.read_reply(), 413, "body_too_large");
    }
    SECTION("announced with Expect: 100-continue, refused before the body is sent") {
        client.send_raw("POST /v1/import HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                        "Content-Length: 5000\r\n\r\n");
        check_json_error(client.read_reply(), 413, "body_too_large");
    }
    check_closes(client);
    CHECK(rec.calls() == 0);
    CHECK(srv.server().stats().too_large == 1);
    CHECK(srv.server().stats().requests == 0);

    // A body at the limit is fine.
    auto fresh = srv.client();
    CHECK(fresh.request("POST", "/ok", std::string(1024, 'z')).status == 201);
}

TEST_CASE("headers over max_header_bytes are answered 431", "[http]") {
    recorder rec;
    test_server srv(rec.echo()); // 16 KiB of headers by default
    auto client = srv.client();
    const auto reply = client.request("GET", "/", {}, {{"X-Padding", std::string(20 * 1024, 'p')}});
    check_json_error(reply, 431, "headers_too_large");
    check_closes(client);
    CHECK(rec.calls() == 0);
    CHECK(srv.server().stats().too_large == 1);

    auto fine = srv.client();
    CHECK(fine.request("GET", "/", {}, {{"X-Padding", std::string(8 * 1024, 'p')}}).status == 200);
}

TEST_CASE("malformed HTTP is answered 400 and closed", "[http]") {
    recorder rec;
    test_server srv(rec.echo());
    for (const char* garbage : {
             "\x16\x03\x01\x02\x01\x01\xfc\x03\x03\r\n\r\n", // like a TLS hello
             "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
             "GET / HTTP/1.1\r\nBad Header Name: x\r\n\r\n",
             "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n",
             "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
             "hello there\r\n\r\n",
         }) {
        INFO(garbage);
        auto client = srv.client();
        client.send_raw(garbage);
        check_json_error(client.read_reply(), 400, "bad_request");
        check_closes(client);
    }
    CHECK(rec.calls() == 0);
}

TEST_CASE("slow and silent clients are disconnected and only an unfinished request is a timeout",
          "[http]") {
    recorder rec;
    limits lim;
    lim.request_timeout = 300ms;
    lim.idle_timeout = 300ms;
    test_server srv(rec.echo(), lim);

    auto slow = srv.client();   // half a request, then nothing
    auto silent = srv.client(); // connects and never speaks
    auto idle = srv.client();   // one request, then keeps the connection idle
    const auto start = std::chrono::steady_clock::now();
    slow.send_raw("POST /v1/children HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"half");
    silent.connect();
    CHECK(idle.request("GET", "/").status == 200);

    CHECK(slow.wait_closed(2s));
    CHECK(std::chrono::steady_clock::now() - start >= 250ms);
    CHECK(silent.wait_closed(2s));
    CHECK(idle.wait_closed(2s));
    CHECK(eventually([&] { return srv.server().open_connections() == 0; }));
    CHECK(srv.server().stats().timeouts == 1);
    CHECK(rec.calls() == 1);
}

TEST_CASE("over max_connections a connection is answered 503 and closed", "[http]") {
    recorder rec;
    limits lim;
    lim.max_connections = 2;
    test_server srv(rec.echo(), lim);

    auto first = srv.client();
    auto second = srv.client();
    CHECK(first.request("GET", "/1").status == 200);
    CHECK(second.request("GET", "/2").status == 200);
    CHECK(srv.server().open_connections() == 2);

    auto third = srv.client();
    const auto refused = third.request("GET", "/3");
    check_json_error(refused, 503, "too_many_connections");
    CHECK(*refused.header("retry-after") == "1");
    check_closes(third);
    CHECK(srv.server().stats().rejected_connections == 1);
    CHECK(rec.calls() == 2);

    first.close();
    CHECK(eventually([&] { return srv.server().open_connections() == 1; }));
    auto fourth = srv.client();
    CHECK(fourth.request("GET", "/4").status == 200);
}

TEST_CASE("a handler that throws gets a 500 JSON error and the connection lives on", "[http]") {
    test_server srv([](const request& req) -> response {
        if (req.target == "/std")
            throw std::runtime_error("child Jane Doe, born 2015-03-02"); // never echoed
        if (req.target == "/other")
            throw 42;
        return {};
    });
    auto client = srv.client();
    for (const char* target : {"/std", "/other"}) {
        const auto reply = client.request("GET", target);
        check_json_error(reply, 500, "internal");
        CHECK(reply.body.find("Jane") == std::string::npos);
    }
    CHECK(client.request("GET", "/fine").status == 200);
    CHECK(client.connections_opened() == 1);
}

TEST_CASE("shutdown lets the request in flight finish, closes idle connections, refuses new ones",
          "[http]") {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> entered{false};
    test_server srv([&](const request& req) {
        if (req.target == "/slow") {
            entered = true;
            (void)released.wait_for(5s); // bounded, so a broken test cannot hang
        }
        return response{200, "application/json", R"({"ok":true})", {}};
    });

    auto idle = srv.client();
    CHECK(idle.request("GET", "/quick").status == 200);
    auto in_flight = std::async(std::launch::async, [&] {
        auto client = srv.client();
        return client.request("POST", "/slow", "{}");
    });
    REQUIRE(eventually([&] { return entered.load(); }));
    CHECK(srv.server().open_connections() == 2);

    srv.server().shutdown();
    CHECK(idle.wait_closed(1s));
    auto late = srv.client();
    CHECK_THROWS_WITH(late.connect(), Catch::Contains("refused"));

    release.set_value();
    const auto reply = in_flight.get();
    CHECK(reply.status == 200);
    CHECK(reply.body == R"({"ok":true})");
    REQUIRE(reply.header("connection"));
    CHECK(*reply.header("connection") == "close");
    CHECK(eventually([&] { return srv.server().open_connections() == 0; }));
    CHECK(srv.io_finished(2s)); // nothing left pending: io.run() returns by itself
}

TEST_CASE("stop_accepting refuses new connections but serves open ones", "[http]") {
    recorder rec;
    test_server srv(rec.echo());
    auto client = srv.client();
    CHECK(client.request("GET", "/before").status == 200);
    srv.server().stop_accepting();
    auto late = srv.client();
    CHECK_THROWS_WITH(late.connect(), Catch::Contains("refused"));
    CHECK(client.request("GET", "/after").status == 200);
}

TEST_CASE("listen names the address and port it could not use", "[http]") {
    boost::asio::io_context io;
    reviewd::http::server first(io, "127.0.0.1", 0, {}, {});
    const auto port = first.listen();
    CHECK_THROWS_WITH(first.listen(), Catch::Contains("already listening"));

    reviewd::http::server clash(io, "127.0.0.1", port, {}, {});
    CHECK_THROWS_WITH(clash.listen(), Catch::Contains("127.0.0.1:" + std::to_string(port)));
    reviewd::http::server named(io, "localhost", 8080, {}, {});
    CHECK_THROWS_WITH(named.listen(), Catch::Contains("localhost:8080: not an IP address"));
    reviewd::http::server v6(io, "::1", 1, {}, {});
    try {
        v6.listen(); // may succeed as root or without IPv6; only the message form matters
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("[::1]:1") != std::string::npos);
    }
}
