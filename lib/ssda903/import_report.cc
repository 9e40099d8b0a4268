// Rendering the import report; see import_report.h.
#include "ssda903/import_report.h"

#include "ssda903/csv.h"
#include "ssda903/text_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace reviewd::ssda903 {
namespace {

constexpr std::array<child_outcome, 6> outcomes = {
    child_outcome::created, child_outcome::updated, child_outcome::unchanged,
    child_outcome::kept,    child_outcome::skipped, child_outcome::refused};

std::string window_text(const std::optional<collection_window>& w) {
    if (!w)
        return "the return holds no dates";
    return (w->reviews_from ? "reviews from " + core::format_iso_date(*w->reviews_from)
                            : std::string("no reviews")) +
           ", dates up to " + core::format_iso_date(w->to);
}

std::string summary_line(const import_report& r) {
    std::string out;
    for (const auto o : outcomes)
        out += (out.empty() ? "" : ", ") + std::to_string(r.count(o)) + " " +
               std::string(to_string(o));
    return out;
}

} // namespace

std::string_view to_string(child_outcome o) {
    switch (o) {
    case child_outcome::created:
        return "created";
    case child_outcome::updated:
        return "updated";
    case child_outcome::unchanged:
        return "unchanged";
    case child_outcome::kept:
        return "kept";
    case child_outcome::skipped:
        return "skipped";
    case child_outcome::refused:
        return "refused";
    }
    return "refused";
}

int import_report::count(child_outcome o) const {
    return static_cast<int>(std::count_if(children.begin(), children.end(),
                                          [&](const child_result& c) { return c.outcome == o; }));
}

int import_report::count(severity s) const {
    return static_cast<int>(
        std::count_if(issues.begin(), issues.end(), [&](const issue& i) { return i.level == s; }));
}

std::string render_table(const import_report& r) {
    std::string out =
        std::string("SSDA903 import") + (r.dry_run ? " (dry run: nothing written)" : "") + ": ";
    for (std::size_t i = 0; i < r.files.size(); ++i)
        out += (i ? ", " : "") + r.files[i];
    out += "\nThe return's year: " + window_text(r.window) + "\n\n";
    if (!r.issues.empty()) {
        text_table t({"FILE", "ROW", "COLUMN", "CHILD", "LEVEL", "MESSAGE"});
        for (const auto& i : r.issues)
            t.add({i.file.empty() ? "-" : i.file, i.row ? std::to_string(i.row) : "-",
                   i.column.empty() ? "-" : i.column, i.child.empty() ? "-" : i.child,
                   std::string(to_string(i.level)), i.message});
        out += "Issues: " + std::to_string(r.count(severity::error)) + " errors, " +
               std::to_string(r.count(severity::warning)) + " warnings, " +
               std::to_string(r.count(severity::note)) + " notes\n" + t.str() + "\n";
    }
    out +=
        std::string("Children") + (r.dry_run ? " (would be)" : "") + ": " + summary_line(r) + "\n";
    for (const auto o : outcomes) {
        std::vector<std::string> ids;
        for (const auto& c : r.children)
            if (c.outcome == o)
                ids.push_back(c.child);
        if (!ids.empty())
            out += std::string(to_string(o)) + ":\n" + wrapped_list(ids);
    }
    return out;
}

std::string render_csv(const import_report& r) {
    std::string out = "record,child,outcome,severity,file,row,column,code,message\r\n";
    for (const auto& i : r.issues)
        out += "issue," + csv_field(i.child) + ",," + std::string(to_string(i.level)) + "," +
               csv_field(i.file) + "," + (i.row ? std::to_string(i.row) : "") + "," +
               csv_field(i.column) + "," + csv_field(i.code) + "," + csv_field(i.message) + "\r\n";
    for (const auto& c : r.children)
        out += "child," + csv_field(c.child) + "," + std::string(to_string(c.outcome)) + ",,,,,," +
               csv_field(c.detail) + "\r\n";
    return out;
}

nlohmann::json to_json(const import_report& r) {
    nlohmann::json issues = nlohmann::json::array();
    for (const auto& i : r.issues)
        issues.push_back({{"severity", to_string(i.level)},
                          {"file", i.file},
                          {"row", i.row},
                          {"column", i.column},
                          {"child", i.child},
                          {"code", i.code},
                          {"message", i.message}});
    nlohmann::json children = nlohmann::json::array();
    for (const auto& c : r.children)
        children.push_back(
            {{"child", c.child}, {"outcome", to_string(c.outcome)}, {"detail", c.detail}});
    nlohmann::json summary = nlohmann::json::object();
    for (const auto o : outcomes)
        summary[std::string(to_string(o))] = r.count(o);
    nlohmann::json window = nullptr;
    if (r.window)
        window = {{"reviews_from", r.window->reviews_from ? nlohmann::json(core::format_iso_date(
                                                                *r.window->reviews_from))
                                                          : nlohmann::json(nullptr)},
                  {"to", core::format_iso_date(r.window->to)}};
    return {{"dry_run", r.dry_run}, {"files", r.files}, {"window", window},
            {"summary", summary},   {"issues", issues}, {"children", children}};
}

} // namespace reviewd::ssda903
