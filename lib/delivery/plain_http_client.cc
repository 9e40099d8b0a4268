// Plain-HTTP POSTs on non-blocking sockets and poll(); see plain_http_client.h.
#include "delivery/plain_http_client.h"

#include "delivery/curl_pool.h"
#include "delivery/http1_response.h"

#include <curl/curl.h>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>

namespace reviewd::delivery {
namespace {

using steady = std::chrono::steady_clock;

std::optional<std::string> url_part(CURLU* u, CURLUPart which, unsigned flags = 0) {
    char* value = nullptr;
    if (curl_url_get(u, which, &value, flags) != CURLUE_OK || !value)
        return std::nullopt;
    std::string out(value);
    curl_free(value);
    return out;
}

std::string errno_text(int e) {
    return std::strerror(e);
}

struct addresses_deleter {
    void operator()(addrinfo* a) const { freeaddrinfo(a); }
};
using address_list = std::unique_ptr<addrinfo, addresses_deleter>;

} // namespace

std::optional<plain_http_endpoint> plain_http_endpoint_of(const std::string& url) {
    ensure_curl_initialised();
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
    if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
        return std::nullopt;
    const auto scheme = url_part(u.get(), CURLUPART_SCHEME);
    if (!scheme || *scheme != "http" || url_part(u.get(), CURLUPART_USER) ||
        url_part(u.get(), CURLUPART_PASSWORD))
        return std::nullopt;
    auto host = url_part(u.get(), CURLUPART_HOST);
    const auto port = url_part(u.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
    const auto explicit_port = url_part(u.get(), CURLUPART_PORT);
    const auto path = url_part(u.get(), CURLUPART_PATH);
    const auto query = url_part(u.get(), CURLUPART_QUERY);
    if (!host || host->empty() || !port)
        return std::nullopt;
    plain_http_endpoint e;
    e.host_header = *host + (explicit_port ? ":" + *explicit_port : "");
    if (host->size() >= 2 && host->front() == '[' && host->back() == ']')
        *host = host->substr(1, host->size() - 2);
    e.host = *host;
    e.port = *port;
    e.target = (path && !path->empty() ? *path : "/") + (query ? "?" + *query : "");
    // The target goes into the request line as it is: nothing that could end or split it.
    const auto unsafe = [](unsigned char c) { return c <= ' ' || c == 0x7f; };
    if (std::any_of(e.target.begin(), e.target.end(), unsafe) ||
        std::any_of(e.host_header.begin(), e.host_header.end(), unsafe))
        return std::nullopt;
    return e;
}

struct plain_http_client::connection {
    enum class phase { idle, connecting, sending, receiving };
    int fd = -1;
    phase at = phase::idle;
    std::size_t index = 0; // the request it carries
    std::size_t sent = 0;
    bool reused = false; // the connection had carried a request before this one
    bool resent = false; // this request was already sent again after a stale connection
    http1_response reply;
    steady::time_point deadline, connect_deadline;
    address_list addresses;
    const addrinfo* trying = nullptr;

    void close_socket() {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    ~connection() { close_socket(); }
};

plain_http_client::plain_http_client(plain_http_endpoint endpoint, int max_connections,
                                     std::chrono::milliseconds connect_timeout,
                                     std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), connect_timeout_(connect_timeout), timeout_(timeout) {
    for (int i = 0; i < std::max(1, max_connections); ++i)
        connections_.push_back(std::make_unique<connection>());
}

plain_http_client::~plain_http_client() = default;

std::vector<plain_http_reply> plain_http_client::exchange(std::span<const std::string> requests) {
    using phase = connection::phase;
    std::vector<plain_http_reply> replies(requests.size());
    std::size_t next = 0;
    int active = 0;
    const std::string where = endpoint_.host_header;

    const auto finish_error = [&](connection& c, const std::string& what) {
        replies[c.index].exchange.transfer_ok = false;
        replies[c.index].exchange.transport_error = what;
        c.close_socket();
        c.at = phase::idle;
        --active;
    };
    const auto finish_reply = [&](connection& c) {
        replies[c.index].exchange.transfer_ok = true;
        replies[c.index].exchange.status = c.reply.status();
        replies[c.index].retry_after = c.reply.retry_after();
        if (!c.reply.keep_alive())
            c.close_socket();
        c.at = phase::idle;
        --active;
    };

    // Sends what is left of the request; moves on to receiving once it is all out.
    std::function<void(connection&)> open;
    const auto broken = [&](connection& c, const std::string& what) {
        // A kept-alive connection the server had closed while it was idle: the request never
        // reached it, so it goes again on a new connection (once).
        if (c.reused && !c.reply.started() && !c.resent) {
            c.close_socket();
            c.resent = true;
            open(c);
            return;
        }
        finish_error(c, what);
    };
    const auto pump_send = [&](connection& c) {
        const std::string& bytes = requests[c.index];
        while (c.sent < bytes.size()) {
            const ssize_t n =
                ::send(c.fd, bytes.data() + c.sent, bytes.size() - c.sent, MSG_NOSIGNAL);
            if (n > 0) {
                c.sent += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return; // poll for POLLOUT
            broken(c, "sending to " + where + " failed: " + errno_text(errno));
            return;
        }
        c.at = phase::receiving;
    };
    // Starts a connection to the next address to try, or gives up naming the last failure.
    const auto try_connect = [&](connection& c, int last_error) {
        for (; c.trying; c.trying = c.trying->ai_next) {
            c.fd = ::socket(c.trying->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (c.fd < 0) {
                last_error = errno;
                continue;
            }
            const int one = 1;
            ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (::connect(c.fd, c.trying->ai_addr, c.trying->ai_addrlen) == 0) {
                c.at = phase::sending;
                c.trying = c.trying->ai_next;
                pump_send(c);
                return;
            }
            if (errno == EINPROGRESS) {
                c.at = phase::connecting;
                return;
            }
            last_error = errno;
            c.close_socket();
        }
        finish_error(c, "could not connect to " + where + ": " + errno_text(last_error));
    };
    open = [&](connection& c) {
        c.reused = false;
        c.sent = 0;
        c.reply = http1_response();
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        const int rc =
            ::getaddrinfo(endpoint_.host.c_str(), endpoint_.port.c_str(), &hints, &found);
        if (rc != 0) {
            finish_error(c, "could not resolve " + endpoint_.host + ": " + gai_strerror(rc));
            return;
        }
        c.addresses.reset(found);
        c.trying = found;
        c.connect_deadline = std::min(steady::now() + connect_timeout_, c.deadline);
        try_connect(c, ECONNREFUSED);
    };
    const auto start = [&](connection& c) {
        c.index = next++;
        c.resent = false;
        c.deadline = steady::now() + timeout_;
        ++active;
        if (c.fd < 0) {
            open(c);
            return;
        }
        c.reused = true;
        c.sent = 0;
        c.reply = http1_response();
        c.at = phase::sending;
        pump_send(c);
    };
    const auto receive = [&](connection& c) {
        std::array<char, 16384> buffer;
        for (;;) {
            const ssize_t n = ::recv(c.fd, buffer.data(), buffer.size(), 0);
            if (n > 0) {
                const auto p = c.reply.feed({buffer.data(), static_cast<std::size_t>(n)});
                if (p == http1_response::progress::done)
                    return finish_reply(c);
                if (p == http1_response::progress::bad)
                    return finish_error(c, "a bad response from " + where + ": " + c.reply.error());
                continue;
            }
            if (n == 0) {
                if (c.reply.end_of_stream() == http1_response::progress::done)
                    return finish_reply(c);
                return broken(c, c.reply.error() + " (" + where + ")");
            }
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            return broken(c, "receiving from " + where + " failed: " + errno_text(errno));
        }
    };

    const auto fill = [&] {
        for (auto& c : connections_)
            if (c->at == phase::idle && next < requests.size())
                start(*c);
    };
    fill();
    std::vector<pollfd> polled;
    std::vector<connection*> owners;
    while (active > 0) {
        polled.clear();
        owners.clear();
        steady::time_point soonest = steady::time_point::max();
        for (auto& c : connections_) {
            if (c->at == phase::idle)
                continue;
            polled.push_back(
                {c->fd, static_cast<short>(c->at == phase::receiving ? POLLIN : POLLOUT), 0});
            owners.push_back(c.get());
            soonest =
                std::min(soonest, c->at == phase::connecting ? c->connect_deadline : c->deadline);
        }
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(soonest - steady::now());
        const int rc = ::poll(polled.data(), polled.size(),
                              static_cast<int>(std::max<std::int64_t>(0, wait.count())));
        if (rc < 0 && errno != EINTR) {
            for (connection* c : owners)
                if (c->at != phase::idle)
                    finish_error(*c, "poll failed: " + errno_text(errno));
            break;
        }
        for (std::size_t i = 0; rc > 0 && i < polled.size(); ++i) {
            connection& c = *owners[i];
            if (polled[i].revents == 0 || c.at == phase::idle)
                continue;
            if (c.at == phase::connecting) {
                int error = 0;
                socklen_t size = sizeof error;
                ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &size);
                if (error == 0) {
                    c.at = phase::sending;
                    pump_send(c);
                } else {
                    c.close_socket();
                    c.trying = c.trying ? c.trying->ai_next : nullptr;
                    try_connect(c, error);
                }
            } else if (c.at == phase::sending) {
                pump_send(c);
            } else {
                receive(c);
            }
        }
        const auto now = steady::now();
        for (auto& c : connections_) {
            if (c->at == phase::connecting && now >= c->connect_deadline)
                finish_error(*c, "connecting to " + where + " timed out after " +
                                     std::to_string(connect_timeout_.count()) + " ms");
            else if (c->at != phase::idle && c->at != phase::connecting && now >= c->deadline)
                finish_error(*c, "no complete response from " + where + " within " +
                                     std::to_string(timeout_.count()) + " ms");
        }
        fill();
    }
    return replies;
}

} // namespace reviewd::delivery
