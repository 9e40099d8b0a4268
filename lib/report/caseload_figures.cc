// IROs' caseloads against the guidance of 50-70 children per full-time IRO (domain.md); the
// definitions are in annual.h.
#include "report/annual.h"

#include <map>

namespace reviewd::report {

caseload_figures caseload_bands(const std::vector<iro_caseload>& caseloads,
                                int children_without_iro) {
    caseload_figures out;
    out.children_without_iro = children_without_iro;
    std::map<std::string, const iro_caseload*> by_ref;
    for (const auto& c : caseloads)
        if (c.active || c.children > 0)
            by_ref[c.ref] = &c;
    for (const auto& [ref, c] : by_ref) {
        const caseload_band band = c->children < out.guidance_low    ? caseload_band::under
                                   : c->children > out.guidance_high ? caseload_band::over
                                                                     : caseload_band::within;
        (band == caseload_band::under  ? out.under
         : band == caseload_band::over ? out.over
                                       : out.within)++;
        out.children_with_iro += c->children;
        out.iros.push_back({c->ref, c->name, c->active, c->children, band});
    }
    return out;
}

} // namespace reviewd::report
