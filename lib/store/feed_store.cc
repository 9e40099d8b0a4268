// Calendar feeds: per-IRO secrets (created, revoked, listed; stored only as SHA-256 hashes) and
// the deadlines an IRO's feed shows, including withdrawn ones (schema v4 keeps those in
// withdrawn_deadlines by trigger). See case_store.h.
#include "store/store_impl.h"

#include "store/secrets.h"

namespace reviewd::store {
namespace {

// A hash no secret has, compared when an IRO has no live feed, so that the work done for a
// request does not depend on whether the IRO or any feed exists.
const std::string no_feed_hash(64, '-');

} // namespace

core::result<created_feed> case_store::create_feed(const std::string& person_ref,
                                                   const std::string& label, const actor& who,
                                                   const std::string& now) {
    if (label.empty() || label.size() > 64)
        return core::make_error("invalid_value", "a feed label is 1 to 64 characters", "label");
    const std::string secret = random_secret(feed_secret_prefix);
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    auto person = db.prepare("SELECT id, role FROM people WHERE ref = ?1");
    person.bind(1, person_ref);
    if (!person.step())
        return not_found("person", person_ref, "person");
    if (person.text(1) != "iro")
        return core::make_error("invalid_value",
                                "\"" + person_ref + "\" is a " + person.text(1) +
                                    ", not an iro: feeds are per IRO",
                                "person");
    db.prepare("INSERT INTO calendar_feeds (person_id, label, hash, created_at) VALUES (?1, ?2, "
               "?3, ?4)")
        .bind(1, person.integer(0))
        .bind(2, label)
        .bind(3, sha256_hex(secret))
        .bind(4, now)
        .run();
    const std::int64_t id = db.last_insert_rowid();
    append_audit(db, now, who, "feed.create", "feed " + std::to_string(id),
                 "person=" + person_ref + " label=" + label);
    tx.commit();
    return created_feed{id, secret};
}

core::result<int> case_store::revoke_feed(std::int64_t id, const actor& who,
                                          const std::string& now) {
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    auto exists = db.prepare("SELECT revoked_at IS NULL FROM calendar_feeds WHERE id = ?1");
    exists.bind(1, id);
    if (!exists.step())
        return not_found("feed", std::to_string(id), "id");
    if (exists.integer(0) == 0)
        return 0;
    db.prepare("UPDATE calendar_feeds SET revoked_at = ?1 WHERE id = ?2")
        .bind(1, now)
        .bind(2, id)
        .run();
    append_audit(db, now, who, "feed.revoke", "feed " + std::to_string(id), "");
    tx.commit();
    return 1;
}

core::result<int> case_store::revoke_feeds_of(const std::string& person_ref, const actor& who,
                                              const std::string& now) {
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    const auto person = person_id(db, person_ref);
    if (!person)
        return not_found("person", person_ref, "person");
    db.prepare("UPDATE calendar_feeds SET revoked_at = ?1 WHERE person_id = ?2 AND revoked_at IS "
               "NULL")
        .bind(1, now)
        .bind(2, *person)
        .run();
    const int revoked = db.changes();
    if (revoked > 0) {
        append_audit(db, now, who, "feed.revoke", "person " + person_ref,
                     "feeds=" + std::to_string(revoked));
        tx.commit();
    }
    return revoked;
}

std::vector<feed_record> case_store::list_feeds() {
    auto lease = read();
    auto st = lease->prepare("SELECT f.id, p.ref, f.label, f.created_at, f.revoked_at FROM "
                             "calendar_feeds f JOIN people p ON p.id = f.person_id ORDER BY f.id");
    std::vector<feed_record> out;
    while (st.step())
        out.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.optional_text(4)});
    return out;
}

bool case_store::feed_allows(const std::string& person_ref, const std::string& secret) {
    // The secret's hash is compared with each live feed hash of this IRO in constant time, and
    // with a dummy when there is none, so neither the comparison nor its absence says anything
    // about the stored hashes or whether the IRO exists. A secret of the wrong shape is refused
    // first: its shape is public.
    if (!has_secret_shape(secret, feed_secret_prefix))
        return false;
    const std::string presented = sha256_hex(secret);
    auto lease = read();
    auto st_handle = lease->prepare_cached(
        "SELECT f.hash FROM calendar_feeds f JOIN people p ON p.id = f.person_id WHERE p.ref = ?1 "
        "AND p.role = 'iro' AND p.active = 1 AND f.revoked_at IS NULL");
    statement& st = *st_handle;
    st.bind(1, person_ref);
    bool allowed = false;
    bool compared = false;
    while (st.step()) {
        allowed = equal_in_constant_time(st.text(0), presented) || allowed;
        compared = true;
    }
    if (!compared)
        (void)equal_in_constant_time(no_feed_hash, presented);
    return allowed;
}

std::vector<calendar_entry> case_store::calendar_entries(const std::string& person_ref,
                                                         core::day since) {
    // The IRO's children now (open cases assigned to them): every open deadline, whatever its
    // date (a missed one stays on the calendar until it is met), others due since `since`, and
    // deadlines withdrawn from those cases that were due since `since`.
    static const std::string sql =
        "WITH mine AS (SELECT c.id, c.ref FROM children c JOIN assignments a ON a.child_id = c.id "
        "AND a.relation = 'iro' JOIN people p ON p.id = a.person_id WHERE p.ref = ?1 AND "
        "c.archived_at IS NULL) "
        "SELECT m.ref, 0 AS withdrawn, " +
        std::string(deadline_columns) +
        ", d.key FROM deadlines d JOIN mine m ON m.id = d.child_id WHERE d.state = 'open' OR "
        "d.due >= ?2 "
        "UNION ALL SELECT m.ref, 1, 0, d.revision, d.kind, d.period, d.placement, d.sequence, "
        "d.clock_start, d.due, d.practical_due, d.state, d.met_on, d.provisional, d.rule_set, "
        "d.certainty, d.basis, d.key FROM withdrawn_deadlines d JOIN mine m ON m.id = d.child_id "
        "WHERE d.due >= ?2 "
        "ORDER BY 11, 1, 18"; // practical_due, child, key (1-based result columns)
    auto lease = read();
    auto st_handle = lease->prepare_cached(sql);
    statement& st = *st_handle;
    st.bind(1, person_ref).bind(2, core::format_iso_date(since));
    std::vector<calendar_entry> out;
    while (st.step())
        out.push_back({st.text(0), read_deadline_row(st, 2), st.integer(1) != 0});
    return out;
}

} // namespace reviewd::store
