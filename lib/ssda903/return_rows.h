// The three SSDA903 tables the import reads, in one shape whether they came as CSV files or as
// the return's XML: only the columns reviewd uses are kept (CHILD, DOB; DECOM, RNE, LS, PLACE,
// DEC, REC; REVIEW, REVIEW_CODE), trimmed, each row with the file and line it came from. Ethnicity,
// UPN, postcodes and the like are read past and never held.
#pragma once

#include "core/result.h"
#include "ssda903/issues.h"

#include <string>
#include <string_view>
#include <vector>

namespace reviewd::ssda903 {

struct source_file {
    std::string name; // as given on the command line
    bool xml = false;
};

// The column as a person finds it in the file: the CSV names, or the XML element names (CHILDID
// for CHILD, PL for PLACE).
std::string column_label(const source_file& file, std::string_view column);

struct header_row {
    int row = 0;
    std::string child;
    std::string dob;
};

struct episode_row {
    int row = 0;
    std::string child, decom, rne, ls, place, dec, rec;
};

struct review_row {
    int row = 0;
    std::string child;
    std::string dob; // empty in the XML form (the header's applies) or when the column is absent
    std::string review;
    std::string review_code;
};

struct return_rows {
    source_file header_file, episodes_file, reviews_file;
    std::vector<header_row> header;
    std::vector<episode_row> episodes;
    std::vector<review_row> reviews;
    std::vector<issue> issues; // rows that could not be read (a wrong number of fields)
};

struct named_text {
    std::string name; // the file's name, for the report
    std::string_view text;
};

// The CSV form: three files, each with its header line. Errors (the whole import is refused): a
// CSV syntax error, a required column missing, or the files given in the wrong places.
core::result<return_rows> rows_from_csv(const named_text& header, const named_text& episodes,
                                        const named_text& reviews);

// The XML form: <EXPSSDA903><CHILD><HEADER><CHILDID/>...<AREVIEW/>...</HEADER><EPISODE/>...
// </CHILD>... Errors: XML syntax, or a root or child element that is not the return's.
core::result<return_rows> rows_from_xml(const named_text& file);

} // namespace reviewd::ssda903
