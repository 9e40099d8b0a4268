// The HTTP server core on Boost.Beast (see http_server.h): the only translation unit that
// includes Beast. One `connection` object per socket, driven by do_x/on_x pairs on its own strand,
// with a deadline on every operation; the acceptor is guarded by a mutex so stop_accepting() and
// shutdown() take effect before they return, from any thread.
//
// Connection phases (only the connection's strand touches them):
//   waiting --first byte--> reading --complete--> handling --> writing --keep-alive--> waiting
//      |                       |                                  |
//      +-- timeout/EOF: close  +-- too large/malformed: error ----+-- close: lingering --> closed
// "lingering" half-closes the socket and drains what the client still sends for a short while, so
// the client reads our answer instead of a connection reset.
#include <utility> // first: Boost 1.74's Asio needs it with GCC 12

#include "http/http_server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <unordered_set>

namespace reviewd::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using wire_response = bhttp::response<bhttp::string_body>;

constexpr std::chrono::milliseconds max_linger{2000};  // how long a closing connection is drained
constexpr std::chrono::milliseconds accept_pause{100}; // after an accept error such as EMFILE
constexpr std::size_t read_chunk = 4096;

// Messages are fixed text written here (no quotes or backslashes), so no escaping is needed.
std::string error_json(std::string_view code, std::string_view message) {
    std::string out = R"({"error":{"code":")";
    out.append(code).append(R"(","message":")").append(message).append(R"(","field":""}})");
    return out;
}

response error_response(int status, std::string_view code, std::string_view message) {
    response r;
    r.status = status;
    r.body = error_json(code, message);
    return r;
}

bool is_token(std::string_view s) {
    if (s.empty())
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    });
}

bool is_safe_value(std::string_view s) {
    return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool iequals(std::string_view a, std::string_view b) {
    return beast::iequals(beast::string_view(a.data(), a.size()),
                          beast::string_view(b.data(), b.size()));
}

bool server_owned(std::string_view name) {
    for (std::string_view owned : {"content-length", "transfer-encoding", "connection",
                                   "content-type", "cache-control", "x-content-type-options"})
        if (iequals(name, owned))
            return true;
    return false;
}

wire_response to_wire(response r, unsigned version, bool keep_alive) {
    if (r.status < 200 || r.status > 599 || !is_safe_value(r.content_type))
        r = error_response(500, "internal", "the server produced an invalid response");
    wire_response res;
    res.version(version);
    res.result(static_cast<unsigned>(r.status));
    for (const auto& [name, value] : r.headers)
        if (is_token(name) && is_safe_value(value) && !server_owned(name))
            res.insert(name, value);
    res.set(bhttp::field::content_type, r.content_type);
    res.set(bhttp::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    if (r.status == 204 || r.status == 304)
        r.body.clear(); // these never carry a body, nor a Content-Length (RFC 9110 8.6)
    else
        res.content_length(r.body.size());
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    return res;
}

bool is_parse_error(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

class connection;

} // namespace

struct detail::server_state : std::enable_shared_from_this<server_state> {
    server_state(net::io_context& io_, std::string address_, std::uint16_t port_, limits lim_,
                 handler h)
        : io(io_), address(std::move(address_)), port(port_), lim(lim_), on_request(std::move(h)),
          acceptor(io_), accept_timer(io_) {}

    std::string where() const {
        const bool v6 = address.find(':') != std::string::npos;
        return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
    }

    std::uint16_t listen();
    void do_accept(); // accept_mutex held
    void on_accept(beast::error_code ec, tcp::socket socket);
    void close_acceptor();
    bool enter(connection* c); // false once shutting down
    void leave(connection* c);
    void close_connections(bool now);

    net::io_context& io;
    const std::string address;
    const std::uint16_t port;
    const limits lim;
    const handler on_request;

    std::mutex accept_mutex; // guards acceptor, accept_timer, listening
    tcp::acceptor acceptor;
    net::steady_timer accept_timer;
    bool listening = false;

    std::mutex connections_mutex; // guards connections
    std::unordered_set<connection*> connections;
    std::atomic<bool> shutting_down{false};
    std::atomic<bool> destroyed{false}; // the server object is gone: call no more handlers

    std::atomic<std::size_t> open{0};
    std::atomic<std::uint64_t> requests{0}, rejected{0}, timeouts{0}, too_large{0};
};

namespace {

using detail::server_state;

class connection : public std::enable_shared_from_this<connection> {
public:
    // `admitted` is false for a connection over max_connections, which is only told 503.
    connection(std::shared_ptr<server_state> state, tcp::socket&& socket, bool admitted)
        : state_(std::move(state)), stream_(std::move(socket)), admitted_(admitted) {
        if (admitted_)
            state_->open.fetch_add(1, std::memory_order_relaxed);
        beast::error_code ec;
        // Responses are written whole; Nagle would hold a pipelined second one for an ACK.
        stream_.socket().set_option(tcp::no_delay(true), ec);
        const auto peer = stream_.socket().remote_endpoint(ec);
        if (!ec)
            remote_address_ = peer.address().to_string();
    }

    ~connection() {
        if (!admitted_)
            return;
        state_->leave(this);
        state_->open.fetch_sub(1, std::memory_order_relaxed);
    }

    net::any_io_executor executor() { return stream_.get_executor(); }

    void start() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&connection::on_start, shared_from_this()));
    }

    void reject() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&connection::on_reject, shared_from_this()));
    }

    // Posted by the server. `now`: close whatever is happening; otherwise only when idle.
    void on_shutdown(bool now) {
        closing_ = true;
        if (now || phase_ == phase::waiting || phase_ == phase::lingering)
            close();
    }

private:
    enum class phase { waiting, reading, handling, writing, lingering, closed };
    enum class stage { wait, read, write, linger };

    void on_start() {
        if (!state_->enter(this))
            return close();
        do_wait();
    }

    void on_reject() {
        closing_ = true;
        auto r = error_response(503, "too_many_connections",
                                "the server has too many open connections; try again shortly");
        r.headers.emplace_back("Retry-After", "1");
        do_write(to_wire(std::move(r), 11, false));
    }

    // Waits for the first byte of a request, bounded by request_timeout on a fresh connection and
    // idle_timeout between kept-alive requests. Silence is not a timeout worth counting.
    void do_wait() {
        parser_.emplace();
        parser_->body_limit(state_->lim.max_body_bytes);
        parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
            state_->lim.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
        if (buffer_.size() > 0) // a pipelined request already arrived
            return do_read();
        phase_ = phase::waiting;
        stream_.expires_after(fresh_ ? state_->lim.request_timeout : state_->lim.idle_timeout);
        stream_.async_read_some(
            buffer_.prepare(read_chunk),
            beast::bind_front_handler(&connection::on_wait, shared_from_this()));
    }

    void on_wait(beast::error_code ec, std::size_t bytes) {
        if (ec)
            return fail(ec, stage::wait);
        buffer_.commit(bytes);
        if (closing_)
            return close();
        do_read();
    }

    // The whole request must arrive within request_timeout of its first byte.
    void do_read() {
        phase_ = phase::reading;
        stream_.expires_after(state_->lim.request_timeout);
        bhttp::async_read_header(
            stream_, buffer_, *parser_,
            beast::bind_front_handler(&connection::on_read_header, shared_from_this()));
    }

    void on_read_header(beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, stage::read);
        if (parser_->is_done())
            return on_request();
        // A client that asked to be told before sending its body (curl does above 1 KiB).
        if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
            static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
            return net::async_write(
                stream_, net::buffer(go_on.data(), go_on.size()),
                beast::bind_front_handler(&connection::on_continue, shared_from_this()));
        }
        do_read_body();
    }

    void on_continue(beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, stage::write);
        do_read_body();
    }

    void do_read_body() {
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&connection::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, stage::read);
        on_request();
    }

    void on_request() {
        if (state_->destroyed.load())
            return close();
        phase_ = phase::handling;
        fresh_ = false;
        state_->requests.fetch_add(1, std::memory_order_relaxed);
        auto message = parser_->release();
        request req;
        req.method = std::string(message.method_string());
        req.target = std::string(message.target());
        for (const auto& field : message) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
            req.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        req.body = std::move(message.body());
        req.remote_address = remote_address_;
        response res;
        try {
            res = state_->on_request(req);
        } catch (...) {
            res = error_response(500, "internal", "the server failed to handle the request");
        }
        const bool keep_alive = message.keep_alive() && !closing_ && !state_->shutting_down.load();
        do_write(to_wire(std::move(res), message.version(), keep_alive));
    }

    void send_error(int status, std::string_view code, std::string_view message) {
        do_write(to_wire(error_response(status, code, message), 11, false));
    }

    void do_write(wire_response res) {
        phase_ = phase::writing;
        response_.emplace(std::move(res));
        stream_.expires_after(state_->lim.request_timeout);
        bhttp::async_write(stream_, *response_,
                           beast::bind_front_handler(&connection::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, stage::write);
        const bool keep_alive = response_->keep_alive();
        response_.reset();
        if (!keep_alive || closing_ || state_->shutting_down.load())
            return do_linger();
        do_wait();
    }

    // Half-close, then discard what the client still sends until it closes or max_linger passes.
    void do_linger() {
        phase_ = phase::lingering;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec)
            return close();
        stream_.expires_after(std::min(state_->lim.request_timeout, max_linger));
        do_drain();
    }

    void do_drain() {
        buffer_.clear();
        stream_.async_read_some(
            buffer_.prepare(read_chunk),
            beast::bind_front_handler(&connection::on_drain, shared_from_this()));
    }

    void on_drain(beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, stage::linger);
        do_drain();
    }

    void fail(beast::error_code ec, stage where) {
        if (where == stage::read) {
            if (ec == bhttp::error::body_limit) {
                state_->too_large.fetch_add(1, std::memory_order_relaxed);
                return send_error(413, "body_too_large",
                                  "the request body is larger than " +
                                      std::to_string(state_->lim.max_body_bytes) + " bytes");
            }
            if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
                state_->too_large.fetch_add(1, std::memory_order_relaxed);
                return send_error(431, "headers_too_large",
                                  "the request headers are larger than " +
                                      std::to_string(state_->lim.max_header_bytes) + " bytes");
            }
            if (ec == beast::error::timeout)
                state_->timeouts.fetch_add(1, std::memory_order_relaxed);
            else if (is_parse_error(ec))
                return send_error(400, "bad_request", "the request is not valid HTTP/1.1");
        }
        close(); // EOF, reset, cancelled, timed out (the stream has closed itself) or write failed
    }

    void close() {
        phase_ = phase::closed;
        stream_.close();
    }

    std::shared_ptr<server_state> state_;
    beast::tcp_stream stream_;
    const bool admitted_;
    std::string remote_address_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<wire_response> response_;
    phase phase_ = phase::waiting;
    bool fresh_ = true;    // no request has been read on this connection yet
    bool closing_ = false; // answer what is in flight, then close
};

} // namespace

std::uint16_t detail::server_state::listen() {
    std::lock_guard lock(accept_mutex);
    if (listening)
        throw std::runtime_error("http: already listening on " + where());
    auto fail = [&](const std::string& what) {
        beast::error_code ignored;
        acceptor.close(ignored);
        return std::runtime_error("http: cannot listen on " + where() + ": " + what);
    };
    beast::error_code ec;
    const auto ip = net::ip::make_address(address, ec);
    if (ec)
        throw fail("not an IP address");
    const tcp::endpoint endpoint(ip, port);
    if (acceptor.open(endpoint.protocol(), ec); ec)
        throw fail(ec.message());
    if (acceptor.set_option(net::socket_base::reuse_address(true), ec); ec)
        throw fail(ec.message());
    if (acceptor.bind(endpoint, ec); ec)
        throw fail(ec.message());
    if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec)
        throw fail(ec.message());
    const auto bound = acceptor.local_endpoint(ec);
    if (ec)
        throw fail(ec.message());
    listening = true;
    do_accept();
    return bound.port();
}

void detail::server_state::do_accept() {
    acceptor.async_accept(net::make_strand(io),
                          beast::bind_front_handler(&server_state::on_accept, shared_from_this()));
}

void detail::server_state::on_accept(beast::error_code ec, tcp::socket socket) {
    if (!ec) {
        // Only one accept is outstanding at a time, so this check cannot over-admit.
        const bool admit = open.load() < lim.max_connections;
        if (!admit)
            rejected.fetch_add(1, std::memory_order_relaxed);
        auto c = std::make_shared<connection>(shared_from_this(), std::move(socket), admit);
        if (admit)
            c->start();
        else
            c->reject();
    }
    std::lock_guard lock(accept_mutex);
    if (!acceptor.is_open() || ec == net::error::operation_aborted)
        return;
    if (!ec || ec == net::error::connection_aborted)
        return do_accept();
    // Out of file descriptors or similar: pause rather than spin.
    accept_timer.expires_after(accept_pause);
    accept_timer.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        std::lock_guard relock(self->accept_mutex);
        if (!wait_ec && self->acceptor.is_open())
            self->do_accept();
    });
}

void detail::server_state::close_acceptor() {
    std::lock_guard lock(accept_mutex);
    beast::error_code ignored;
    acceptor.close(ignored);
    accept_timer.cancel();
}

bool detail::server_state::enter(connection* c) {
    std::lock_guard lock(connections_mutex);
    if (shutting_down.load())
        return false;
    connections.insert(c);
    return true;
}

void detail::server_state::leave(connection* c) {
    std::lock_guard lock(connections_mutex);
    connections.erase(c);
}

void detail::server_state::close_connections(bool now) {
    close_acceptor();
    std::vector<std::shared_ptr<connection>> live;
    {
        std::lock_guard lock(connections_mutex);
        shutting_down.store(true);
        for (connection* c : connections)
            if (auto alive = c->weak_from_this().lock()) // null if it is being destroyed
                live.push_back(std::move(alive));
    }
    for (const auto& c : live)
        net::post(c->executor(), [c, now] { c->on_shutdown(now); });
}

const std::string* request::header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers)
        if (name == lower_name)
            return &value;
    return nullptr;
}

server::server(boost::asio::io_context& io, std::string address, std::uint16_t port, limits lim,
               handler h)
    : state_(std::make_shared<detail::server_state>(io, std::move(address), port, lim,
                                                    std::move(h))) {}

server::~server() {
    state_->destroyed.store(true);
    state_->close_connections(true);
}

std::uint16_t server::listen() {
    return state_->listen();
}

void server::stop_accepting() {
    state_->close_acceptor();
}

void server::shutdown() {
    state_->close_connections(false);
}

std::size_t server::open_connections() const {
    return state_->open.load();
}

server::counters server::stats() const {
    return {state_->requests.load(), state_->rejected.load(), state_->timeouts.load(),
            state_->too_large.load()};
}

} // namespace reviewd::http
