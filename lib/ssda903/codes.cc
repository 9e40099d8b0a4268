// The code lists; see codes.h.
#include "ssda903/codes.h"

#include <algorithm>
#include <array>

namespace reviewd::ssda903 {
namespace {

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

constexpr std::array<std::string_view, 6> rne = {"S", "P", "L", "T", "U", "B"};
constexpr std::array<std::string_view, 13> ls = {"C1", "C2", "D1", "E1", "V2", "V3", "V4",
                                                 "J1", "J2", "J3", "L1", "L2", "L3"};
constexpr std::array<std::string_view, 22> rec = {
    "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47",
    "E48", "E5",  "E6", "E7", "E8",  "E9",  "E14", "E15", "E16", "E17", "X1"};
constexpr std::array<std::string_view, 28> place = {
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3",
    "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"};
constexpr std::array<std::string_view, 8> review_code = {"PN0", "PN1", "PN2", "PN3",
                                                         "PN4", "PN5", "PN6", "PN7"};

} // namespace

bool known_rne(std::string_view code) {
    return in(rne, code);
}
bool rne_starts_period(std::string_view code) {
    return code == "S";
}
bool rne_changes_placement(std::string_view code) {
    return code == "P" || code == "T" || code == "U" || code == "B";
}
bool known_ls(std::string_view code) {
    return in(ls, code);
}
bool ls_short_breaks(std::string_view code) {
    return code == "V3" || code == "V4";
}
bool known_rec(std::string_view code) {
    return in(rec, code);
}
bool rec_continues(std::string_view code) {
    return code == "X1";
}
bool known_place(std::string_view code) {
    return in(place, code);
}
bool known_review_code(std::string_view code) {
    return in(review_code, code);
}
std::string_view rne_codes() {
    return "S, P, L, T, U, B";
}
std::string_view ls_codes() {
    return "C1, C2, D1, E1, V2, V3, V4, J1, J2, J3, L1, L2, L3";
}
std::string_view rec_codes() {
    return "E11, E12, E2, E3, E4A, E4B, E13, E41, E45, E46, E47, E48, E5, E6, E7, E8, E9, E14, "
           "E15, E16, E17, X1";
}

} // namespace reviewd::ssda903
