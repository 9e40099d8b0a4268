// Parsing raw request bytes like lib/http; see raw_http.h.
#include <utility> // first: Boost 1.74's Asio needs it with GCC 12

#include "raw_http.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace reviewd::fuzz {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::optional<parsed_request> next_request(std::string_view& bytes, std::size_t max_body_bytes,
                                           std::size_t max_header_bytes) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(max_body_bytes);
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser.eager(true);
    beast::error_code ec;
    while (!parser.is_done()) {
        if (bytes.empty()) {         // the client closed: a request cut short is never handled
            if (!parser.got_some())  // and no request at all is no request (Beast's put_eof
                return std::nullopt; // would call an empty parser done)
            parser.put_eof(ec);
            if (ec || !parser.is_done())
                return std::nullopt;
            break;
        }
        const std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
        bytes.remove_prefix(used);
        if (ec == bhttp::error::need_more) {
            if (used == 0) // the rest of the header never comes
                return std::nullopt;
            ec = {};
            continue;
        }
        if (ec)
            return std::nullopt;
    }

    // As http_server.cc's connection::on_request builds the request it hands to the handler.
    auto message = parser.release();
    parsed_request out;
    out.request.method = std::string(message.method_string());
    out.request.target = std::string(message.target());
    for (const auto& field : message) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
        out.request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    out.request.body = std::move(message.body());
    out.request.remote_address = "127.0.0.1";
    out.keep_alive = message.keep_alive();
    return out;
}

} // namespace reviewd::fuzz
