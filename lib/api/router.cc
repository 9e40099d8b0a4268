// Target parsing and pattern matching; see router.h.
#include "api/router.h"

namespace reviewd::api {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<std::string> decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            const char decoded = static_cast<char>(hi * 16 + lo);
            if (decoded == '\0')
                return std::nullopt;
            out += decoded;
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

std::optional<target> parse_target(std::string_view raw) {
    if (raw.empty() || raw.front() != '/')
        return std::nullopt;
    target t;
    const std::size_t question = raw.find('?');
    const std::string_view path = raw.substr(0, question);
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string_view piece = path.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (!piece.empty() || slash != std::string_view::npos) {
            auto decoded = decode(piece, false);
            if (!decoded || decoded->find('/') != std::string::npos)
                return std::nullopt;
            if (!decoded->empty())
                t.segments.push_back(std::move(*decoded));
        }
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    if (question == std::string_view::npos)
        return t;
    std::string_view query = raw.substr(question + 1);
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        if (!pair.empty()) {
            const std::size_t eq = pair.find('=');
            auto key = decode(pair.substr(0, eq), true);
            auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                                      : decode(pair.substr(eq + 1), true);
            if (!key || !value)
                return std::nullopt;
            t.query[*key] = *value;
        }
        if (amp == std::string_view::npos)
            break;
        query = query.substr(amp + 1);
    }
    return t;
}

std::optional<std::vector<std::string>> match(std::string_view pattern,
                                              const std::vector<std::string>& segments) {
    std::vector<std::string> captures;
    std::size_t index = 0;
    std::size_t start = 1;
    while (start <= pattern.size()) {
        const std::size_t slash = pattern.find('/', start);
        const std::string_view piece = pattern.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (index >= segments.size())
            return std::nullopt;
        if (piece == "{}")
            captures.push_back(segments[index]);
        else if (piece != segments[index])
            return std::nullopt;
        ++index;
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    if (index != segments.size())
        return std::nullopt;
    return captures;
}

} // namespace reviewd::api
