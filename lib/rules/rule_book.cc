// Rule-set selection by jurisdiction, care type and date; see rule_book.h.
#include "rules/rule_book.h"

#include <algorithm>
#include <set>

namespace reviewd::rules {

std::string_view to_string(certainty c) {
    switch (c) {
    case certainty::confirmed:
        return "confirmed";
    case certainty::to_confirm:
        return "to-confirm";
    case certainty::local_practice:
        return "local-practice";
    }
    return "to-confirm";
}

namespace {
bool serves(const rule_set& set, std::string_view jurisdiction) {
    return std::find(set.jurisdictions.begin(), set.jurisdictions.end(), jurisdiction) !=
           set.jurisdictions.end();
}
} // namespace

core::result<rule_book> rule_book::make(std::vector<rule_set> sets) {
    std::stable_sort(sets.begin(), sets.end(), [](const rule_set& a, const rule_set& b) {
        return a.in_force_from < b.in_force_from;
    });
    std::set<std::string> ids;
    for (const auto& set : sets)
        if (!ids.insert(set.id).second)
            return core::make_error("duplicate_rule_set",
                                    "rule set id \"" + set.id + "\" is defined twice",
                                    set.source_file + " id");
    for (std::size_t i = 0; i < sets.size(); ++i)
        for (std::size_t j = i + 1; j < sets.size(); ++j) {
            const auto& a = sets[i];
            const auto& b = sets[j];
            if (a.care != b.care || a.in_force_from != b.in_force_from)
                continue;
            for (const auto& jurisdiction : a.jurisdictions)
                if (serves(b, jurisdiction))
                    return core::make_error("conflicting_rule_sets",
                                            "rule sets \"" + a.id + "\" and \"" + b.id +
                                                "\" both come into force for " + jurisdiction +
                                                " on " + core::format_iso_date(a.in_force_from),
                                            b.source_file + " in_force_from");
        }
    rule_book book;
    book.sets_ = std::move(sets);
    for (std::size_t i = 0; i < book.sets_.size(); ++i)
        for (const auto& jurisdiction : book.sets_[i].jurisdictions) {
            const care_type care = book.sets_[i].care;
            auto entry = std::find_if(book.timelines_.begin(), book.timelines_.end(),
                                      [&](const timeline_entry& e) {
                                          return e.jurisdiction == jurisdiction && e.care == care;
                                      });
            if (entry == book.timelines_.end())
                entry = book.timelines_.insert(book.timelines_.end(),
                                               timeline_entry{jurisdiction, care, {}});
            entry->indices.push_back(i);
        }
    return book;
}

const rule_set* rule_timeline::in_force(core::day day) const {
    if (!indices_)
        return nullptr;
    const rule_set* found = nullptr;
    for (const std::size_t i : *indices_) {
        const rule_set& set = book_->sets_[i];
        if (set.in_force_from > day)
            break;
        found = &set;
    }
    return found;
}

const rule_set* rule_timeline::earliest() const {
    return indices_ && !indices_->empty() ? &book_->sets_[indices_->front()] : nullptr;
}

rule_timeline rule_book::timeline(std::string_view jurisdiction, care_type care) const {
    rule_timeline t;
    t.book_ = this;
    for (const auto& entry : timelines_)
        if (entry.care == care && entry.jurisdiction == jurisdiction)
            t.indices_ = &entry.indices;
    return t;
}

const rule_set* rule_book::in_force(std::string_view jurisdiction, care_type care,
                                    core::day day) const {
    return timeline(jurisdiction, care).in_force(day);
}

const rule_set* rule_book::earliest(std::string_view jurisdiction, care_type care) const {
    return timeline(jurisdiction, care).earliest();
}

const rule_set* rule_book::by_id(std::string_view id) const {
    for (const auto& set : sets_)
        if (set.id == id)
            return &set;
    return nullptr;
}

bool rule_book::knows_jurisdiction(std::string_view jurisdiction) const {
    return std::any_of(timelines_.begin(), timelines_.end(),
                       [&](const timeline_entry& e) { return e.jurisdiction == jurisdiction; });
}

std::vector<std::string> rule_book::jurisdictions() const {
    std::set<std::string> names;
    for (const auto& set : sets_)
        names.insert(set.jurisdictions.begin(), set.jurisdictions.end());
    return {names.begin(), names.end()};
}

} // namespace reviewd::rules
