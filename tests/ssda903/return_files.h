// Hand-made SSDA903 files for the tests: the real column layout, a row at a time, so each test
// states exactly the rows it is about and can name their line numbers.
#pragma once

#include "ssda903/builder.h"
#include "ssda903/return_rows.h"

#include <string>

namespace reviewd::test {

struct return_files {
    std::string header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n";
    std::string episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,"
                           "REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n";
    std::string reviews = "CHILD,DOB,REVIEW,REVIEW_CODE\r\n";

    return_files& child(const std::string& id, const std::string& dob = "04/01/2010");
    return_files& episode(const std::string& id, const std::string& decom, const std::string& rne,
                          const std::string& ls, const std::string& place, const std::string& dec,
                          const std::string& rec);
    return_files& review(const std::string& id, const std::string& held,
                         const std::string& code = "PN1", const std::string& dob = "04/01/2010");

    ssda903::return_rows rows() const; // throws when the files are refused whole
    ssda903::return_extract build() const;
};

// The issues for `child` with this code (all children when child is empty).
std::vector<ssda903::issue> issues_with(const ssda903::return_extract& e, const std::string& code,
                                        const std::string& child = {});
const ssda903::child_extract* find_child(const ssda903::return_extract& e, const std::string& id);

} // namespace reviewd::test
