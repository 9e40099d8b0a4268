// Hand-made 903 files; see return_files.h.
#include "return_files.h"

#include <stdexcept>

namespace reviewd::test {

return_files& return_files::child(const std::string& id, const std::string& dob) {
    header += id + ",F," + dob + ",WBRI,Z000000000001,,\r\n";
    return *this;
}

return_files& return_files::episode(const std::string& id, const std::string& decom,
                                    const std::string& rne, const std::string& ls,
                                    const std::string& place, const std::string& dec,
                                    const std::string& rec) {
    episodes += id + "," + decom + "," + rne + "," + ls + ",N1," + place + ",PR1," + dec + "," +
                rec + ",,ZZ99 1AA,ZZ99 2BB,XXXXXXX\r\n";
    return *this;
}

return_files& return_files::review(const std::string& id, const std::string& held,
                                   const std::string& code, const std::string& dob) {
    reviews += id + "," + dob + "," + held + "," + code + "\r\n";
    return *this;
}

ssda903::return_rows return_files::rows() const {
    auto r = ssda903::rows_from_csv({"header.csv", header}, {"episodes.csv", episodes},
                                    {"reviews.csv", reviews});
    if (!r)
        throw std::runtime_error("files refused: " + core::describe(r.err()));
    return std::move(r).value();
}

ssda903::return_extract return_files::build() const {
    return ssda903::build_extract(rows());
}

std::vector<ssda903::issue> issues_with(const ssda903::return_extract& e, const std::string& code,
                                        const std::string& child) {
    std::vector<ssda903::issue> out;
    for (const auto& i : e.issues)
        if (i.code == code && (child.empty() || i.child == child))
            out.push_back(i);
    return out;
}

const ssda903::child_extract* find_child(const ssda903::return_extract& e, const std::string& id) {
    for (const auto& c : e.children)
        if (c.id == id)
            return &c;
    return nullptr;
}

} // namespace reviewd::test
