// A tiny blocking HTTP/1.1 client on plain POSIX sockets, for tests of the HTTP server and
// end-to-end tests against the real daemon. It keeps one connection alive across requests (and
// counts the connections it opened, so tests can see reuse), bounds every call by a timeout, and
// can send raw bytes for malformed or slow input. Not Beast: it must not share the server's bugs.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reviewd::test {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_reply {
    int status = 0;
    header_list headers; // names lower-cased, in order received
    std::string body;

    const std::string* header(std::string_view lower_name) const; // first value, or nullptr
};

class http_client {
public:
    http_client(std::string host, std::uint16_t port,
                std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~http_client();
    http_client(const http_client&) = delete;
    http_client& operator=(const http_client&) = delete;

    // Sends one request (adding Host and Content-Length) and reads the reply, reusing the open
    // connection when there is one; a kept-alive connection the server had already closed is
    // retried once on a fresh one. Closes the connection when the reply says Connection: close.
    // Throws std::runtime_error on connect failure, timeout or a reply that is not HTTP.
    http_reply request(const std::string& method, const std::string& target,
                       const std::string& body = {}, const header_list& headers = {});

    void connect(); // opens a connection now; throws naming host:port when refused
    bool connected() const { return fd_ >= 0; }
    void close();

    void send_raw(std::string_view bytes); // connects if needed; throws on failure or timeout
    http_reply read_reply();               // reads one reply from the open connection

    // True once the server has closed the connection (EOF or reset), waiting at most `limit`.
    // Bytes that arrive meanwhile are kept for read_reply().
    bool wait_closed(std::chrono::milliseconds limit);

    int connections_opened() const { return opened_; }

private:
    struct closed_before_reply : std::runtime_error {
        using std::runtime_error::runtime_error;
    };
    using deadline = std::chrono::steady_clock::time_point;
    void send_all(std::string_view bytes, deadline until);
    bool receive_more(deadline until); // false on EOF; throws on timeout or error
    std::string take_line(deadline until);
    void take(std::size_t n, std::string& out, deadline until);

    std::string host_;
    std::uint16_t port_;
    std::chrono::milliseconds timeout_;
    int fd_ = -1;
    int opened_ = 0;
    std::string pending_; // received but not yet consumed
    bool reply_started_ = false;
    bool head_ = false; // the request being answered was HEAD: no body follows
};

} // namespace reviewd::test
