// Strict date parsing and formatting; see dates.h.
#include "core/dates.h"

#include <array>

namespace reviewd::core {
namespace {

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

std::optional<day> checked_day(int y, int m, int d) {
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return day{ymd};
}

} // namespace

std::optional<day> parse_iso_date(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    if (!read_digits(text, 0, 4, y) || !read_digits(text, 5, 2, m) || !read_digits(text, 8, 2, d))
        return std::nullopt;
    return checked_day(y, m, d);
}

std::optional<day> parse_uk_date(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[2] != '/' || text[5] != '/')
        return std::nullopt;
    if (!read_digits(text, 0, 2, d) || !read_digits(text, 3, 2, m) || !read_digits(text, 6, 4, y))
        return std::nullopt;
    return checked_day(y, m, d);
}

void append_iso_date(std::string& out, day d) {
    const date::year_month_day ymd{d};
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    const unsigned dd = static_cast<unsigned>(ymd.day());
    if (y < 0 || y > 9999) {
        out += date::format("%F", d);
        return;
    }
    char buf[10] = {static_cast<char>('0' + y / 1000),     static_cast<char>('0' + y / 100 % 10),
                    static_cast<char>('0' + y / 10 % 10),  static_cast<char>('0' + y % 10),
                    '-',
                    static_cast<char>('0' + m / 10),       static_cast<char>('0' + m % 10),
                    '-',
                    static_cast<char>('0' + dd / 10),      static_cast<char>('0' + dd % 10)};
    out.append(buf, sizeof buf);
}

std::string format_iso_date(day d) {
    std::string out;
    out.reserve(10);
    append_iso_date(out, d);
    return out;
}

std::string_view weekday_name(day d) {
    static constexpr std::array<std::string_view, 7> names = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    return names[date::weekday{d}.c_encoding()];
}

day make_day(int y, unsigned m, unsigned d) {
    return day{date::year{y} / date::month{m} / date::day{d}};
}

} // namespace reviewd::core
