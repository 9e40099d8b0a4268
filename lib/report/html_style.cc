// The HTML report's stylesheet; see html_style.h.
#include "report/html_style.h"

namespace reviewd::report {

extern const char* const html_style = R"css(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       font-size: 16px; line-height: 1.5; color: #1a1a1a; background: #ffffff;
       max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.9rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.45rem; margin-top: 2.5rem; padding-bottom: 0.2rem;
     border-bottom: 3px solid #0072B2; }
h3 { font-size: 1.15rem; margin-top: 1.8rem; }
.lead { font-size: 1.05rem; color: #333333; }
.key { display: flex; flex-wrap: wrap; gap: 0.8rem; list-style: none; padding: 0; }
.key li { border: 1px solid #bbbbbb; border-left: 6px solid #0072B2; padding: 0.5rem 0.9rem;
          min-width: 10.5rem; flex: 1 1 10.5rem; }
.key .figure { display: block; font-size: 1.9rem; font-weight: 700; }
figure { margin: 1rem 0; }
figcaption, .explain { color: #333333; max-width: 50rem; }
svg.chart { max-width: 100%; height: auto; font-size: 13px; }
svg.chart text { fill: #1a1a1a; }
svg.chart .grid { stroke: #c8c8c8; stroke-width: 1; }
svg.chart .tick, svg.chart .unit { fill: #444444; font-size: 12px; }
table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border: 1px solid #bbbbbb; padding: 0.25rem 0.6rem; vertical-align: top; }
thead th { background: #eef3f8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { border-left: 4px solid #E69F00; padding: 0.3rem 0.8rem; background: #fff7e6; }
dl.terms dt { font-weight: 600; margin-top: 0.5rem; }
dl.terms dd { margin-left: 1.2rem; }
footer { margin-top: 3rem; font-size: 0.9rem; color: #444444; }
@media print {
  @page { margin: 15mm; }
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, table, .key li { break-inside: avoid; page-break-inside: avoid; }
  section { break-before: auto; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .key li { border-left-width: 4px; }
}
)css";

} // namespace reviewd::report
