// The strict XML reader; see xml.h. A recursive-descent parser over the text with a depth limit.
#include "ssda903/xml.h"

#include <optional>

namespace reviewd::ssda903 {
namespace {

constexpr int max_depth = 64; // the return nests four deep; anything near this is not a return

bool name_start(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool name_char(char c) {
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void append_utf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

class xml_parser {
public:
    explicit xml_parser(std::string_view text) : text_(text) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF")
            text_.remove_prefix(3);
    }

    core::result<xml_element> run() {
        if (auto e = skip_misc())
            return *e;
        if (at_end() || text_[pos_] != '<')
            return *error(at_end() ? "no root element" : "text before the root element");
        xml_element root;
        if (auto e = element(root, 1))
            return *e;
        if (auto e = skip_misc())
            return *e;
        if (!at_end())
            return *error("content after the root element");
        return root;
    }

private:
    bool at_end() const { return pos_ >= text_.size(); }
    bool starts(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

    std::optional<core::error> error(const std::string& message) const {
        return core::make_error("xml_syntax", message, core::line_and_column(text_, pos_));
    }

    void advance(std::size_t n) {
        for (std::size_t i = 0; i < n && pos_ < text_.size(); ++i, ++pos_)
            if (text_[pos_] == '\n')
                ++line_;
    }

    void skip_space() {
        while (!at_end() && space(text_[pos_]))
            advance(1);
    }

    // Skips to just past `end`; an error when it never comes.
    std::optional<core::error> skip_past(std::string_view end, const char* what) {
        const auto found = text_.find(end, pos_);
        if (found == std::string_view::npos)
            return error(std::string("unterminated ") + what);
        advance(found + end.size() - pos_);
        return std::nullopt;
    }

    // White space, comments, processing instructions (the XML declaration among them).
    std::optional<core::error> skip_misc() {
        for (;;) {
            skip_space();
            if (starts("<!--")) {
                if (auto e = skip_past("-->", "comment"))
                    return e;
            } else if (starts("<?")) {
                if (auto e = skip_past("?>", "processing instruction"))
                    return e;
            } else if (starts("<!DOCTYPE") || starts("<!doctype")) {
                return error("a DOCTYPE is not accepted (entity declarations are refused)");
            } else {
                return std::nullopt;
            }
        }
    }

    std::optional<core::error> read_name(std::string& out) {
        if (at_end() || !name_start(text_[pos_]))
            return error("expected an element name");
        const std::size_t start = pos_;
        while (!at_end() && name_char(text_[pos_]))
            ++pos_;
        out.assign(text_.substr(start, pos_ - start));
        return std::nullopt;
    }

    // At '&': appends the decoded entity.
    std::optional<core::error> entity(std::string& out) {
        const auto semi = text_.find(';', pos_);
        if (semi == std::string_view::npos || semi - pos_ > 12)
            return error("an '&' that does not start an entity (write &amp;)");
        const std::string_view name = text_.substr(pos_ + 1, semi - pos_ - 1);
        if (name == "lt")
            out += '<';
        else if (name == "gt")
            out += '>';
        else if (name == "amp")
            out += '&';
        else if (name == "quot")
            out += '"';
        else if (name == "apos")
            out += '\'';
        else if (name.size() > 1 && name[0] == '#') {
            const bool hex = name[1] == 'x';
            const std::string digits(name.substr(hex ? 2 : 1));
            if (digits.empty() || digits.find_first_not_of(hex ? "0123456789abcdefABCDEF"
                                                               : "0123456789") != std::string::npos)
                return error("a malformed character reference &" + std::string(name) + ";");
            const unsigned long cp = std::stoul(digits, nullptr, hex ? 16 : 10);
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return error("a character reference to an invalid character");
            append_utf8(out, cp);
        } else {
            return error("an unknown entity &" + std::string(name) + ";");
        }
        advance(semi + 1 - pos_);
        return std::nullopt;
    }

    std::optional<core::error> attributes(bool& self_closing) {
        for (;;) {
            skip_space();
            if (at_end())
                return error("unterminated start tag");
            if (text_[pos_] == '>') {
                advance(1);
                self_closing = false;
                return std::nullopt;
            }
            if (starts("/>")) {
                advance(2);
                self_closing = true;
                return std::nullopt;
            }
            std::string name;
            if (auto e = read_name(name))
                return error("expected an attribute name, '>' or '/>'");
            skip_space();
            if (at_end() || text_[pos_] != '=')
                return error("expected '=' after attribute " + name);
            advance(1);
            skip_space();
            if (at_end() || (text_[pos_] != '"' && text_[pos_] != '\''))
                return error("expected a quoted value for attribute " + name);
            const char quote = text_[pos_];
            const auto close = text_.find(quote, pos_ + 1);
            if (close == std::string_view::npos)
                return error("unterminated value of attribute " + name);
            if (text_.substr(pos_ + 1, close - pos_ - 1).find('<') != std::string_view::npos)
                return error("'<' in the value of attribute " + name);
            advance(close + 1 - pos_);
        }
    }

    // At '<' of a start tag: reads the element and everything in it.
    std::optional<core::error> element(xml_element& out, int depth) {
        if (depth > max_depth)
            return error("elements nested more than " + std::to_string(max_depth) + " deep");
        out.line = line_;
        advance(1);
        if (auto e = read_name(out.name))
            return e;
        bool self_closing = false;
        if (auto e = attributes(self_closing))
            return e;
        if (self_closing)
            return std::nullopt;
        for (;;) {
            if (at_end())
                return error("element <" + out.name + "> (line " + std::to_string(out.line) +
                             ") is not closed");
            const char c = text_[pos_];
            if (c == '&') {
                if (auto e = entity(out.text))
                    return e;
            } else if (c != '<') {
                out.text += c;
                advance(1);
            } else if (starts("</")) {
                advance(2);
                std::string name;
                if (auto e = read_name(name))
                    return e;
                if (name != out.name)
                    return error("</" + name + "> closes <" + out.name + "> (line " +
                                 std::to_string(out.line) + ")");
                skip_space();
                if (at_end() || text_[pos_] != '>')
                    return error("expected '>' to end </" + name + ">");
                advance(1);
                return std::nullopt;
            } else if (starts("<!--")) {
                if (auto e = skip_past("-->", "comment"))
                    return e;
            } else if (starts("<![CDATA[")) {
                const auto end = text_.find("]]>", pos_);
                if (end == std::string_view::npos)
                    return error("unterminated CDATA section");
                out.text.append(text_.substr(pos_ + 9, end - pos_ - 9));
                advance(end + 3 - pos_);
            } else if (starts("<?")) {
                if (auto e = skip_past("?>", "processing instruction"))
                    return e;
            } else if (starts("<!")) {
                return error("a declaration inside an element is not accepted");
            } else {
                out.children.emplace_back();
                if (auto e = element(out.children.back(), depth + 1))
                    return e;
            }
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

} // namespace

const xml_element* xml_element::child(std::string_view child_name) const {
    for (const auto& c : children)
        if (c.name == child_name)
            return &c;
    return nullptr;
}

core::result<xml_element> read_xml(std::string_view text) {
    return xml_parser(text).run();
}

} // namespace reviewd::ssda903
