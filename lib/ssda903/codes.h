// The SSDA903 code lists the import reads (DfE "Children looked after" return, as checked by the
// public 903 validator: rules 143 RNE, 144 LS, 146 PLACE, 149 REC), with what each means for
// reviewd. Codes are compared as written: the return uses capitals.
#pragma once

#include <string_view>

namespace reviewd::ssda903 {

// RNE, the reason for a new episode.
bool known_rne(std::string_view code);
bool rne_starts_period(std::string_view code);     // S: started to be looked after
bool rne_changes_placement(std::string_view code); // P, T, U, B; L changes legal status only

// LS, legal status.
bool known_ls(std::string_view code);
bool ls_short_breaks(std::string_view code); // V3, V4: a pre-planned series of short breaks

// REC, the reason an episode ceased; X1 means care continued in a new episode the same day.
bool known_rec(std::string_view code);
bool rec_continues(std::string_view code);

// PLACE, the placement type (K3 from 2024 to 2025).
bool known_place(std::string_view code);

// REVIEW_CODE, how the child took part in the review: PN0 to PN7.
bool known_review_code(std::string_view code);

// The codes of a list, for messages: "S, P, L, T, U, B".
std::string_view rne_codes();
std::string_view ls_codes();
std::string_view rec_codes();

} // namespace reviewd::ssda903
