// The daily digest in the store: which open deadlines concern whom, and writing one day's digest
// to the outbox exactly once; see case_store.h.
#include "store/store_impl.h"

namespace reviewd::store {
namespace {

constexpr const char* last_digest_key = "digest.last_day";

std::optional<core::day> read_last_day(connection& db) {
    auto st = db.prepare("SELECT value FROM meta WHERE key = ?1");
    st.bind(1, std::string(last_digest_key));
    if (!st.step())
        return std::nullopt;
    return core::parse_iso_date(st.text(0));
}

} // namespace

std::optional<core::day> case_store::last_digest_day() {
    auto lease = read();
    return read_last_day(lease.db());
}

std::optional<int> case_store::fire_digest(core::instant now, const digest_firing& how) {
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    if (const auto last = read_last_day(db); last && *last >= how.day)
        return std::nullopt;
    auto st = db.prepare(
        "SELECT c.ref, " + std::string(deadline_columns) +
        ", pi.email, pm.email, ptm.email, psw.email "
        "FROM deadlines d JOIN children c ON c.id = d.child_id "
        "LEFT JOIN assignments ai ON ai.child_id = c.id AND ai.relation = 'iro' "
        "LEFT JOIN people pi ON pi.id = ai.person_id AND pi.active = 1 "
        "LEFT JOIN people pm ON pm.id = pi.manager_id AND pm.active = 1 "
        "LEFT JOIN assignments atm ON atm.child_id = c.id AND atm.relation = 'team_manager' "
        "LEFT JOIN people ptm ON ptm.id = atm.person_id AND ptm.active = 1 "
        "LEFT JOIN assignments asw ON asw.child_id = c.id AND asw.relation = 'social_worker' "
        "LEFT JOIN people psw ON psw.id = asw.person_id AND psw.active = 1 "
        "WHERE c.archived_at IS NULL AND d.state = 'open' AND d.due <= ?1 "
        "ORDER BY d.due, c.ref, d.id");
    st.bind(1, core::format_iso_date(how.scan_until));
    std::vector<digest_entry> entries;
    while (st.step()) {
        digest_entry e;
        e.child = st.text(0);
        e.deadline = read_deadline_row(st, 1);
        derive_missed(e.deadline, how.day);
        e.iro = st.optional_text(16);
        e.iro_manager = st.optional_text(17);
        e.team_manager = st.optional_text(18);
        e.social_worker = st.optional_text(19);
        entries.push_back(std::move(e));
    }
    const std::int64_t at =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    int written = 0;
    for (const auto& m : how.compose(entries))
        written += insert_outbox_message(db, m, at);
    db.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET "
               "value = excluded.value")
        .bind(1, std::string(last_digest_key))
        .bind(2, core::format_iso_date(how.day))
        .run();
    tx.commit();
    return written;
}

} // namespace reviewd::store
