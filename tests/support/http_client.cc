// Blocking HTTP/1.1 test client on POSIX sockets; see http_client.h.
#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace reviewd::test {
namespace {

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

int remaining_ms(std::chrono::steady_clock::time_point until) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<std::int64_t>(0, left.count()));
}

// Waits for `events` on fd; false on timeout.
bool wait_for(int fd, short events, std::chrono::steady_clock::time_point until) {
    for (;;) {
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, remaining_ms(until));
        if (n > 0)
            return true;
        if (n == 0)
            return false;
        if (errno != EINTR)
            throw std::runtime_error(std::string("http_client: poll: ") + std::strerror(errno));
    }
}

} // namespace

const std::string* http_reply::header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers)
        if (name == lower_name)
            return &value;
    return nullptr;
}

http_client::http_client(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout) {}

http_client::~http_client() {
    close();
}

void http_client::close() {
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    pending_.clear();
}

void http_client::connect() {
    close();
    const std::string where = host_ + ":" + std::to_string(port_);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    if (::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1)
        throw std::runtime_error("http_client: not an IPv4 address: " + host_);
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw std::runtime_error(std::string("http_client: socket: ") + std::strerror(errno));
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        const int err = errno;
        ::close(fd);
        throw std::runtime_error("http_client: connect " + where + ": " + std::strerror(err));
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fd_ = fd;
    ++opened_;
}

void http_client::send_all(std::string_view bytes, deadline until) {
    while (!bytes.empty()) {
        if (!wait_for(fd_, POLLOUT, until))
            throw std::runtime_error("http_client: timed out sending");
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            throw std::runtime_error(std::string("http_client: send: ") + std::strerror(errno));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void http_client::send_raw(std::string_view bytes) {
    if (fd_ < 0)
        connect();
    send_all(bytes, std::chrono::steady_clock::now() + timeout_);
}

bool http_client::receive_more(deadline until) {
    if (fd_ < 0)
        throw std::runtime_error("http_client: not connected");
    char buffer[16384];
    for (;;) {
        if (!wait_for(fd_, POLLIN, until))
            throw std::runtime_error("http_client: timed out waiting for the reply");
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            pending_.append(buffer, static_cast<std::size_t>(n));
            return true;
        }
        if (n == 0)
            return false;
        if (errno == EINTR || errno == EAGAIN)
            continue;
        throw std::runtime_error(std::string("http_client: recv: ") + std::strerror(errno));
    }
}

std::string http_client::take_line(deadline until) {
    std::size_t end;
    while ((end = pending_.find("\r\n")) == std::string::npos) {
        if (receive_more(until))
            continue;
        if (pending_.empty() && !reply_started_)
            throw closed_before_reply("http_client: connection closed before a reply");
        throw std::runtime_error("http_client: connection closed mid-reply");
    }
    reply_started_ = true;
    std::string line = pending_.substr(0, end);
    pending_.erase(0, end + 2);
    return line;
}

void http_client::take(std::size_t n, std::string& out, deadline until) {
    while (pending_.size() < n)
        if (!receive_more(until))
            throw std::runtime_error("http_client: connection closed mid-body");
    out.append(pending_, 0, n);
    pending_.erase(0, n);
}

http_reply http_client::read_reply() {
    const deadline until = std::chrono::steady_clock::now() + timeout_;
    http_reply reply;
    reply_started_ = false;
    const std::string status_line = take_line(until);
    if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12)
        throw std::runtime_error("http_client: not an HTTP reply: " + status_line);
    reply.status = std::stoi(status_line.substr(9, 3));
    for (std::string line; !(line = take_line(until)).empty();) {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            throw std::runtime_error("http_client: bad header line: " + line);
        reply.headers.emplace_back(lower(line.substr(0, colon)), trim(line.substr(colon + 1)));
    }
    const bool no_body =
        head_ || reply.status / 100 == 1 || reply.status == 204 || reply.status == 304;
    const std::string* length = reply.header("content-length");
    const std::string* encoding = reply.header("transfer-encoding");
    if (no_body) {
    } else if (encoding && lower(*encoding).find("chunked") != std::string::npos) {
        for (;;) {
            const std::size_t size = std::stoul(take_line(until), nullptr, 16);
            if (size == 0)
                break;
            take(size, reply.body, until);
            take_line(until);
        }
        while (!take_line(until).empty()) { // trailers
        }
    } else if (length) {
        take(std::stoul(*length), reply.body, until);
    } else {
        while (receive_more(until)) {
        }
        reply.body = std::move(pending_);
        pending_.clear();
    }
    head_ = false;
    const std::string* connection = reply.header("connection");
    if ((connection && lower(*connection) == "close") || (!length && !no_body && !encoding))
        close();
    return reply;
}

http_reply http_client::request(const std::string& method, const std::string& target,
                                const std::string& body, const header_list& headers) {
    std::string text = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + ":" +
                       std::to_string(port_) + "\r\n";
    for (const auto& [name, value] : headers)
        text += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
        text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    text += "\r\n" + body;

    // Drop a kept-alive connection the server has closed meanwhile; if it closes while this
    // request is on its way (nothing of a reply arrived), retry once on a fresh connection.
    if (fd_ >= 0 && pending_.empty() && wait_closed(std::chrono::milliseconds(0)))
        close();
    const bool reused = fd_ >= 0;
    if (!reused)
        connect();
    head_ = method == "HEAD";
    try {
        send_raw(text);
        return read_reply();
    } catch (const closed_before_reply&) {
        if (!reused)
            throw;
    }
    connect();
    send_raw(text);
    return read_reply();
}

bool http_client::wait_closed(std::chrono::milliseconds limit) {
    if (fd_ < 0)
        return true;
    const deadline until = std::chrono::steady_clock::now() + limit;
    char buffer[4096];
    for (;;) {
        if (!wait_for(fd_, POLLIN, until))
            return false;
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            pending_.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        return true; // EOF or reset
    }
}

} // namespace reviewd::test
