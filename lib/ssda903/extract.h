// What one SSDA903 return says about each child, after validation and before it meets what
// reviewd already holds: periods of care built from episodes (RNE S starts one; DEC with a REC
// other than X1 ends it; a run of LS V3/V4 stays is one series of short breaks), placements, and
// reviews held. Values only; see builder.h for how they are made and reconcile.h for the merge.
#pragma once

#include "core/dates.h"
#include "ssda903/issues.h"
#include "ssda903/return_rows.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::ssda903 {

struct extracted_placement {
    core::day start;
    std::optional<core::day> end;
    int row = 0; // the episode that began it
};

struct extracted_period {
    core::day start; // DECOM of its first episode in this return
    std::optional<core::day> end;
    bool short_breaks = false; // a series of short breaks (LS V3/V4): reg 48's timetable
    // The first episode is not RNE S: the period began before this return (a yearly return holds
    // only episodes open during its year). Its real start must come from an earlier import.
    bool continues_earlier = false;
    // ...and that first episode changed legal status only (RNE L): its placement began earlier too.
    bool continues_placement = false;
    std::vector<extracted_placement> placements;
    int row = 0; // the first episode's row
};

struct extracted_review {
    core::day held;
    int row = 0;
};

struct child_extract {
    std::string id;
    core::day date_of_birth;
    int header_row = 0;
    std::vector<extracted_period> periods; // in date order, not overlapping; never empty
    std::vector<extracted_review> reviews; // in date order, one per day
};

// The collection year the return speaks for, inferred from its dates: from the 1 April on or
// before its earliest review, to the 31 March on or after its latest date of any kind. A yearly
// return gives its year; an extract of the whole history gives the whole history.
struct collection_window {
    std::optional<core::day> reviews_from; // none when the return holds no reviews at all
    core::day to;
};

struct return_extract {
    source_file header_file, episodes_file, reviews_file;
    std::vector<child_extract> children; // usable children, in the header's order
    std::vector<std::string> refused;    // children with an error, in the order first met
    std::vector<std::string> skipped;    // in the header with no episode or review in this return
    std::vector<issue> issues;
    std::optional<collection_window> window; // none when the return holds no dates at all
};

} // namespace reviewd::ssda903
