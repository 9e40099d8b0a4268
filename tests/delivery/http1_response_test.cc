// The plain-HTTP client's response reader: every framing a receiver may use, fed whole and byte
// by byte, and the protocol errors that must close the connection.
#include "delivery/http1_response.h"

#include <catch2/catch.hpp>

#include <string>

using reviewd::delivery::http1_response;
using progress = http1_response::progress;

namespace {

// Feeds `bytes` in pieces of `step` bytes; returns the last progress.
progress feed_in_steps(http1_response& r, const std::string& bytes, std::size_t step) {
    progress p = progress::more;
    for (std::size_t at = 0; at < bytes.size() && p == progress::more; at += step)
        p = r.feed(std::string_view(bytes).substr(at, step));
    return p;
}

} // namespace

TEST_CASE("a response is read whole or byte by byte alike", "[delivery][http1]") {
    const std::string responses[] = {
        "HTTP/1.1 204 No Content\r\nServer: nginx\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":true}",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n"
        "0\r\nTrailer: yes\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", // LF-only line ends
    };
    const long statuses[] = {204, 200, 200, 202, 200};
    for (std::size_t i = 0; i < std::size(responses); ++i) {
        for (const std::size_t step : {responses[i].size(), std::size_t{1}, std::size_t{3}}) {
            http1_response r;
            INFO(responses[i] << " in steps of " << step);
            CHECK(feed_in_steps(r, responses[i], step) == progress::done);
            CHECK(r.status() == statuses[i]);
            CHECK(r.keep_alive());
        }
    }
}

TEST_CASE("a response is not done before its last body byte", "[delivery][http1]") {
    http1_response r;
    CHECK(r.feed("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\n\r\nerr") ==
          progress::more);
    CHECK(r.status() == 500);
    CHECK(r.feed("or") == progress::done);
}

TEST_CASE("Retry-After is kept as sent", "[delivery][http1]") {
    http1_response r;
    REQUIRE(r.feed("HTTP/1.1 429 Too Many Requests\r\nretry-after:  7 \r\nContent-Length: 0\r\n"
                   "\r\n") == progress::done);
    CHECK(r.status() == 429);
    REQUIRE(r.retry_after());
    CHECK(*r.retry_after() == "7");
}

TEST_CASE("the connection is kept only when the response allows it", "[delivery][http1]") {
    SECTION("Connection: close") {
        http1_response r;
        REQUIRE(r.feed("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") ==
                progress::done);
        CHECK_FALSE(r.keep_alive());
    }
    SECTION("HTTP/1.0 without keep-alive, and with it") {
        http1_response plain, kept;
        REQUIRE(plain.feed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") == progress::done);
        CHECK_FALSE(plain.keep_alive());
        REQUIRE(
            kept.feed("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n") ==
            progress::done);
        CHECK(kept.keep_alive());
    }
    SECTION("a body that ends when the connection closes") {
        http1_response r;
        CHECK(r.feed("HTTP/1.1 200 OK\r\n\r\nsome body") == progress::more);
        CHECK(r.end_of_stream() == progress::done);
        CHECK(r.status() == 200);
        CHECK_FALSE(r.keep_alive());
    }
    SECTION("bytes after the response") {
        http1_response r;
        CHECK(r.feed("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 204") == progress::done);
        CHECK_FALSE(r.keep_alive());
    }
}

TEST_CASE("protocol errors are refused with a reason", "[delivery][http1][errors]") {
    const std::pair<std::string, std::string> cases[] = {
        {"SMTP 220 hello\r\n\r\n", "not an HTTP/1.x status line"},
        {"HTTP/1.1 20 OK\r\n\r\n", "not an HTTP/1.x status line"},
        {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
         "two different Content-Length"},
        {"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "a bad Content-Length"},
        {"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "without a name and a colon"},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "a malformed chunk size"},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
         "a chunk is longer than its size"},
        {"HTTP/1.1 101 Switching Protocols\r\n\r\n", "101"},
    };
    for (const auto& [bytes, reason] : cases) {
        http1_response r;
        INFO(bytes);
        CHECK(r.feed(bytes) == progress::bad);
        CHECK(r.error().find(reason) != std::string::npos);
        CHECK_FALSE(r.keep_alive());
    }
}

TEST_CASE("a head that never ends is refused at 64 KiB", "[delivery][http1][errors]") {
    http1_response r;
    REQUIRE(r.feed("HTTP/1.1 200 OK\r\n") == progress::more);
    const std::string header = "X-Filler: " + std::string(1000, 'x') + "\r\n";
    progress p = progress::more;
    for (int i = 0; i < 100 && p == progress::more; ++i)
        p = r.feed(header);
    CHECK(p == progress::bad);
    CHECK(r.error().find("64 KiB") != std::string::npos);
}

TEST_CASE("a connection closed early is told apart from one closed at once",
          "[delivery][http1][errors]") {
    http1_response none, part;
    CHECK(none.end_of_stream() == progress::bad);
    CHECK(none.error() == "the connection closed without a response");
    CHECK_FALSE(none.started());
    CHECK(part.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345") == progress::more);
    CHECK(part.started());
    CHECK(part.end_of_stream() == progress::bad);
    CHECK(part.error() == "the connection closed before the response was complete");
}
