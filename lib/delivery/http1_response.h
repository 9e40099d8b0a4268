// Reads one HTTP/1.1 response as its bytes arrive, for the plain-HTTP webhook client: the status,
// whether the connection may be kept, and Retry-After; the body is counted and dropped. Handles
// Content-Length, chunked transfer coding (with extensions and trailers), bodiless statuses (1xx,
// 204, 304), bodies ended by closing the connection, interim 1xx responses (skipped), LF-only line
// ends and HTTP/1.0. Strict where a mistake would desynchronise a kept-alive connection: a bad
// status line, conflicting lengths, a malformed chunk or a header block over 64 KiB is an error,
// and the connection is then closed. Pure: no I/O, so every case is a unit test and a fuzz input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reviewd::delivery {

class http1_response {
public:
    enum class progress { more, done, bad };

    // Consumes bytes; returns done once a whole response has been read (bytes after it make the
    // connection unusable: keep_alive() turns false), bad with error() set on a protocol error.
    progress feed(std::string_view bytes);
    // The peer closed the connection: done when that ends a body read to the close, else bad.
    progress end_of_stream();

    bool started() const { return received_ > 0; } // any byte at all came back
    long status() const { return status_; }
    bool keep_alive() const { return keep_alive_; }
    const std::optional<std::string>& retry_after() const { return retry_after_; }
    const std::string& error() const { return error_; }

    static constexpr std::size_t max_head_bytes = 64 * 1024;

private:
    enum class stage {
        head,
        body_length,
        body_until_close,
        chunk_size,
        chunk_data,
        chunk_end,
        trailers,
        done,
        bad
    };
    progress fail(std::string why);
    progress parse_head(std::string_view head);
    progress step(std::string_view& bytes);
    // Takes one line (without its CR LF or LF) from line_ + bytes; false when none is complete.
    bool take_line(std::string_view& bytes, std::string& line);
    // Drops up to remaining_ body bytes; moves to `then` once none remain.
    void skip_body(std::string_view& bytes, stage then);

    stage stage_ = stage::head;
    std::string pending_; // the head, or a chunk-size or trailer line, still incomplete
    std::uint64_t remaining_ = 0;
    std::size_t received_ = 0;
    long status_ = 0;
    bool keep_alive_ = true;
    std::optional<std::string> retry_after_;
    std::string error_;
};

} // namespace reviewd::delivery
