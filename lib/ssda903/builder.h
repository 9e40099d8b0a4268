// From the 903 tables to what the return says about each child (extract.h): the header gives the
// child's reference and date of birth; the episodes give periods of care and placements
// (episodes.h); the reviews give the days reviews were held. Everything the import cannot use is
// an issue by file, row and column; a child with any error is refused whole, never half-read.
// Pure.
#pragma once

#include "ssda903/extract.h"
#include "ssda903/return_rows.h"

namespace reviewd::ssda903 {

return_extract build_extract(const return_rows& rows);

} // namespace reviewd::ssda903
