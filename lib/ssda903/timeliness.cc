// Late reviews and the council's due dates against the statute; see timeliness.h.
#include "ssda903/timeliness.h"

#include "ssda903/csv.h"
#include "ssda903/text_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <tuple>
#include <variant>

namespace reviewd::ssda903 {
namespace {

using core::format_iso_date;

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

std::optional<core::day> any_date(std::string_view text) {
    if (auto d = core::parse_uk_date(text))
        return d;
    return core::parse_iso_date(text);
}

std::optional<int> positive(std::string_view text) {
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value <= 0)
        return std::nullopt;
    return value;
}

// Which review deadline a REVIEW value names, or a reason it names none.
std::variant<const rules::deadline*, std::string>
match(const std::string& review, const std::vector<rules::deadline>& deadlines) {
    std::vector<const rules::deadline*> reviews;
    for (const auto& d : deadlines)
        if (d.kind == rules::deadline_kind::review)
            reviews.push_back(&d);
    if (const auto held = any_date(review)) {
        for (const auto* d : reviews)
            if (d->met_on == held)
                return d;
        return "no review held on " + format_iso_date(*held) + " is recorded for this child";
    }
    std::optional<int> period, sequence;
    if (const auto slash = review.find('/'); slash != std::string::npos) {
        period = positive(std::string_view(review).substr(0, slash));
        sequence = positive(std::string_view(review).substr(slash + 1));
        if (!period || !sequence)
            return "REVIEW \"" + review + "\" is not a number, period/number or date";
    } else if (!(sequence = positive(review))) {
        return "REVIEW \"" + review + "\" is not a number, period/number or date";
    }
    const rules::deadline* found = nullptr;
    for (const auto* d : reviews)
        if (d->sequence == *sequence && (!period || d->period == *period) &&
            (!found || d->period > found->period))
            found = d;
    if (!found)
        return "the child has no review " + review + " in reviewd's timetable";
    return found;
}

std::string signed_days(int days) {
    return (days > 0 ? "+" : "") + std::to_string(days);
}

std::string difference_text(const due_difference& d) {
    std::string out = signed_days(d.days) + (d.days > 0 ? " days, later than the statute allows"
                                                        : " days, earlier than the statute");
    if (d.council_due == d.statutory.practical_due)
        out += " (the practical date: the last working day on or before)";
    return out;
}

} // namespace

std::vector<late_review> late_reviews(const std::vector<child_deadline>& deadlines,
                                      core::day as_of) {
    std::vector<late_review> out;
    for (const auto& [child, d] : deadlines) {
        if (d.kind != rules::deadline_kind::review || d.status == rules::deadline_status::cancelled)
            continue;
        const core::day until = d.met_on.value_or(as_of);
        if (until <= d.due)
            continue;
        out.push_back({child, d, static_cast<int>((until - d.due).count())});
    }
    std::sort(out.begin(), out.end(), [](const late_review& a, const late_review& b) {
        return std::tie(a.deadline.due, a.child, a.deadline.period, a.deadline.sequence) <
               std::tie(b.deadline.due, b.child, b.deadline.period, b.deadline.sequence);
    });
    return out;
}

core::result<std::vector<cms_due_row>> read_cms_due(const named_text& file,
                                                    std::vector<issue>& issues) {
    auto table = read_csv(file.text);
    if (!table) {
        auto e = table.err();
        e.field = file.name + (e.field.empty() ? "" : ": " + e.field);
        return e;
    }
    int columns[3] = {-1, -1, -1};
    const char* names[3] = {"CHILD", "REVIEW", "DUE"};
    for (std::size_t i = 0; i < table.value().header.size(); ++i)
        for (int c = 0; c < 3; ++c)
            if (trimmed(table.value().header[i]) == names[c])
                columns[c] = static_cast<int>(i);
    for (int c = 0; c < 3; ++c)
        if (columns[c] < 0)
            return core::make_error("missing_column",
                                    std::string("the council's due dates need columns CHILD, "
                                                "REVIEW and DUE; there is no ") +
                                        names[c],
                                    file.name);
    std::vector<cms_due_row> rows;
    for (const auto& r : table.value().records) {
        const auto at = [&](int c) {
            const auto i = static_cast<std::size_t>(columns[c]);
            return i < r.fields.size() ? trimmed(r.fields[i]) : std::string();
        };
        const std::string child = at(0), review = at(1), due = at(2);
        const auto add = [&](const char* column, std::string code, std::string message) {
            issues.push_back({severity::error, file.name, r.line, column, child, std::move(code),
                              std::move(message)});
        };
        if (child.empty() || review.empty() || due.empty()) {
            add(child.empty()    ? "CHILD"
                : review.empty() ? "REVIEW"
                                 : "DUE",
                "missing_value", "a blank field: the row is not compared");
            continue;
        }
        const auto due_day = any_date(due);
        if (!due_day) {
            add("DUE", "bad_date", "DUE \"" + due + "\" is not a date (dd/mm/yyyy or YYYY-MM-DD)");
            continue;
        }
        rows.push_back({r.line, child, review, *due_day});
    }
    return rows;
}

cms_comparison compare_cms_due(const std::string& file, const std::vector<cms_due_row>& rows,
                               const deadline_lookup& deadlines_of) {
    cms_comparison out;
    out.rows = static_cast<int>(rows.size());
    for (const auto& row : rows) {
        const auto deadlines = deadlines_of(row.child);
        if (!deadlines) {
            out.issues.push_back({severity::error, file, row.row, "CHILD", row.child,
                                  "unknown_child", "reviewd holds no such child"});
            continue;
        }
        const auto found = match(row.review, *deadlines);
        if (const auto* why = std::get_if<std::string>(&found)) {
            out.issues.push_back(
                {severity::error, file, row.row, "REVIEW", row.child, "no_such_review", *why});
            continue;
        }
        const rules::deadline& d = *std::get<const rules::deadline*>(found);
        ++out.matched;
        if (row.due != d.due)
            out.differences.push_back(
                {row.child, row.row, row.due, d, static_cast<int>((row.due - d.due).count())});
    }
    return out;
}

std::string render_table(const timeliness_report& r) {
    std::string out = "Review timeliness as of " + format_iso_date(r.as_of) + "\n\n";
    out += "Reviews late against the statute: " + std::to_string(r.late.size()) + "\n";
    if (!r.late.empty()) {
        text_table t({"CHILD", "PERIOD", "REVIEW", "DUE", "PRACTICAL", "HELD", "DAYS LATE",
                      "RULE SET", "BASIS"});
        for (const auto& l : r.late)
            t.add({l.child, std::to_string(l.deadline.period), std::to_string(l.deadline.sequence),
                   format_iso_date(l.deadline.due), format_iso_date(l.deadline.practical_due),
                   l.deadline.met_on ? format_iso_date(*l.deadline.met_on) : "not held",
                   std::to_string(l.days_late), l.deadline.rule_set, l.deadline.basis});
        out += t.str();
    }
    if (r.cms) {
        const auto& c = *r.cms;
        out += "\nThe council's due dates (" + r.cms_file.value_or("") +
               "): " + std::to_string(c.rows) + " rows, " + std::to_string(c.matched) +
               " matched, " + std::to_string(c.differences.size()) + " differ from the statute\n";
        if (!c.differences.empty()) {
            text_table t({"CHILD", "PERIOD", "REVIEW", "COUNCIL DUE", "STATUTORY DUE",
                          "PRACTICAL DUE", "DIFFERENCE", "BASIS"});
            for (const auto& d : c.differences)
                t.add({d.child, std::to_string(d.statutory.period),
                       std::to_string(d.statutory.sequence), format_iso_date(d.council_due),
                       format_iso_date(d.statutory.due), format_iso_date(d.statutory.practical_due),
                       difference_text(d), d.statutory.basis});
            out += t.str();
        }
        if (!c.issues.empty()) {
            text_table t({"FILE", "ROW", "COLUMN", "CHILD", "MESSAGE"});
            for (const auto& i : c.issues)
                t.add({i.file, std::to_string(i.row), i.column, i.child.empty() ? "-" : i.child,
                       i.message});
            out += "\nRows not compared: " + std::to_string(c.issues.size()) + "\n" + t.str();
        }
    }
    return out;
}

std::string render_csv(const timeliness_report& r) {
    std::string out = "record,child,period,review,due,practical_due,held,days_late,council_due,"
                      "difference_days,rule_set,basis,file,row,column,message\r\n";
    for (const auto& l : r.late)
        out += "late," + csv_field(l.child) + "," + std::to_string(l.deadline.period) + "," +
               std::to_string(l.deadline.sequence) + "," + format_iso_date(l.deadline.due) + "," +
               format_iso_date(l.deadline.practical_due) + "," +
               (l.deadline.met_on ? format_iso_date(*l.deadline.met_on) : "") + "," +
               std::to_string(l.days_late) + ",,," + csv_field(l.deadline.rule_set) + "," +
               csv_field(l.deadline.basis) + ",,,,\r\n";
    if (r.cms) {
        for (const auto& d : r.cms->differences)
            out += "cms_due," + csv_field(d.child) + "," + std::to_string(d.statutory.period) +
                   "," + std::to_string(d.statutory.sequence) + "," +
                   format_iso_date(d.statutory.due) + "," +
                   format_iso_date(d.statutory.practical_due) + "," +
                   (d.statutory.met_on ? format_iso_date(*d.statutory.met_on) : "") + ",," +
                   format_iso_date(d.council_due) + "," + std::to_string(d.days) + "," +
                   csv_field(d.statutory.rule_set) + "," + csv_field(d.statutory.basis) + "," +
                   csv_field(r.cms_file.value_or("")) + "," + std::to_string(d.row) + ",,\r\n";
        for (const auto& i : r.cms->issues)
            out += "cms_issue," + csv_field(i.child) + ",,,,,,,,,,," + csv_field(i.file) + "," +
                   std::to_string(i.row) + "," + csv_field(i.column) + "," + csv_field(i.message) +
                   "\r\n";
    }
    return out;
}

nlohmann::json to_json(const timeliness_report& r) {
    const auto deadline_json = [](const rules::deadline& d) {
        return nlohmann::json{
            {"period", d.period},
            {"review", d.sequence},
            {"due", format_iso_date(d.due)},
            {"practical_due", format_iso_date(d.practical_due)},
            {"held", d.met_on ? nlohmann::json(format_iso_date(*d.met_on)) : nlohmann::json()},
            {"rule_set", d.rule_set},
            {"basis", d.basis}};
    };
    nlohmann::json late = nlohmann::json::array();
    for (const auto& l : r.late) {
        auto j = deadline_json(l.deadline);
        j["child"] = l.child;
        j["days_late"] = l.days_late;
        late.push_back(std::move(j));
    }
    nlohmann::json out = {{"as_of", format_iso_date(r.as_of)}, {"late_reviews", late}};
    if (r.cms) {
        nlohmann::json differences = nlohmann::json::array();
        for (const auto& d : r.cms->differences) {
            auto j = deadline_json(d.statutory);
            j["child"] = d.child;
            j["row"] = d.row;
            j["council_due"] = format_iso_date(d.council_due);
            j["difference_days"] = d.days;
            j["council_uses_practical_date"] = d.council_due == d.statutory.practical_due;
            differences.push_back(std::move(j));
        }
        nlohmann::json issues = nlohmann::json::array();
        for (const auto& i : r.cms->issues)
            issues.push_back({{"file", i.file},
                              {"row", i.row},
                              {"column", i.column},
                              {"child", i.child},
                              {"code", i.code},
                              {"message", i.message}});
        out["cms_due"] = {{"file", r.cms_file.value_or("")},
                          {"rows", r.cms->rows},
                          {"matched", r.cms->matched},
                          {"differences", differences},
                          {"issues", issues}};
    }
    return out;
}

} // namespace reviewd::ssda903
