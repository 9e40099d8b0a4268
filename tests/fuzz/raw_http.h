// Raw request bytes taken apart the way lib/http takes them apart: Beast's request_parser with the
// server's body and header limits, then the same conversion into http::request that
// http_server.cc's on_request makes (lower-cased header names, in the order sent). Several
// requests may follow one another on a connection; parsing stops, as the server would close the
// connection, at malformed or oversized input or after a request that is not kept alive.
#pragma once

#include "http/http_server.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace reviewd::fuzz {

struct parsed_request {
    http::request request;
    bool keep_alive = false;
};

// The next whole request at the front of `bytes`, which is advanced past it; nullopt when the
// bytes do not hold one (the server would answer 400/413/431 or wait for more, then close).
std::optional<parsed_request> next_request(std::string_view& bytes, std::size_t max_body_bytes,
                                           std::size_t max_header_bytes);

} // namespace reviewd::fuzz
