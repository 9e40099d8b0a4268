// The loaded rule sets and the question every deadline asks of them: which rule set was in force
// for this jurisdiction and kind of care on the day this deadline's clock started?
#pragma once

#include "core/result.h"
#include "rules/rule_set.h"

#include <string_view>
#include <vector>

namespace reviewd::rules {

class rule_book;

// The rule sets serving one jurisdiction and kind of care, in order of coming into force: the
// question "which was in force on this day" answered without string comparisons.
class rule_timeline {
public:
    const rule_set* in_force(core::day day) const; // nullptr before the first came into force
    const rule_set* earliest() const;              // nullptr when the timeline is empty

private:
    friend class rule_book;
    const rule_book* book_ = nullptr;
    const std::vector<std::size_t>* indices_ = nullptr;
};

class rule_book {
public:
    rule_book() = default;

    // Checks that ids are unique and that no two rule sets for the same jurisdiction and care
    // type come into force on the same day.
    static core::result<rule_book> make(std::vector<rule_set> sets);

    // The rule set in force on `day`, or nullptr when none had yet come into force.
    const rule_set* in_force(std::string_view jurisdiction, care_type care, core::day day) const;

    // The earliest rule set for the jurisdiction and care type, for error messages.
    const rule_set* earliest(std::string_view jurisdiction, care_type care) const;

    rule_timeline timeline(std::string_view jurisdiction, care_type care) const;

    const rule_set* by_id(std::string_view id) const;
    bool knows_jurisdiction(std::string_view jurisdiction) const;
    std::vector<std::string> jurisdictions() const;
    const std::vector<rule_set>& sets() const { return sets_; }

private:
    friend class rule_timeline;
    struct timeline_entry {
        std::string jurisdiction;
        care_type care;
        std::vector<std::size_t> indices; // into sets_, in force-date order
    };

    std::vector<rule_set> sets_; // sorted by in_force_from
    std::vector<timeline_entry> timelines_;
};

} // namespace reviewd::rules
