// Fuzz target: the SSDA903 return in its XML form (lib/ssda903's small strict XML reader and the
// return's element layout), as `reviewd import` reads it. Any bytes must give rows or an error
// naming the line and column, never a crash, an escaping exception or unbounded work (the reader
// refuses DOCTYPE, so no entity expansion). Rows go on through the pure import as in the CSV
// target: the extract, then for each usable child the facts reviewd would hold, checked.
#include "fuzz_assert.h"
#include "shipped.h"

#include "ssda903/builder.h"
#include "ssda903/reconcile.h"
#include "ssda903/return_rows.h"
#include "ssda903/xml.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace reviewd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto document = ssda903::read_xml(text);
    if (!document)
        fuzz::require(document.err().field.rfind("line ", 0) == 0,
                      "an XML error names its line and column", core::describe(document.err()));

    const auto rows = ssda903::rows_from_xml({"return.xml", text});
    if (!rows) {
        fuzz::require(!rows.err().message.empty(), "a refused return says why");
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
