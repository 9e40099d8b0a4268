// The plain-HTTP client against a scripted server on 127.0.0.1 (real sockets, a thread): kept-alive
// connections and their cap, Connection: close, an idle connection the server dropped, chunked and
// close-delimited replies, a reply cut short, and a server that never answers.
#include "delivery/plain_http_client.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace reviewd::delivery;
using namespace std::chrono_literals;

namespace {

// What the server does with the n-th request (0-based, over all connections).
struct scripted_reply {
    std::string bytes = "HTTP/1.1 204 No Content\r\n\r\n";
    enum class then { keep, close, hang } after = then::keep;
};

class scripted_server {
public:
    explicit scripted_server(std::function<scripted_reply(int)> script)
        : script_(std::move(script)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof a;
        REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(listener_, 16) == 0);
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &size);
        port_ = ntohs(a.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }
    ~scripted_server() {
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        acceptor_.join();
        std::lock_guard lock(mutex_);
        for (int fd : open_)
            ::shutdown(fd, SHUT_RDWR);
        for (auto& t : handlers_)
            t.join();
    }

    plain_http_endpoint endpoint() const {
        return {"127.0.0.1", std::to_string(port_), "127.0.0.1:" + std::to_string(port_), "/hook"};
    }
    int connections() const { return connections_; }
    std::vector<std::string> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    void accept_loop() {
        for (;;) {
            const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                return;
            ++connections_;
            std::lock_guard lock(mutex_);
            open_.push_back(fd);
            handlers_.emplace_back([this, fd] { serve(fd); });
        }
    }
    void serve(int fd) {
        std::string in;
        char buffer[4096];
        for (;;) {
            // One request: the head, then Content-Length bytes of body.
            std::size_t end;
            while ((end = in.find("\r\n\r\n")) == std::string::npos) {
                const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                if (n <= 0)
                    return;
                in.append(buffer, static_cast<std::size_t>(n));
            }
            const auto at = in.find("Content-Length: ");
            const std::size_t length = at < end ? std::stoul(in.substr(at + 16)) : std::size_t{0};
            while (in.size() < end + 4 + length) {
                const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                if (n <= 0)
                    return;
                in.append(buffer, static_cast<std::size_t>(n));
            }
            int number = 0;
            {
                std::lock_guard lock(mutex_);
                number = static_cast<int>(requests_.size());
                requests_.push_back(in.substr(0, end + 4 + length));
            }
            in.erase(0, end + 4 + length);
            const scripted_reply reply = script_(number);
            if (reply.after == scripted_reply::then::hang) {
                while (::recv(fd, buffer, sizeof buffer, 0) > 0) {
                }
                return;
            }
            (void)::send(fd, reply.bytes.data(), reply.bytes.size(), MSG_NOSIGNAL);
            if (reply.after == scripted_reply::then::close) {
                ::shutdown(fd, SHUT_RDWR);
                return;
            }
        }
    }

    std::function<scripted_reply(int)> script_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<int> connections_{0};
    std::thread acceptor_;
    mutable std::mutex mutex_;
    std::vector<int> open_;
    std::vector<std::thread> handlers_;
    std::vector<std::string> requests_;
};

std::vector<std::string> posts(int count) {
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i) {
        const std::string body = "{\"n\":" + std::to_string(i) + "}";
        out.push_back("POST /hook HTTP/1.1\r\nHost: test\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body);
    }
    return out;
}

} // namespace

TEST_CASE("an http:// URL gives the endpoint the request line and Host header carry",
          "[delivery][plain_http]") {
    const auto e = plain_http_endpoint_of("http://hooks.example:8080/in/reviewd?team=a");
    REQUIRE(e);
    CHECK(e->host == "hooks.example");
    CHECK(e->port == "8080");
    CHECK(e->host_header == "hooks.example:8080");
    CHECK(e->target == "/in/reviewd?team=a");
    const auto v6 = plain_http_endpoint_of("http://[::1]/");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == "80");
    CHECK(v6->host_header == "[::1]");
    // Left to libcurl: TLS and credentials.
    CHECK_FALSE(plain_http_endpoint_of("https://hooks.example/"));
    CHECK_FALSE(plain_http_endpoint_of("http://user:pass@hooks.example/"));
}

TEST_CASE("requests share kept-alive connections, never more than the cap",
          "[delivery][plain_http][integration]") {
    scripted_server server([](int) { return scripted_reply{}; });
    plain_http_client client(server.endpoint(), 3, 2000ms, 5000ms);
    for (int round = 0; round < 3; ++round) {
        const auto replies = client.exchange(posts(20));
        REQUIRE(replies.size() == 20);
        for (const auto& r : replies) {
            CHECK(r.exchange.transfer_ok);
            CHECK(r.exchange.status == 204);
        }
    }
    REQUIRE(server.requests().size() == 60);
    CHECK(server.connections() <= 3);
    // Each request arrived whole: its body is there, as many bytes as it said.
    for (const auto& request : server.requests())
        CHECK(request.find("\r\n\r\n{\"n\":") != std::string::npos);
}

TEST_CASE("a reply with Connection: close is read, then a new connection is opened",
          "[delivery][plain_http][integration]") {
    scripted_server server([](int n) {
        scripted_reply r;
        if (n % 2 == 0) {
            r.bytes = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";
            r.after = scripted_reply::then::close;
        }
        return r;
    });
    plain_http_client client(server.endpoint(), 1, 2000ms, 5000ms);
    const auto replies = client.exchange(posts(6));
    REQUIRE(replies.size() == 6);
    for (const auto& r : replies)
        CHECK(r.exchange.transfer_ok);
    CHECK(replies[0].exchange.status == 200);
    CHECK(replies[1].exchange.status == 204);
    CHECK(server.connections() == 4); // {0}, {1, 2}, {3, 4}, {5}: a close after each even one
}

TEST_CASE("an idle connection the server dropped is replaced and the request sent once more",
          "[delivery][plain_http][integration]") {
    // The server answers as if it kept the connection, then drops it (an idle timeout).
    scripted_server server([](int) {
        scripted_reply r;
        r.after = scripted_reply::then::close;
        return r;
    });
    plain_http_client client(server.endpoint(), 1, 2000ms, 5000ms);
    for (int i = 0; i < 3; ++i) {
        const auto replies = client.exchange(posts(1));
        REQUIRE(replies.size() == 1);
        CHECK(replies[0].exchange.transfer_ok);
        CHECK(replies[0].exchange.status == 204);
    }
    CHECK(server.requests().size() == 3); // nothing was delivered twice
    CHECK(server.connections() == 3);
}

TEST_CASE("chunked and close-delimited replies are read to their end",
          "[delivery][plain_http][integration]") {
    scripted_server server([](int n) {
        scripted_reply r;
        if (n == 0) {
            r.bytes = "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3\r\nabc\r\n0\r\n\r\n";
        } else {
            r.bytes = "HTTP/1.0 503 Service Unavailable\r\nRetry-After: 30\r\n\r\nbusy";
            r.after = scripted_reply::then::close;
        }
        return r;
    });
    plain_http_client client(server.endpoint(), 1, 2000ms, 5000ms);
    const auto replies = client.exchange(posts(2));
    REQUIRE(replies.size() == 2);
    CHECK(replies[0].exchange.status == 202);
    CHECK(replies[1].exchange.transfer_ok);
    CHECK(replies[1].exchange.status == 503);
    REQUIRE(replies[1].retry_after);
    CHECK(*replies[1].retry_after == "30");
}

TEST_CASE("a reply cut short is a transport error, not a second delivery",
          "[delivery][plain_http][integration][errors]") {
    scripted_server server([](int) {
        scripted_reply r;
        r.bytes = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial";
        r.after = scripted_reply::then::close;
        return r;
    });
    plain_http_client client(server.endpoint(), 1, 2000ms, 5000ms);
    const auto replies = client.exchange(posts(1));
    REQUIRE(replies.size() == 1);
    CHECK_FALSE(replies[0].exchange.transfer_ok);
    CHECK(replies[0].exchange.transport_error.find("before the response was complete") !=
          std::string::npos);
    CHECK(server.requests().size() == 1);
}

TEST_CASE("a server that never answers is given up after the timeout",
          "[delivery][plain_http][integration][errors]") {
    scripted_server server([](int) {
        scripted_reply r;
        r.after = scripted_reply::then::hang;
        return r;
    });
    plain_http_client client(server.endpoint(), 2, 2000ms, 300ms);
    const auto replies = client.exchange(posts(2));
    REQUIRE(replies.size() == 2);
    for (const auto& r : replies) {
        CHECK_FALSE(r.exchange.transfer_ok);
        CHECK(r.exchange.transport_error ==
              "no complete response from " + server.endpoint().host_header + " within 300 ms");
    }
}
