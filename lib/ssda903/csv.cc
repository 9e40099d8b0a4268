// The RFC 4180 reader; see csv.h. One pass over the text with a three-state machine per field.
#include "ssda903/csv.h"

#include <optional>

namespace reviewd::ssda903 {
namespace {

class csv_parser {
public:
    explicit csv_parser(std::string_view text) : text_(text) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF")
            text_.remove_prefix(3);
    }

    core::result<csv_table> run() {
        csv_table table;
        bool first = true;
        while (pos_ < text_.size()) {
            const int line = line_;
            std::vector<std::string> fields;
            if (auto e = read_record(fields))
                return *e;
            if (fields.size() == 1 && fields[0].empty() && !last_was_quoted_)
                continue; // a blank line
            if (first) {
                table.header = std::move(fields);
                first = false;
            } else {
                table.records.push_back({line, std::move(fields)});
            }
        }
        if (first)
            return core::make_error("csv_empty", "the file is empty: expected a header line");
        return table;
    }

private:
    std::optional<core::error> syntax(std::string message) const {
        return core::make_error("csv_syntax", std::move(message),
                                "line " + std::to_string(line_) + ", column " +
                                    std::to_string(pos_ - line_start_ + 1));
    }

    // Reads one record up to and including its line break (or the end of the text).
    std::optional<core::error> read_record(std::vector<std::string>& fields) {
        for (;;) {
            std::string field;
            last_was_quoted_ = pos_ < text_.size() && text_[pos_] == '"';
            if (auto e = last_was_quoted_ ? read_quoted(field) : read_plain(field))
                return e;
            fields.push_back(std::move(field));
            if (pos_ >= text_.size())
                return std::nullopt;
            const char c = text_[pos_];
            if (c == ',') {
                ++pos_;
                continue;
            }
            end_line(); // at '\r' or '\n'
            return std::nullopt;
        }
    }

    std::optional<core::error> read_plain(std::string& field) {
        const std::size_t start = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ',' || c == '\n' || c == '\r')
                break;
            if (c == '"')
                return syntax("a quote inside an unquoted field (quote the whole field and "
                              "double the quote)");
            ++pos_;
        }
        field.assign(text_.substr(start, pos_ - start));
        return std::nullopt;
    }

    std::optional<core::error> read_quoted(std::string& field) {
        const int open_line = line_;
        const std::size_t open_column = pos_ - line_start_ + 1;
        ++pos_; // the opening quote
        for (;;) {
            if (pos_ >= text_.size())
                return core::make_error("csv_syntax",
                                        "a quoted field is not closed before the end of the file",
                                        "line " + std::to_string(open_line) + ", column " +
                                            std::to_string(open_column));
            const char c = text_[pos_];
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    field.push_back('"');
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                break;
            }
            if (c == '\n' || c == '\r') {
                // Every line break inside quotes (LF, CRLF, or a lone CR, as between records) is
                // kept as one '\n', so a field read back from what csv_field wrote is the same.
                field.push_back('\n');
                pos_ += c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n' ? 2 : 1;
                ++line_;
                line_start_ = pos_;
                continue;
            }
            field.push_back(c);
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
            return syntax("text after the closing quote of a field");
        return std::nullopt;
    }

    void end_line() {
        if (text_[pos_] == '\r')
            ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '\n')
            ++pos_;
        ++line_;
        line_start_ = pos_;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_start_ = 0;
    int line_ = 1;
    bool last_was_quoted_ = false;
};

} // namespace

core::result<csv_table> read_csv(std::string_view text) {
    return csv_parser(text).run();
}

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(value);
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

} // namespace reviewd::ssda903
