// The incremental HTTP/1.1 response reader; see http1_response.h.
#include "delivery/http1_response.h"

#include <algorithm>
#include <cctype>

namespace reviewd::delivery {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Each comma-separated token of a header value, trimmed and lower-cased.
template <class F> void for_each_token(std::string_view value, F&& f) {
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        f(lower(trim(value.substr(0, comma))));
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    }
}

} // namespace

http1_response::progress http1_response::fail(std::string why) {
    stage_ = stage::bad;
    error_ = std::move(why);
    keep_alive_ = false;
    return progress::bad;
}

http1_response::progress http1_response::feed(std::string_view bytes) {
    received_ += bytes.size();
    while (!bytes.empty() && stage_ != stage::done && stage_ != stage::bad) {
        if (step(bytes) == progress::bad)
            return progress::bad;
    }
    if (stage_ == stage::bad)
        return progress::bad;
    if (stage_ != stage::done)
        return progress::more;
    if (!bytes.empty())
        keep_alive_ = false; // more than one response's worth: the connection is out of step
    return progress::done;
}

http1_response::progress http1_response::end_of_stream() {
    if (stage_ == stage::body_until_close) {
        stage_ = stage::done;
        keep_alive_ = false;
    }
    if (stage_ == stage::done)
        return progress::done;
    if (stage_ == stage::bad)
        return progress::bad;
    return fail(received_ == 0 ? "the connection closed without a response"
                               : "the connection closed before the response was complete");
}

bool http1_response::take_line(std::string_view& bytes, std::string& line) {
    const std::size_t lf = bytes.find('\n');
    if (lf == std::string_view::npos) {
        pending_.append(bytes);
        bytes = {};
        return false;
    }
    line = std::move(pending_);
    line.append(bytes.substr(0, lf));
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    pending_.clear();
    bytes.remove_prefix(lf + 1);
    return true;
}

void http1_response::skip_body(std::string_view& bytes, stage then) {
    const std::size_t n = static_cast<std::size_t>(
        std::min<std::uint64_t>(remaining_, static_cast<std::uint64_t>(bytes.size())));
    bytes.remove_prefix(n);
    remaining_ -= n;
    if (remaining_ == 0)
        stage_ = then;
}

http1_response::progress http1_response::step(std::string_view& bytes) {
    switch (stage_) {
    case stage::head: {
        // The head ends at an empty line: CR LF CR LF, or LF LF from a lax server.
        const std::size_t before = pending_.size();
        pending_.append(bytes);
        const std::size_t from = before < 3 ? 0 : before - 3;
        std::size_t end = std::string::npos, marker = 0;
        for (std::size_t i = from; i < pending_.size(); ++i) {
            if (pending_[i] != '\n')
                continue;
            if (i + 1 < pending_.size() && pending_[i + 1] == '\n') {
                end = i, marker = 2;
                break;
            }
            if (i + 2 < pending_.size() && pending_[i + 1] == '\r' && pending_[i + 2] == '\n') {
                end = i, marker = 3;
                break;
            }
        }
        if (end == std::string::npos) {
            bytes = {};
            if (pending_.size() > max_head_bytes)
                return fail("the response headers are longer than 64 KiB");
            return progress::more;
        }
        bytes.remove_prefix(end + marker - before);
        std::string head = pending_.substr(0, end);
        pending_.clear();
        if (head.size() > max_head_bytes)
            return fail("the response headers are longer than 64 KiB");
        return parse_head(head);
    }
    case stage::body_length:
        skip_body(bytes, stage::done);
        return progress::more;
    case stage::body_until_close:
        bytes = {};
        return progress::more;
    case stage::chunk_size: {
        std::string line;
        if (!take_line(bytes, line))
            return pending_.size() > 1024 ? fail("a chunk-size line is longer than 1 KiB")
                                          : progress::more;
        const std::string_view digits = trim(std::string_view(line).substr(0, line.find(';')));
        if (digits.empty() || digits.size() > 15 ||
            !std::all_of(digits.begin(), digits.end(),
                         [](unsigned char c) { return std::isxdigit(c) != 0; }))
            return fail("a malformed chunk size \"" + line.substr(0, 40) + "\"");
        remaining_ = std::stoull(std::string(digits), nullptr, 16);
        stage_ = remaining_ == 0 ? stage::trailers : stage::chunk_data;
        return progress::more;
    }
    case stage::chunk_data:
        skip_body(bytes, stage::chunk_end);
        return progress::more;
    case stage::chunk_end: {
        std::string line;
        if (!take_line(bytes, line))
            return pending_.size() > 2 ? fail("a chunk is longer than its size") : progress::more;
        if (!line.empty())
            return fail("a chunk is longer than its size");
        stage_ = stage::chunk_size;
        return progress::more;
    }
    case stage::trailers: {
        std::string line;
        if (!take_line(bytes, line))
            return pending_.size() > max_head_bytes ? fail("the trailers are longer than 64 KiB")
                                                    : progress::more;
        if (line.empty())
            stage_ = stage::done;
        return progress::more;
    }
    case stage::done:
    case stage::bad:
        break;
    }
    return progress::more;
}

http1_response::progress http1_response::parse_head(std::string_view head) {
    std::size_t eol = head.find('\n');
    const std::string_view first = trim(head.substr(0, eol));
    // "HTTP/1.1 204 No Content": the version, a space, three digits, then a space or the end.
    if (first.size() < 12 || first.substr(0, 7) != "HTTP/1." || !std::isdigit(first[7]) ||
        first[8] != ' ' || !all_digits(first.substr(9, 3)) ||
        (first.size() > 12 && first[12] != ' '))
        return fail("not an HTTP/1.x status line: \"" + std::string(first.substr(0, 40)) + "\"");
    const bool http10 = first[7] == '0';
    status_ = std::stol(std::string(first.substr(9, 3)));
    if (status_ < 100)
        return fail("status " + std::to_string(status_) + " is not an HTTP status");

    std::optional<std::uint64_t> length;
    bool chunked = false, other_coding = false, close = false, keep = false;
    retry_after_.reset();
    while (eol != std::string_view::npos) {
        head.remove_prefix(eol + 1);
        eol = head.find('\n');
        const std::string_view line = head.substr(0, eol);
        if (trim(line).empty())
            continue;
        if (line.front() == ' ' || line.front() == '\t')
            return fail("a folded header line (obsolete, and ambiguous)");
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return fail("a header line without a name and a colon");
        const std::string name = lower(trim(line.substr(0, colon)));
        const std::string_view value = trim(line.substr(colon + 1));
        if (name == "content-length") {
            if (!all_digits(value) || value.size() > 18)
                return fail("a bad Content-Length \"" + std::string(value.substr(0, 40)) + "\"");
            const std::uint64_t n = std::stoull(std::string(value));
            if (length && *length != n)
                return fail("two different Content-Length headers");
            length = n;
        } else if (name == "transfer-encoding") {
            for_each_token(value, [&](const std::string& coding) {
                chunked = coding == "chunked";
                other_coding = other_coding || (coding != "chunked" && coding != "identity");
            });
        } else if (name == "connection") {
            for_each_token(value, [&](const std::string& option) {
                close = close || option == "close";
                keep = keep || option == "keep-alive";
            });
        } else if (name == "retry-after") {
            retry_after_ = std::string(value);
        }
    }

    if (status_ < 200) {
        if (status_ == 101)
            return fail("101 Switching Protocols was not asked for");
        status_ = 0; // an interim response: the real one follows
        stage_ = stage::head;
        return progress::more;
    }
    keep_alive_ = !close && (!http10 || keep);
    if (status_ == 204 || status_ == 304) {
        stage_ = stage::done;
    } else if (chunked) {
        stage_ = stage::chunk_size;
    } else if (other_coding || !length) {
        stage_ = stage::body_until_close;
        keep_alive_ = false;
    } else {
        remaining_ = *length;
        stage_ = remaining_ == 0 ? stage::done : stage::body_length;
    }
    return progress::more;
}

} // namespace reviewd::delivery
