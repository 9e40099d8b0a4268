// The vocabulary of calendar feeds: a feed secret as listed (never the secret itself), the secret
// as created (shown once), and one deadline as an IRO's feed shows it. Plain values; no SQL here.
#pragma once

#include "store/deadline_diff.h"

#include <cstdint>
#include <optional>
#include <string>

namespace reviewd::store {

// A feed secret is "rvf_" and 64 hex digits: distinct from API tokens ("rvd_"), so neither is
// ever taken for the other.
inline constexpr std::string_view feed_secret_prefix = "rvf_";

struct feed_record {
    std::int64_t id = 0;
    std::string person; // the IRO's ref: the only feed this secret opens
    std::string label;  // what the operator called it ("outlook", "phone")
    std::string created_at;
    std::optional<std::string> revoked_at;
};

struct created_feed {
    std::int64_t id = 0;
    std::string secret; // not stored (only its SHA-256); cannot be shown again
};

// A deadline in an IRO's feed: one of the IRO's children's deadlines as stored (state as written,
// "missed" not derived), or one withdrawn from the case (its last content, and a revision one
// above the last it had, so that the cancellation raises the event's SEQUENCE).
struct calendar_entry {
    std::string child; // case reference
    stored_deadline stored;
    bool withdrawn = false;
};

} // namespace reviewd::store
