// Fuzz target: the SSDA903 return in its CSV form (lib/ssda903), as `reviewd import` reads it.
// An input is the three files, header, episodes and reviews, separated by form feeds ('\f').
// Any bytes must give rows or an error naming the place, never a crash or an escaping exception;
// rows go on through the pure import: the extract (periods from episodes, reviews), and for each
// usable child the facts reviewd would hold and their check against the shipped rules.
// The CSV reader is also checked on the whole input alone: a table it reads, written back with
// csv_field, reads again as the same fields.
#include "fuzz_assert.h"
#include "shipped.h"

#include "ssda903/builder.h"
#include "ssda903/csv.h"
#include "ssda903/reconcile.h"
#include "ssda903/return_rows.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace reviewd;

namespace {

std::string write_csv(const ssda903::csv_table& table) {
    const auto record = [](const std::vector<std::string>& fields) {
        // A record of one empty field must be quoted, or it would read back as a blank line.
        if (fields.size() == 1 && fields[0].empty())
            return std::string("\"\"\r\n");
        std::string line;
        for (std::size_t i = 0; i < fields.size(); ++i)
            line += (i ? "," : "") + ssda903::csv_field(fields[i]);
        return line + "\r\n";
    };
    // A byte order mark first, since the reader drops one: a header starting with another keeps it.
    std::string out = "\xEF\xBB\xBF" + record(table.header);
    for (const auto& r : table.records)
        out += record(r.fields);
    return out;
}

void check_csv_round_trip(std::string_view text) {
    const auto table = ssda903::read_csv(text);
    if (!table) {
        fuzz::require(!table.err().message.empty(), "a refused CSV says why");
        return;
    }
    const std::string again_text = write_csv(table.value());
    const auto again = ssda903::read_csv(again_text);
    fuzz::require(again.ok(), "a CSV table written back reads again",
                  again ? "" : core::describe(again.err()));
    fuzz::require(again.value().header == table.value().header,
                  "a CSV header survives the round trip", again_text);
    fuzz::require(again.value().records.size() == table.value().records.size(),
                  "every CSV record survives the round trip", again_text);
    for (std::size_t i = 0; i < table.value().records.size(); ++i)
        fuzz::require(again.value().records[i].fields == table.value().records[i].fields,
                      "a CSV record's fields survive the round trip", again_text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    check_csv_round_trip(input);

    std::string_view parts[3];
    std::string_view rest = input;
    for (int i = 0; i < 3; ++i) {
        const std::size_t cut = i < 2 ? rest.find('\f') : std::string_view::npos;
        parts[i] = rest.substr(0, cut);
        rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    }
    const auto rows = ssda903::rows_from_csv({"header.csv", parts[0]}, {"episodes.csv", parts[1]},
                                             {"reviews.csv", parts[2]});
    if (!rows) {
        fuzz::require(!rows.err().message.empty(), "refused files say why");
        return 0;
    }
    const ssda903::return_extract extract = ssda903::build_extract(rows.value());
    const auto& book = fuzz::shipped_snapshot()->loaded.book;
    for (const auto& child : extract.children) {
        fuzz::require(!child.periods.empty(), "a usable child has a period of care", child.id);
        const auto merged = ssda903::reconcile(child, std::nullopt, extract.window, extract);
        if (!merged.refused)
            (void)ssda903::check_reconciled(merged.facts, book, child, extract);
    }
    return 0;
}
