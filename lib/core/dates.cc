// Strict date parsing and formatting; see dates.h.
#include "core/dates.h"

#include <array>
#include <cstring>
#include <vector>

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

namespace {

void write_iso_date(char* text, day d) {
    const date::year_month_day ymd{d};
    const auto year = static_cast<unsigned>(static_cast<int>(ymd.year()));
    const unsigned m = static_cast<unsigned>(ymd.month());
    const unsigned dd = static_cast<unsigned>(ymd.day());
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v); };
    const char out[10] = {digit(year / 1000),
                          digit(year / 100 % 10),
                          digit(year / 10 % 10),
                          digit(year % 10),
                          '-',
                          digit(m / 10),
                          digit(m % 10),
                          '-',
                          digit(dd / 10),
                          digit(dd % 10)};
    std::memcpy(text, out, sizeof out);
}

// Formatting dominates writing deadline bases, so the years the service meets are formatted once
// (1.2 MB, on first use) and copied from the table after that.
constexpr int table_first_year = 1900;
constexpr int table_last_year = 2199;

struct iso_date_table {
    day first;
    day last;
    std::vector<std::array<char, 10>> text;

    iso_date_table()
        : first(make_day(table_first_year, 1, 1)), last(make_day(table_last_year, 12, 31)),
          text(static_cast<std::size_t>((last - first).count() + 1)) {
        for (std::size_t i = 0; i < text.size(); ++i)
            write_iso_date(text[i].data(), first + date::days{static_cast<int>(i)});
    }
};

} // namespace

void append_iso_date(std::string& out, day d) {
    static const iso_date_table table;
    if (d >= table.first && d <= table.last) {
        out.append(table.text[static_cast<std::size_t>((d - table.first).count())].data(), 10);
        return;
    }
    const int y = static_cast<int>(date::year_month_day{d}.year());
    if (y < 0 || y > 9999) {
        out += date::format("%F", d);
        return;
    }
    char text[10];
    write_iso_date(text, d);
    out.append(text, sizeof text);
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
