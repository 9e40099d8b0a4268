// Shipped data for tests; see test_data.h.
#include "support/test_data.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reviewd::test {

std::string source_path(const std::string& relative) {
    return std::string(REVIEWD_SOURCE_DIR) + "/" + relative;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const calendar::holiday_data& shipped_holidays() {
    static const calendar::holiday_data data = [] {
        auto parsed = calendar::parse_bank_holidays(
            read_text_file(source_path("config/bank-holidays.json")), "bank-holidays.json");
        if (!parsed)
            throw std::runtime_error(core::describe(parsed.err()));
        return std::move(parsed).value();
    }();
    return data;
}

namespace {
const calendar::calendar_set& shipped_calendars() {
    static const calendar::calendar_set set(shipped_holidays(), {});
    return set;
}
} // namespace

const calendar::working_calendar& england_and_wales() {
    return *shipped_calendars().find("england-and-wales");
}
const calendar::working_calendar& scotland() {
    return *shipped_calendars().find("scotland");
}
const calendar::working_calendar& northern_ireland() {
    return *shipped_calendars().find("northern-ireland");
}

} // namespace reviewd::test
