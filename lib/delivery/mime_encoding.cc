// Quoted-printable, encoded-words and dates for mime.cc; see mime_encoding.h.
#include "delivery/mime_encoding.h"

#include "delivery/base64.h"

#include <date/date.h>

#include <array>

namespace reviewd::delivery {
namespace {

constexpr std::size_t qp_line_limit = 76; // RFC 2045 6.7 (5), including the soft-break '='
constexpr char hex_digits[] = "0123456789ABCDEF";

std::string escape(unsigned char c) {
    return {'=', hex_digits[c >> 4], hex_digits[c & 15]};
}

// Appends one line (without its ending) to out in quoted-printable, folding with soft breaks.
void encode_line(std::string_view line, std::string& out) {
    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        const bool last = i + 1 == line.size();
        std::string piece;
        if ((c == ' ' || c == '\t') && last)
            piece = escape(c);
        else if (c == '.' && column == 0)
            piece = escape(c);
        else if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t')
            piece.assign(1, static_cast<char>(c));
        else
            piece = escape(c);
        // Leave room for the soft break '=' unless this piece ends the line.
        const std::size_t room = last ? qp_line_limit : qp_line_limit - 1;
        if (column + piece.size() > room) {
            out += "=\r\n";
            column = 0;
            if (piece == ".")
                piece = escape('.');
        }
        out += piece;
        column += piece.size();
    }
}

// Length of the UTF-8 sequence starting with lead byte c (1 for anything malformed).
std::size_t utf8_length(unsigned char c) {
    if (c >= 0xf0 && c <= 0xf7)
        return 4;
    if (c >= 0xe0)
        return c <= 0xef ? 3 : 1;
    if (c >= 0xc0)
        return 2;
    return 1;
}

constexpr std::array<const char*, 7> weekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string two_digits(unsigned n) {
    return {static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)};
}

} // namespace

std::string quoted_printable(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of("\r\n", start);
        if (end == std::string_view::npos) {
            encode_line(text.substr(start), out);
            break;
        }
        encode_line(text.substr(start, end - start), out);
        out += "\r\n";
        start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    }
    return out;
}

bool is_printable_ascii(std::string_view text) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 32 || c > 126)
            return false;
    }
    return true;
}

std::string encode_header_text(std::string_view text, std::size_t used) {
    constexpr std::size_t line_limit = 78; // RFC 5322 2.1.1 "SHOULD"
    // Plain text is kept as it is when it is unambiguous, folded before spaces where a line
    // would pass 78 characters (a single long word may pass it; 900 keeps us far below 998).
    if (is_printable_ascii(text) && text.find("=?") == std::string_view::npos &&
        text.size() <= 900) {
        std::string out;
        std::size_t column = used;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t end = text.find(' ', i + 1);
            if (end == std::string_view::npos)
                end = text.size();
            const std::string_view word = text.substr(i, end - i); // with its leading space
            if (column + word.size() > line_limit && !out.empty() && word.front() == ' ') {
                out += "\r\n";
                column = 0;
            }
            out += word;
            column += word.size();
            i = end;
        }
        return out;
    }

    // Each encoded-word carries at most 39 bytes: 52 base64 characters + 12 of framing = 64,
    // so even after "Subject: " a line stays within RFC 2047's 76.
    constexpr std::size_t max_chunk = 39;
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = i;
        while (end < text.size()) {
            const std::size_t n =
                std::min(utf8_length(static_cast<unsigned char>(text[end])), text.size() - end);
            if (end + n - i > max_chunk)
                break;
            end += n;
        }
        if (!out.empty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + base64_encode(text.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string rfc5322_date(core::instant at) {
    const auto secs = std::chrono::floor<std::chrono::seconds>(at);
    const auto day = std::chrono::floor<date::days>(secs);
    const date::year_month_day ymd{day};
    const date::weekday wd{day};
    const date::hh_mm_ss<std::chrono::seconds> time{secs - day};
    std::string out = weekdays[wd.c_encoding()];
    out += ", " + two_digits(static_cast<unsigned>(ymd.day())) + " " +
           months[static_cast<unsigned>(ymd.month()) - 1] + " " +
           std::to_string(static_cast<int>(ymd.year())) + " " +
           two_digits(static_cast<unsigned>(time.hours().count())) + ":" +
           two_digits(static_cast<unsigned>(time.minutes().count())) + ":" +
           two_digits(static_cast<unsigned>(time.seconds().count())) + " +0000";
    return out;
}

} // namespace reviewd::delivery
