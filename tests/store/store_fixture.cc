// The store test fixture; see store_fixture.h.
#include "store/store_fixture.h"

#include "store/maintenance.h"
#include "store/sqlite.h"

namespace reviewd::test {

store_fixture::store_fixture() : file(dir.path() / "reviewd.db") {
    store::prepare_database(file, true);
    db = std::make_unique<store::case_store>(file);
}

std::int64_t store_fixture::count(const std::string& table, const std::string& where) {
    auto c = store::connection::open(file, false, true);
    auto st = c.prepare("SELECT count(*) FROM " + table + " WHERE " + where);
    st.step();
    return st.integer(0);
}

rules::case_facts store_fixture::simple_case(const std::string& ref, const std::string& start) {
    rules::case_facts facts = case_builder().period(start).placement(start).facts();
    facts.child.id = ref;
    return facts;
}

} // namespace reviewd::test
