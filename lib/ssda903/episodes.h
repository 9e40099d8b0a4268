// One child's episodes: each row's fields checked (dates dd/mm/yyyy, known codes, DEC not before
// DECOM), then the rows in date order checked against each other (no overlaps, X1 continued the
// same day, a new period starts with S) and assembled into periods of care and placements.
// Part of the builder; pure.
#pragma once

#include "ssda903/extract.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::ssda903 {

struct episode {
    int row = 0;
    core::day decom;
    std::optional<core::day> dec;
    std::string rne, ls, rec;
};

// The rows' episodes, or nullopt when any row has an error (all errors are appended to issues).
std::optional<std::vector<episode>> parse_episodes(const source_file& file,
                                                   const std::vector<const episode_row*>& rows,
                                                   core::day date_of_birth,
                                                   std::vector<issue>& issues);

// The periods the episodes make, or nullopt when they contradict each other (issues appended).
std::optional<std::vector<extracted_period>> assemble_periods(const source_file& file,
                                                              const std::string& child,
                                                              std::vector<episode> episodes,
                                                              std::vector<issue>& issues);

} // namespace reviewd::ssda903
