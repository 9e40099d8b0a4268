// `reviewd import ssda903`: a council's SSDA903 return (three CSV files, or the XML form) into
// the case store, child by child. Each child is one transaction (the store's put or edit, with
// the recompute and audit row): a child with an error is refused whole and the rest go in, and
// the report says which children were created, updated, unchanged, kept or refused, with every
// issue by file, row and column. --all-or-nothing writes nothing unless every child is usable;
// --dry-run writes nothing at all.
#pragma once

#include "config.h"

#include <iosfwd>
#include <string>

namespace reviewd::app {

struct import_options {
    std::string header, episodes, reviews; // the CSV form
    std::string xml;                       // or the XML form
    bool dry_run = false;
    bool all_or_nothing = false;
    std::string format = "table"; // table, csv or json
};

// Exit codes: 0 every child usable; 3 some children refused (the others imported); 2 nothing
// imported (unreadable files, or --all-or-nothing with a refusal); 1 configuration or database.
int run_import_ssda903(const config& cfg, const import_options& options, std::ostream& out,
                       std::ostream& err);

} // namespace reviewd::app
