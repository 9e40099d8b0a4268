// An RFC 4180 CSV reader for the SSDA903 files and the council's due-date file: quoted fields
// ("a ""b"", c"), line breaks inside quotes (each read as '\n'), CRLF, LF or CR, a UTF-8 byte
// order mark, and a missing final line break. Strict: a stray quote or an unterminated one is an
// error naming the line and column, never a silently shifted row. Pure: it reads text, not files.
#pragma once

#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace reviewd::ssda903 {

struct csv_record {
    int line = 0; // the line the record starts on, 1-based (the header is line 1)
    std::vector<std::string> fields;
};

struct csv_table {
    std::vector<std::string> header; // the first record's fields
    std::vector<csv_record> records; // every later record; blank lines are skipped
};

// Errors: empty input, an unterminated quoted field, a quote inside an unquoted field or text
// after a closing quote (code "csv_syntax", field "line L, column C").
core::result<csv_table> read_csv(std::string_view text);

// A field as RFC 4180 writes it: quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view value);

} // namespace reviewd::ssda903
