// Shared pieces of the iCalendar tests; see ical_test_support.h.
#include "ical/ical_test_support.h"

#include "support/process.h"
#include "support/test_data.h"

#include <stdexcept>

namespace reviewd::test {

ical::deadline_entry review_entry(const std::string& child) {
    ical::deadline_entry e;
    e.child = child;
    auto& d = e.deadline;
    d.kind = rules::deadline_kind::review;
    d.period = 1;
    d.sequence = 3;
    d.clock_start = core::make_day(2026, 4, 3);
    d.due = core::make_day(2026, 10, 3);
    d.practical_due = core::make_day(2026, 10, 2);
    d.rule_set = "england";
    d.basis = "6 months after 2026-04-03, review 2 held";
    e.revision = 1;
    return e;
}

core::instant fixed_stamp() {
    return date::sys_days{date::year{2026} / 9 / 1} + std::chrono::hours(8) +
           std::chrono::minutes(30);
}

std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> out;
    std::string::size_type from = 0;
    for (auto at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", from)) {
        out.push_back(text.substr(from, at - from));
        from = at + 2;
    }
    if (from != text.size())
        out.push_back(text.substr(from)); // text after the last CRLF: a test will notice
    return out;
}

std::vector<std::string> logical_lines(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& line : physical_lines(text)) {
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !out.empty())
            out.back() += line.substr(1);
        else
            out.push_back(line);
    }
    return out;
}

std::vector<std::string> values_of(const std::string& text, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& line : logical_lines(text)) {
        const auto end = line.find_first_of(":;");
        if (end != std::string::npos && line.compare(0, end, name) == 0)
            out.push_back(line.substr(line.find(':') + 1));
    }
    return out;
}

std::string read_with_python(const std::string& text) {
    const auto r =
        run_process({"/usr/bin/python3", source_path("tests/ical/read_ics.py"), "-"}, text);
    if (r.exit_code != 0 && r.exit_code != 1) // 1: problems, listed in the report
        throw std::runtime_error("read_ics.py failed (" + std::to_string(r.exit_code) +
                                 "): " + r.err + r.out);
    return r.out;
}

} // namespace reviewd::test
