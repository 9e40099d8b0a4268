// Internal to lib/api: escalations as JSON for the API. The full record (GET one, and the answer
// to every action) carries the description, the history with its notes and where it stands today
// (escalation::state_of); list items are thin (ids, stage, status, dates).
#pragma once

#include "store/escalation_records.h"

#include <nlohmann/json.hpp>

namespace reviewd::api {

nlohmann::json escalation_json(const store::stored_escalation& s,
                               const store::escalation_context& ctx, core::day today);
nlohmann::json escalation_item_json(const store::listed_escalation& e, core::day today);
nlohmann::json checklist_json(const escalation::checklist& c);

} // namespace reviewd::api
