// Inline SVG bar charts; see html_charts.h. Layout, left to right: the row label, the bars on a
// scale that starts at 0, then the row's note. A legend sits above, the scale's ticks below.
// No xmlns attribute: inside HTML the parser puts <svg> in the SVG namespace itself, and the
// file then holds no address at all.
#include "report/html_charts.h"

#include "report/labels.h"
#include "report/text_escape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

namespace reviewd::report {
namespace {

constexpr double width = 760;
constexpr double label_right = 240; // labels end here (text-anchor end)
constexpr double bars_left = 250;
constexpr double bars_width = 320;
constexpr double note_left = bars_left + bars_width + 10;
constexpr double legend_height = 26;
constexpr double axis_height = 38;
constexpr double stacked_row = 28;
constexpr double thin_bar = 12;
constexpr std::size_t max_label_chars = 30; // about 7 px a character at 13 px

std::string px(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", v);
    std::string s = text;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    return s;
}

// At most max_label_chars characters (not bytes), with an ellipsis when cut.
std::string shortened(const std::string& text) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            continue;
        if (++chars > max_label_chars)
            return text.substr(0, i) + "\xE2\x80\xA6";
    }
    return text;
}

// A scale end of 1, 2 or 5 times a power of ten, in at most 5 steps, at or above `top`.
std::pair<double, double> nice_scale(double top) {
    top = std::max(top, 1.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(top / 5.0)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        const double step = std::max(1.0, m * magnitude);
        if (top / step <= 5.0)
            return {std::ceil(top / step) * step, step};
    }
    return {top, top};
}

double row_height(const bar_chart& c) {
    if (c.stacked || c.series.size() <= 1)
        return stacked_row;
    return static_cast<double>(c.series.size()) * (thin_bar + 2) + 10;
}

double largest(const bar_chart& c) {
    double top = c.band ? c.band->second : 0;
    for (const auto& r : c.rows) {
        if (c.stacked)
            top = std::max(top, std::accumulate(r.values.begin(), r.values.end(), 0.0));
        else
            for (const double v : r.values)
                top = std::max(top, v);
    }
    return top;
}

void text(std::ostringstream& out, double x, double y, const std::string& body,
          const char* anchor = "start", const char* extra = "") {
    out << "<text x=\"" << px(x) << "\" y=\"" << px(y) << "\" text-anchor=\"" << anchor << "\""
        << extra << ">" << html_escape(body) << "</text>\n";
}

void rect(std::ostringstream& out, double x, double y, double w, double h, const std::string& fill,
          const std::string& tooltip) {
    out << "<rect x=\"" << px(x) << "\" y=\"" << px(y) << "\" width=\"" << px(w) << "\" height=\""
        << px(h) << "\" fill=\"" << html_escape(fill) << "\">";
    if (!tooltip.empty())
        out << "<title>" << html_escape(tooltip) << "</title>";
    out << "</rect>\n";
}

} // namespace

std::string svg_bar_chart(const bar_chart& c) {
    std::ostringstream out;
    if (c.rows.empty())
        return "<p class=\"empty\">Nothing to show for " + html_escape(c.title) + ".</p>\n";
    const auto [scale_end, step] = nice_scale(largest(c));
    const auto x_of = [&, end = scale_end](double v) { return bars_left + bars_width * v / end; };
    const bool legend = c.series.size() > 1 || c.band;
    const double top = legend ? legend_height : 6;
    const double h_row = row_height(c);
    const double height = top + h_row * static_cast<double>(c.rows.size()) + axis_height;

    out << "<svg class=\"chart\" viewBox=\"0 0 " << px(width) << " " << px(height) << "\" width=\""
        << px(width) << "\" height=\"" << px(height) << "\" role=\"img\" aria-labelledby=\"" << c.id
        << "-title " << c.id << "-desc\">\n"
        << "<title id=\"" << c.id << "-title\">" << html_escape(c.title) << "</title>\n"
        << "<desc id=\"" << c.id << "-desc\">" << html_escape(c.description) << "</desc>\n";

    if (legend) {
        double x = bars_left;
        for (const auto& s : c.series) {
            rect(out, x, 6, 12, 12, s.colour, {});
            text(out, x + 17, 16.5, s.name);
            x += 30 + 7.2 * static_cast<double>(s.name.size());
        }
        if (c.band) {
            rect(out, x, 6, 12, 12, "#DDDDDD", {});
            text(out, x + 17, 16.5, c.band_label);
        }
    }
    const double rows_bottom = top + h_row * static_cast<double>(c.rows.size());
    if (c.band)
        rect(out, x_of(c.band->first), top, x_of(c.band->second) - x_of(c.band->first),
             rows_bottom - top, "#DDDDDD", c.band_label);
    // The scale: gridlines and tick labels at each step.
    for (double v = 0; v <= scale_end + step / 2; v += step) {
        out << "<line x1=\"" << px(x_of(v)) << "\" y1=\"" << px(top) << "\" x2=\"" << px(x_of(v))
            << "\" y2=\"" << px(rows_bottom + 4) << "\" class=\"grid\"/>\n";
        text(out, x_of(v), rows_bottom + 17, format_number(v), "middle", " class=\"tick\"");
    }
    if (!c.unit.empty())
        text(out, bars_left + bars_width / 2, rows_bottom + 33, c.unit, "middle",
             " class=\"unit\"");

    for (std::size_t i = 0; i < c.rows.size(); ++i) {
        const chart_row& r = c.rows[i];
        const double y = top + h_row * static_cast<double>(i);
        text(out, label_right, y + h_row / 2 + 4.5, shortened(r.label), "end");
        double x = bars_left;
        for (std::size_t k = 0; k < r.values.size() && k < c.series.size(); ++k) {
            const double v = r.values[k];
            const std::string tip = c.series[k].name + ": " + format_number(v);
            if (c.stacked || c.series.size() == 1) {
                const double w = x_of(v) - bars_left;
                if (w > 0)
                    rect(out, x, y + 5, w, h_row - 10, c.series[k].colour, tip);
                x += w;
            } else {
                const double yk = y + 5 + static_cast<double>(k) * (thin_bar + 2);
                if (v > 0)
                    rect(out, bars_left, yk, x_of(v) - bars_left, thin_bar, c.series[k].colour,
                         tip);
            }
        }
        text(out, note_left, y + h_row / 2 + 4.5, r.note);
    }
    out << "</svg>\n";
    return out.str();
}

} // namespace reviewd::report
