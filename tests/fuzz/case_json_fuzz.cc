// Fuzz target: the case JSON parser, the input of `reviewd schedule` and of PUT /v1/children/{ref}.
// Any bytes must give a case or an error that says what is wrong, never a crash or an escaping
// exception. A case that parses must also survive what follows it in the real paths: the canonical
// round trip (case_to_json then case_from_json gives the same document) and scheduling under the
// shipped rules, rendered as JSON and as the table `reviewd schedule --format table` prints.
#include "fuzz_assert.h"
#include "schedule_table.h"
#include "shipped.h"

#include "rules/case_json.h"
#include "rules/deadline_json.h"
#include "rules/deadlines.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

using namespace reviewd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto facts = rules::parse_case_json(text);
    if (!facts) {
        fuzz::require(!facts.err().code.empty() && !facts.err().message.empty(),
                      "a refused case names its error");
        return 0;
    }

    const nlohmann::json canonical = rules::case_to_json(facts.value());
    const auto again = rules::case_from_json(canonical);
    fuzz::require(again.ok(), "the canonical form of a parsed case parses",
                  again ? "" : core::describe(again.err()));
    fuzz::require(rules::case_to_json(again.value()) == canonical,
                  "the canonical round trip keeps the case", canonical.dump());

    const auto snapshot = fuzz::shipped_snapshot();
    const auto deadlines = rules::compute_deadlines(
        facts.value(), snapshot->loaded.book, snapshot->loaded.calendars, fuzz::fixed_today());
    if (!deadlines) {
        fuzz::require(!deadlines.err().message.empty(), "a refused schedule says why");
        return 0;
    }
    (void)rules::schedule_to_json(facts.value().child.id, facts.value().jurisdiction,
                                  fuzz::fixed_today(), deadlines.value())
        .dump();
    std::ostringstream table;
    app::print_schedule_table(table, facts.value(), fuzz::fixed_today(), deadlines.value());
    return 0;
}
