// Reading deadlines across the caseload: filters, cursor pages and counts; see case_store.h.
#include "store/store_impl.h"

#include <charconv>

namespace reviewd::store {
namespace {

// A cursor is "<due>.<id>" of the last row of the previous page: opaque to clients.
std::optional<std::pair<std::string, std::int64_t>> parse_cursor(const std::string& cursor) {
    if (cursor.size() < 12 || cursor[10] != '.' || !core::parse_iso_date(cursor.substr(0, 10)))
        return std::nullopt;
    std::int64_t id = 0;
    const char* begin = cursor.data() + 11;
    const char* end = cursor.data() + cursor.size();
    const auto [ptr, ec] = std::from_chars(begin, end, id);
    if (ec != std::errc{} || ptr != end || id <= 0)
        return std::nullopt;
    return std::pair{cursor.substr(0, 10), id};
}

} // namespace

deadline_page case_store::list_deadlines(const deadline_filter& filter, core::day today) {
    std::string sql =
        "SELECT c.ref, " + std::string(deadline_columns) +
        " FROM deadlines d JOIN children c ON c.id = d.child_id WHERE c.archived_at IS NULL";
    if (filter.iro)
        sql += " AND d.child_id IN (SELECT a.child_id FROM assignments a JOIN people p ON p.id = "
               "a.person_id"
               " WHERE a.relation = 'iro' AND p.ref = ?1)";
    if (filter.due_before)
        sql += " AND d.due < ?2";
    if (filter.status) {
        if (*filter.status == "open")
            sql += " AND d.state = 'open' AND d.due >= ?3";
        else if (*filter.status == "missed")
            sql += " AND d.state = 'open' AND d.due < ?3";
        else
            sql += " AND d.state = ?4";
    }
    if (filter.kind)
        sql += " AND d.kind = ?5";
    const auto cursor = filter.cursor ? parse_cursor(*filter.cursor) : std::nullopt;
    if (cursor)
        sql += " AND (d.due, d.id) > (?6, ?7)";
    sql += " ORDER BY d.due, d.id LIMIT ?8";

    auto lease = read();
    auto st = lease->prepare(sql);
    if (filter.iro)
        st.bind(1, *filter.iro);
    if (filter.due_before)
        st.bind(2, core::format_iso_date(*filter.due_before));
    if (filter.status) {
        st.bind(3, core::format_iso_date(today));
        st.bind(4, *filter.status);
    }
    if (filter.kind)
        st.bind(5, *filter.kind);
    if (cursor)
        st.bind(6, cursor->first).bind(7, cursor->second);
    st.bind(8, filter.limit + 1);

    deadline_page page;
    while (st.step()) {
        if (static_cast<int>(page.items.size()) == filter.limit) {
            const auto& last = page.items.back().stored;
            page.next_cursor =
                core::format_iso_date(last.deadline.due) + "." + std::to_string(last.id);
            break;
        }
        listed_deadline item{st.text(0), read_deadline_row(st, 1)};
        derive_missed(item.stored, today);
        page.items.push_back(std::move(item));
    }
    return page;
}

bool valid_deadline_cursor(const std::string& cursor) {
    return parse_cursor(cursor).has_value();
}

std::vector<std::pair<std::string, std::int64_t>>
case_store::deadline_counts_by_status(core::day today) {
    auto lease = read();
    auto st = lease->prepare("SELECT CASE WHEN d.state = 'open' AND d.due < ?1 THEN 'missed' ELSE "
                             "d.state END AS status, count(*) "
                             "FROM deadlines d JOIN children c ON c.id = d.child_id WHERE "
                             "c.archived_at IS NULL GROUP BY status ORDER BY status");
    st.bind(1, core::format_iso_date(today));
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (st.step())
        out.emplace_back(st.text(0), st.integer(1));
    return out;
}

std::int64_t case_store::database_bytes() {
    auto lease = read();
    auto st = lease->prepare(
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    st.step();
    return st.integer(0);
}

} // namespace reviewd::store
