// Content line escaping, folding and value forms; see content_lines.h.
#include "ical/content_lines.h"

#include <cstdint>

namespace reviewd::ical {
namespace {

constexpr std::string_view replacement = "\xef\xbf\xbd"; // U+FFFD

bool continuation(unsigned char c) {
    return (c & 0xc0) == 0x80;
}

// The length of the well-formed UTF-8 sequence starting at `at` (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
std::size_t sequence_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xbf; // the allowed range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0)
            low = 0xa0;
        else if (lead == 0xed)
            high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0)
            low = 0x90;
        else if (lead == 0xf4)
            high = 0x8f;
    } else {
        return 0;
    }
    if (at + length > text.size())
        return 0;
    if (byte(at + 1) < low || byte(at + 1) > high)
        return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (!continuation(byte(at + i)))
            return 0;
    return length;
}

std::string two_digits(long value) {
    return std::string(1, static_cast<char>('0' + value / 10)) +
           static_cast<char>('0' + value % 10);
}

} // namespace

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequence_length(text, i);
        if (length == 0) {
            out += replacement;
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        switch (c) {
        case '\\':
            out += "\\\\";
            ++i;
            continue;
        case ';':
            out += "\\;";
            ++i;
            continue;
        case ',':
            out += "\\,";
            ++i;
            continue;
        case '\r':
            out += "\\n";
            i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            continue;
        case '\n':
            out += "\\n";
            ++i;
            continue;
        case '\t':
            out += c;
            ++i;
            continue;
        default:
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) { // a control character TEXT may not hold
            ++i;
            continue;
        }
        const std::size_t length = sequence_length(text, i);
        if (length == 0) {
            out += replacement;
            ++i;
            continue;
        }
        out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

std::string fold(std::string_view line) {
    std::string out;
    out.reserve(line.size() + 3 * (line.size() / (max_line_octets - 1) + 1));
    std::size_t at = 0;
    bool first = true;
    do {
        const std::size_t room = first ? max_line_octets : max_line_octets - 1;
        std::size_t cut = line.size();
        if (line.size() - at > room) {
            cut = at + room;
            // Back off to the first byte of the character that would be split. A UTF-8 sequence
            // is at most 4 octets, so this moves at most 3 and the piece is never empty.
            while (cut > at && continuation(static_cast<unsigned char>(line[cut])))
                --cut;
        }
        if (!first)
            out += ' ';
        out.append(line.substr(at, cut - at));
        out += "\r\n";
        at = cut;
        first = false;
    } while (at < line.size());
    return out;
}

void append_line(std::string& out, std::string_view name, std::string_view value) {
    std::string line;
    line.reserve(name.size() + 1 + value.size());
    line.append(name);
    line += ':';
    line.append(value);
    out += fold(line);
}

std::string format_date(core::day d) {
    const date::year_month_day ymd{d};
    const int year = static_cast<int>(ymd.year());
    std::string out = std::to_string(year);
    while (out.size() < 4)
        out.insert(out.begin(), '0');
    return out + two_digits(static_cast<unsigned>(ymd.month())) +
           two_digits(static_cast<unsigned>(ymd.day()));
}

std::string format_utc(core::instant at) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
    const auto day = std::chrono::floor<date::days>(seconds);
    const date::hh_mm_ss time{seconds - day};
    return format_date(day) + "T" + two_digits(time.hours().count()) +
           two_digits(time.minutes().count()) + two_digits(time.seconds().count()) + "Z";
}

std::string format_duration(std::chrono::seconds d) {
    std::string out;
    if (d < std::chrono::seconds::zero()) {
        out += '-';
        d = -d;
    }
    out += 'P';
    const auto days = d.count() / 86400;
    const auto hours = d.count() % 86400 / 3600;
    const auto minutes = d.count() % 3600 / 60;
    const auto seconds = d.count() % 60;
    if (days > 0)
        out += std::to_string(days) + "D";
    if (hours > 0 || minutes > 0 || seconds > 0 || days == 0) {
        out += 'T';
        // The grammar chains hour, minute, second: an hour followed by seconds needs "0M".
        if (hours > 0)
            out += std::to_string(hours) + "H";
        if (minutes > 0 || (hours > 0 && seconds > 0))
            out += std::to_string(minutes) + "M";
        if (seconds > 0 || (hours == 0 && minutes == 0))
            out += std::to_string(seconds) + "S";
    }
    return out;
}

} // namespace reviewd::ical
