// Choosing a renderer by format name; see render.h.
#include "report/render.h"

namespace reviewd::report {

std::optional<format> format_from(std::string_view text) {
    if (text == "html")
        return format::html;
    if (text == "md" || text == "markdown")
        return format::markdown;
    if (text == "csv")
        return format::csv;
    if (text == "json")
        return format::json;
    return std::nullopt;
}

std::string render(const annual_report& r, format f) {
    switch (f) {
    case format::html:
        return render_html(r);
    case format::markdown:
        return render_markdown(r);
    case format::csv:
        return render_csv(r);
    case format::json:
        return render_json(r);
    }
    return {};
}

} // namespace reviewd::report
