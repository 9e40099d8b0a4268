// Reading the 903 tables from CSV or XML; see return_rows.h.
#include "ssda903/return_rows.h"

#include "ssda903/csv.h"
#include "ssda903/xml.h"

#include <algorithm>
#include <array>
#include <optional>

namespace reviewd::ssda903 {
namespace {

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

// One CSV file's columns located by name; errors name the file and what is missing.
class csv_columns {
public:
    csv_columns(const named_text& file, const csv_table& table) : file_(file), table_(table) {}

    // The index of `name`, or an error when a required column is absent.
    core::result<int> required(std::string_view name, std::string_view which) const {
        const auto i = find(name);
        if (i >= 0)
            return i;
        std::string hint;
        for (const auto& [other, marker] :
             std::array<std::pair<std::string_view, std::string_view>, 3>{
                 {{"header", "SEX"}, {"episodes", "DECOM"}, {"reviews", "REVIEW"}}})
            if (other != which && find(marker) >= 0)
                hint = " (it looks like the " + std::string(other) + " file)";
        return core::make_error("missing_column",
                                "the " + std::string(which) + " file has no column " +
                                    std::string(name) + hint + "; its columns are " +
                                    joined(table_.header),
                                file_.name);
    }

    int find(std::string_view name) const {
        for (std::size_t i = 0; i < table_.header.size(); ++i)
            if (trimmed(table_.header[i]) == name)
                return static_cast<int>(i);
        return -1;
    }

private:
    const named_text& file_;
    const csv_table& table_;
};

core::result<csv_table> parse(const named_text& file) {
    auto table = read_csv(file.text);
    if (!table) {
        auto e = table.err();
        e.field = file.name + (e.field.empty() ? "" : ": " + e.field);
        return e;
    }
    return table;
}

// A record with the wrong number of fields cannot be trusted column by column.
bool well_formed(const named_text& file, const csv_table& table, const csv_record& r,
                 int child_column, std::vector<issue>& issues) {
    if (r.fields.size() == table.header.size())
        return true;
    const std::size_t c = static_cast<std::size_t>(child_column);
    issues.push_back({severity::error, file.name, r.line, "",
                      c < r.fields.size() ? trimmed(r.fields[c]) : std::string(), "field_count",
                      "the row has " + std::to_string(r.fields.size()) +
                          " fields but the header has " + std::to_string(table.header.size())});
    return false;
}

std::string field(const csv_record& r, int column) {
    return column < 0 ? std::string() : trimmed(r.fields[static_cast<std::size_t>(column)]);
}

std::string text_of(const xml_element& parent, std::string_view name) {
    const xml_element* e = parent.child(name);
    return e ? trimmed(e->text) : std::string();
}

} // namespace

std::string column_label(const source_file& file, std::string_view column) {
    if (file.xml && column == "CHILD")
        return "CHILDID";
    if (file.xml && column == "PLACE")
        return "PL";
    return std::string(column);
}

core::result<return_rows> rows_from_csv(const named_text& header, const named_text& episodes,
                                        const named_text& reviews) {
    return_rows out;
    out.header_file = {header.name, false};
    out.episodes_file = {episodes.name, false};
    out.reviews_file = {reviews.name, false};

    auto h = parse(header);
    if (!h)
        return h.err();
    const csv_columns hc(header, h.value());
    auto h_child = hc.required("CHILD", "header");
    auto h_dob = hc.required("DOB", "header");
    for (auto* c : {&h_child, &h_dob})
        if (!*c)
            return c->err();
    for (const auto& r : h.value().records)
        if (well_formed(header, h.value(), r, h_child.value(), out.issues))
            out.header.push_back({r.line, field(r, h_child.value()), field(r, h_dob.value())});

    auto e = parse(episodes);
    if (!e)
        return e.err();
    const csv_columns ec(episodes, e.value());
    std::array<core::result<int>, 7> ecols = {
        ec.required("CHILD", "episodes"), ec.required("DECOM", "episodes"),
        ec.required("RNE", "episodes"),   ec.required("LS", "episodes"),
        ec.required("PLACE", "episodes"), ec.required("DEC", "episodes"),
        ec.required("REC", "episodes")};
    for (const auto& c : ecols)
        if (!c)
            return c.err();
    for (const auto& r : e.value().records)
        if (well_formed(episodes, e.value(), r, ecols[0].value(), out.issues))
            out.episodes.push_back({r.line, field(r, ecols[0].value()), field(r, ecols[1].value()),
                                    field(r, ecols[2].value()), field(r, ecols[3].value()),
                                    field(r, ecols[4].value()), field(r, ecols[5].value()),
                                    field(r, ecols[6].value())});

    auto v = parse(reviews);
    if (!v)
        return v.err();
    const csv_columns vc(reviews, v.value());
    auto v_child = vc.required("CHILD", "reviews");
    auto v_review = vc.required("REVIEW", "reviews");
    for (auto* c : {&v_child, &v_review})
        if (!*c)
            return c->err();
    const int v_dob = vc.find("DOB");
    const int v_code = vc.find("REVIEW_CODE");
    for (const auto& r : v.value().records)
        if (well_formed(reviews, v.value(), r, v_child.value(), out.issues))
            out.reviews.push_back({r.line, field(r, v_child.value()), field(r, v_dob),
                                   field(r, v_review.value()), field(r, v_code)});
    return out;
}

core::result<return_rows> rows_from_xml(const named_text& file) {
    auto doc = read_xml(file.text);
    if (!doc) {
        auto e = doc.err();
        e.field = file.name + ": " + e.field;
        return e;
    }
    const xml_element& root = doc.value();
    if (root.name != "EXPSSDA903")
        return core::make_error("xml_structure",
                                "the root element is <" + root.name +
                                    ">, not <EXPSSDA903> (the SSDA903 return)",
                                file.name + ": line " + std::to_string(root.line));
    return_rows out;
    out.header_file = out.episodes_file = out.reviews_file = {file.name, true};
    for (const auto& child : root.children) {
        if (child.name != "CHILD")
            return core::make_error("xml_structure",
                                    "<" + child.name + "> inside <EXPSSDA903>: expected <CHILD>",
                                    file.name + ": line " + std::to_string(child.line));
        const xml_element* header = child.child("HEADER");
        if (!header) {
            out.issues.push_back({severity::error, file.name, child.line, "HEADER", "",
                                  "missing_header", "a <CHILD> without a <HEADER>"});
            continue;
        }
        const std::string id = text_of(*header, "CHILDID");
        out.header.push_back({header->line, id, text_of(*header, "DOB")});
        for (const auto& part : header->children)
            if (part.name == "AREVIEW")
                out.reviews.push_back(
                    {part.line, id, "", text_of(part, "REVIEW"), text_of(part, "REVIEW_CODE")});
        for (const auto& part : child.children)
            if (part.name == "EPISODE")
                out.episodes.push_back({part.line, id, text_of(part, "DECOM"), text_of(part, "RNE"),
                                        text_of(part, "LS"), text_of(part, "PL"),
                                        text_of(part, "DEC"), text_of(part, "REC")});
    }
    return out;
}

} // namespace reviewd::ssda903
