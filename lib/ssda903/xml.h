// A small, strict XML reader for the SSDA903 return's XML form: nested elements holding text, no
// mixed content needed. It accepts the XML declaration, comments, processing instructions, CDATA,
// attributes (read and ignored), self-closing tags and the five predefined entities plus numeric
// character references. It refuses a DOCTYPE (no entity expansion: no "billion laughs"), unknown
// entities, mismatched or unclosed tags and text outside the root, naming the line and column.
// Pure: it reads text, not files. (No XML library is a reviewd dependency; this covers the
// return's simple structure and nothing more.)
#pragma once

#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace reviewd::ssda903 {

struct xml_element {
    std::string name;
    std::string text; // the element's own character data, entities decoded, not trimmed
    int line = 0;     // where its start tag is, 1-based
    std::vector<xml_element> children;

    const xml_element* child(std::string_view child_name) const; // the first such child, if any
};

// Errors have code "xml_syntax" and field "line L, column C".
core::result<xml_element> read_xml(std::string_view text);

} // namespace reviewd::ssda903
