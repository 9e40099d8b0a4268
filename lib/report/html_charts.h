// Horizontal bar charts as inline SVG for the HTML report: no script, no external file, text
// labels beside every bar (colour is never the only carrier of a figure), a <title> and <desc>
// for screen readers, and colours from the Okabe-Ito palette, which people with the common
// colour-vision deficiencies can tell apart. Internal to lib/report.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace reviewd::report {

struct chart_series {
    std::string name;   // shown in the legend
    std::string colour; // "#0072B2"
};

struct chart_row {
    std::string label;          // left of the bars (plain text: escaped here)
    std::vector<double> values; // one per series
    std::string note;           // right of the bars, e.g. "75% on time (12 of 16)"
};

struct bar_chart {
    std::string id;          // unique in the page, [a-z0-9-]
    std::string title;       // read out by screen readers, and the chart's heading
    std::string description; // what the chart shows, in a sentence
    std::vector<chart_series> series;
    std::vector<chart_row> rows;
    bool stacked = false; // series end to end in one bar (else one thin bar per series)
    std::optional<std::pair<double, double>> band; // a shaded range on the scale, e.g. 50-70
    std::string band_label;
    std::string unit; // under the scale, e.g. "children", "working days"
};

// The chart as an <svg> element (XML-clean), or a sentence saying there is nothing to draw.
std::string svg_bar_chart(const bar_chart& chart);

// Okabe-Ito colours used by the report.
inline constexpr const char* colour_blue = "#0072B2";
inline constexpr const char* colour_orange = "#E69F00";
inline constexpr const char* colour_vermillion = "#D55E00";
inline constexpr const char* colour_sky = "#56B4E9";
inline constexpr const char* colour_green = "#009E73";
inline constexpr const char* colour_grey = "#6E6E6E";

} // namespace reviewd::report
