// The import's report: every issue by file, row and column, what became of each child (created,
// updated, unchanged, kept as stored, skipped, refused), and a summary, as a table for people or
// as CSV or JSON for tools. Pure: it renders values to text.
#pragma once

#include "ssda903/extract.h"
#include "ssda903/issues.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewd::ssda903 {

enum class child_outcome {
    created,   // new to reviewd
    updated,   // its case changed
    unchanged, // the return says what reviewd already held: nothing written
    kept,      // reviewd holds newer facts than the return: nothing written
    skipped,   // no episode in this return
    refused,   // an error: nothing of this child written (see the issues)
};
std::string_view to_string(child_outcome o);

struct child_result {
    std::string child;
    child_outcome outcome = child_outcome::unchanged;
    std::string detail; // how the deadlines moved ("deadlines +2 ~1 -0 =12"), or why refused
};

struct import_report {
    bool dry_run = false;
    std::vector<std::string> files;
    std::optional<collection_window> window;
    std::vector<issue> issues;
    std::vector<child_result> children;

    int count(child_outcome o) const;
    int count(severity s) const;
};

std::string render_table(const import_report& report);
// One row per issue and one per child: record,child,outcome,severity,file,row,column,code,message
std::string render_csv(const import_report& report);
nlohmann::json to_json(const import_report& report);

} // namespace reviewd::ssda903
