// Plain-HTTP (http://) POSTs for the webhook transport, on POSIX sockets and poll(): up to
// max_connections requests in flight at once, one per kept-alive connection, the way wrk does it.
// libcurl's multi loop costs about 19 µs of CPU a request here against about 7 µs for this
// (bench/delivery_parts_bench), and on two cores that decides whether delivery keeps up with the
// store. HTTPS, and URLs with credentials, stay with libcurl (webhook_transport).
//
// Each request gets a connect timeout and an overall timeout. A kept-alive connection that the
// server closed while idle (it answers the next request with a reset or an immediate close, no
// byte of a response) is replaced and the request sent once more on a fresh one: receivers
// deduplicate by webhook-id, and delivery is at-least-once anyway. Not thread-safe: the transport
// serialises calls.
#pragma once

#include "delivery/reply_classification.h"

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace reviewd::delivery {

struct plain_http_endpoint {
    std::string host;        // a name or an address, IPv6 without brackets
    std::string port;        // "80" when the URL has none
    std::string host_header; // as the Host header carries it: "hooks.example:8080", "[::1]:81"
    std::string target;      // the request target: path and query, "/hook?x=1"
};

// The endpoint of an http:// URL, or nullopt when it is not one this client takes (another
// scheme, credentials in the URL, a target with characters a request line cannot carry).
std::optional<plain_http_endpoint> plain_http_endpoint_of(const std::string& url);

struct plain_http_reply {
    http_exchange exchange;                 // status, or the transport error
    std::optional<std::string> retry_after; // the raw Retry-After value, when one came
};

class plain_http_client {
public:
    plain_http_client(plain_http_endpoint endpoint, int max_connections,
                      std::chrono::milliseconds connect_timeout, std::chrono::milliseconds timeout);
    ~plain_http_client();
    plain_http_client(const plain_http_client&) = delete;
    plain_http_client& operator=(const plain_http_client&) = delete;

    const plain_http_endpoint& endpoint() const { return endpoint_; }

    // Sends each request (its complete bytes: request line, headers, body) and returns the
    // replies in the same order. Never throws for network or protocol failures.
    std::vector<plain_http_reply> exchange(std::span<const std::string> requests);

private:
    struct connection;

    const plain_http_endpoint endpoint_;
    const std::chrono::milliseconds connect_timeout_, timeout_;
    std::vector<std::unique_ptr<connection>> connections_;
};

} // namespace reviewd::delivery
