// How a recompute changes a child's stored deadlines, decided by stable key: a deadline whose key
// and content are unchanged keeps its identity (and so its timers), a changed one is updated in
// place, a new one is inserted, a vanished one removed. Pure: the store applies the result.
#pragma once

#include "rules/deadline.h"

#include <cstdint>
#include <string>
#include <vector>

namespace reviewd::store {

// A deadline as stored: its row id and revision beside the computed content.
struct stored_deadline {
    std::int64_t id = 0;
    int revision = 1;
    rules::deadline deadline;
};

struct deadline_diff {
    std::vector<const rules::deadline*> added;
    std::vector<std::pair<std::int64_t, const rules::deadline*>> changed; // row id, new content
    std::vector<std::int64_t> removed;                                    // row ids
    int kept = 0;

    bool empty() const { return added.empty() && changed.empty() && removed.empty(); }
    std::string summary() const; // "deadlines +2 ~1 -0 =12"
};

// Whether two computed deadlines would be stored identically (the state, not "missed").
bool same_content(const rules::deadline& a, const rules::deadline& b);

deadline_diff diff_deadlines(const std::vector<stored_deadline>& stored,
                             const std::vector<rules::deadline>& computed);

} // namespace reviewd::store
