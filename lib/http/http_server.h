// The HTTP/1.1 server core: accepts connections, reads requests within size and time limits,
// hands each complete request to one synchronous handler and writes its response. Routing,
// JSON and auth live above this (api/); Beast lives below it, in http_server.cc alone, so only
// that one translation unit pays Beast's compile time.
//
// A connection's life: accept -> (wait for the first byte: request_timeout on a fresh
// connection, idle_timeout between kept-alive requests) -> read the whole request within
// request_timeout of its first byte -> handler -> write -> next request or close. Errors the
// server answers itself (400, 413, 431, 500, 503) are JSON {"error":{"code","message","field"}}
// and close the connection. Nothing here logs: the counters say what happened.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace reviewd::http {

namespace detail {
struct server_state; // the acceptor, limits, counters and live connections; in http_server.cc
} // namespace detail

struct request {
    std::string method;
    std::string target;                                       // path + query as sent
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased, in order sent
    std::string body;
    std::string remote_address; // the peer's IP address, no port

    // The first value of the header, or nullptr. `lower_name` must be lower case.
    const std::string* header(std::string_view lower_name) const;
};

struct response {
    int status = 200; // 200..599; anything else is answered as 500
    std::string content_type = "application/json";
    std::string body;
    // Extra headers. Content-Length, Transfer-Encoding and Connection belong to the server and are
    // ignored here, as are headers whose name or value could split the header block.
    std::vector<std::pair<std::string, std::string>> headers;
};

// Called synchronously on an io thread, on the connection's strand. Must not throw; if it does, the
// client gets a 500 JSON error and nothing about the request is logged or kept.
using handler = std::function<response(const request&)>;

struct limits {
    std::size_t max_body_bytes = 1 << 20;     // larger bodies are answered 413
    std::size_t max_header_bytes = 16 * 1024; // larger header blocks are answered 431
    std::chrono::milliseconds request_timeout{
        10000}; // whole request must arrive within this: slow clients
    std::chrono::milliseconds idle_timeout{30000}; // keep-alive idle
    std::size_t max_connections = 512;             // more are answered 503 and closed
};

class server {
public:
    // Nothing happens until listen(). The server must be destroyed before `io`.
    server(boost::asio::io_context& io, std::string address, std::uint16_t port, limits lim,
           handler h);
    // Closes the acceptor and every connection at once. Destroy it after io.run() has returned,
    // or accept that a handler already running on an io thread finishes after this returns.
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    // Binds, listens and starts accepting. Returns the bound port (port 0 = ephemeral). Throws
    // std::runtime_error naming address:port on failure, or when already listening.
    std::uint16_t listen();
    // Closes the acceptor: from return on, new connections are refused. Thread-safe.
    void stop_accepting();
    // Stops accepting; idle connections close now; requests in flight (partly received, in the
    // handler or being written) finish and their connections close after the response, which
    // carries Connection: close. Does not wait. Thread-safe; io.run() returns once all are done.
    void shutdown();

    std::size_t open_connections() const; // admitted connections not yet closed

    struct counters {
        std::uint64_t requests;             // complete requests handed to the handler
        std::uint64_t rejected_connections; // answered 503 because of max_connections
        std::uint64_t timeouts;             // requests not complete within request_timeout
        std::uint64_t too_large;            // answered 413 or 431
    };
    counters stats() const;

private:
    std::shared_ptr<detail::server_state> state_; // shared with connections, which may briefly
                                                  // outlive the server
};

} // namespace reviewd::http
