// The transactional outbox: claiming messages for delivery and recording what came of them;
// see case_store.h.
#include "store/store_impl.h"

#include <date/date.h>

#include <algorithm>

namespace reviewd::store {
namespace {

std::int64_t unix_seconds(core::instant t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

constexpr std::string_view outbox_columns =
    "id, event_id, channel, recipient, event_type, subject, text_body, html_body, json_body, late, "
    "state, attempts, "
    "created_at, first_attempt_at, next_attempt_at, sent_at, last_error, calendar_body";

outbox_row read_outbox_row(const statement& st) {
    outbox_row r;
    r.id = st.integer(0);
    r.message = {st.text(1), st.text(2), st.text(3), st.text(4),         st.text(5),
                 st.text(6), st.text(7), st.text(8), st.integer(9) != 0, st.text(17)};
    r.state = st.text(10);
    r.attempts = static_cast<int>(st.integer(11));
    r.created_at = st.integer(12);
    if (!st.is_null(13))
        r.first_attempt_at = st.integer(13);
    r.next_attempt_at = st.integer(14);
    if (!st.is_null(15))
        r.sent_at = st.integer(15);
    r.last_error = st.optional_text(16);
    return r;
}

} // namespace

int insert_outbox_message(connection& db, const outbox_message& m, std::int64_t at) {
    db.prepare("INSERT OR IGNORE INTO outbox (event_id, channel, recipient, event_type, subject, "
               "text_body, html_body, "
               "json_body, late, created_at, next_attempt_at, calendar_body) VALUES (?1, ?2, ?3, "
               "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)")
        .bind(1, m.event_id)
        .bind(2, m.channel)
        .bind(3, m.recipient)
        .bind(4, m.event_type)
        .bind(5, m.subject)
        .bind(6, m.text_body)
        .bind(7, m.html_body)
        .bind(8, m.json_body)
        .bind(9, m.late ? 1 : 0)
        .bind(10, at)
        .bind(11, m.calendar_body)
        .run();
    return db.changes();
}

std::vector<outbox_row>
case_store::claim_outbox_batch(core::instant now, std::chrono::seconds lease, int max,
                               const std::function<bool(const outbox_row&)>& can_send) {
    const std::int64_t at = unix_seconds(now);
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    // Cached: the delivery workers claim and record many times a second.
    auto st_handle = db.prepare_cached(
        "SELECT " + std::string(outbox_columns) +
        " FROM outbox INDEXED BY outbox_ready WHERE state = 'pending' AND next_attempt_at <= ?1 "
        "ORDER BY next_attempt_at, id "
        "LIMIT ?2");
    statement& st = *st_handle;
    st.bind(1, at).bind(2, max + 16);
    std::vector<outbox_row> chosen;
    while (st.step() && static_cast<int>(chosen.size()) < max) {
        outbox_row row = read_outbox_row(st);
        if (can_send && !can_send(row))
            continue; // e.g. its channel is at its rate limit: leave it for later
        chosen.push_back(std::move(row));
    }
    st.reset();
    if (chosen.empty())
        return chosen;
    auto lease_it = db.prepare_cached(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, lease_until = ?1, "
        "first_attempt_at = coalesce(first_attempt_at, ?2) WHERE id = ?3");
    for (auto& row : chosen) {
        lease_it->bind(1, at + lease.count()).bind(2, at).bind(3, row.id).run();
        lease_it->reset();
        row.state = "sending";
        row.attempts += 1;
        if (!row.first_attempt_at)
            row.first_attempt_at = at;
    }
    tx.commit();
    return chosen;
}

std::optional<outbox_row>
case_store::claim_outbox(core::instant now, std::chrono::seconds lease,
                         const std::function<bool(const outbox_row&)>& can_send) {
    auto batch = claim_outbox_batch(now, lease, 1, can_send);
    if (batch.empty())
        return std::nullopt;
    return std::move(batch.front());
}

void case_store::record_outcomes(const std::vector<delivery_outcome>& outcomes) {
    if (outcomes.empty())
        return;
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    auto sent = db.prepare_cached(
        "UPDATE outbox SET state = 'sent', sent_at = ?1, lease_until = NULL, last_error = NULL "
        "WHERE id = ?2");
    auto retry = db.prepare_cached(
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?1, lease_until = NULL, "
        "last_error = ?2 WHERE id = ?3 AND state = 'sending'");
    auto dead = db.prepare_cached(
        "UPDATE outbox SET state = 'dead', lease_until = NULL, last_error = ?1 WHERE id = ?2");
    for (const auto& o : outcomes) {
        const std::int64_t at = unix_seconds(o.at);
        switch (o.result) {
        case delivery_outcome::kind::sent:
            sent->bind(1, at).bind(2, o.id).run();
            sent->reset();
            break;
        case delivery_outcome::kind::retry:
            retry->bind(1, at).bind(2, o.error).bind(3, o.id).run();
            retry->reset();
            break;
        case delivery_outcome::kind::dead:
            dead->bind(1, o.error).bind(2, o.id).run();
            dead->reset();
            if (o.alert)
                insert_outbox_message(db, *o.alert, at);
            break;
        }
    }
    tx.commit();
}

void case_store::record_sent(std::int64_t id, core::instant now) {
    record_outcomes({{id, delivery_outcome::kind::sent, now, {}, std::nullopt}});
}

void case_store::record_retry(std::int64_t id, core::instant next_attempt,
                              const std::string& error) {
    record_outcomes({{id, delivery_outcome::kind::retry, next_attempt, error, std::nullopt}});
}

void case_store::record_dead(std::int64_t id, core::instant now, const std::string& error,
                             const std::optional<outbox_message>& alert) {
    record_outcomes({{id, delivery_outcome::kind::dead, now, error, alert}});
}

int case_store::release_expired_leases(core::instant now) {
    std::lock_guard lock(impl_->write_mutex);
    auto st = impl_->writer.prepare("UPDATE outbox SET state = 'pending', lease_until = NULL "
                                    "WHERE state = 'sending' AND lease_until < ?1");
    st.bind(1, unix_seconds(now)).run();
    return impl_->writer.changes();
}

std::optional<core::instant> case_store::next_outbox_at() {
    auto lease = read();
    auto st = lease->prepare("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'");
    st.step();
    if (st.is_null(0))
        return std::nullopt;
    return core::instant{std::chrono::seconds(st.integer(0))};
}

std::vector<outbox_row> case_store::list_outbox(const std::optional<std::string>& state,
                                                int limit) {
    auto lease = read();
    auto st = lease->prepare("SELECT " + std::string(outbox_columns) + " FROM outbox" +
                             (state ? " WHERE state = ?1" : "") + " ORDER BY id DESC LIMIT ?2");
    if (state)
        st.bind(1, *state);
    st.bind(2, limit);
    std::vector<outbox_row> out;
    while (st.step())
        out.push_back(read_outbox_row(st));
    return out;
}

namespace {

core::result<write_outcome> change_state(connection& db, std::int64_t id, const char* allowed_from,
                                         const char* sql, std::int64_t at, const actor& who,
                                         const std::string& action) {
    auto check = db.prepare("SELECT state FROM outbox WHERE id = ?1");
    check.bind(1, id);
    if (!check.step())
        return core::make_error("not_found", "no outbox message " + std::to_string(id), "id");
    const std::string state = check.text(0);
    if (std::string_view(allowed_from).find(state) == std::string_view::npos)
        return core::make_error("conflict", "message " + std::to_string(id) + " is " + state, "id");
    db.prepare(sql).bind(1, at).bind(2, id).run();
    const std::string now =
        date::format("%FT%TZ", std::chrono::sys_seconds{std::chrono::seconds(at)});
    append_audit(db, now, who, action, "outbox " + std::to_string(id), "was " + state);
    return write_outcome{false, true, 0, {}};
}

} // namespace

core::result<write_outcome> case_store::retry_outbox(std::int64_t id, core::instant now,
                                                     const actor& who) {
    std::lock_guard lock(impl_->write_mutex);
    transaction tx(impl_->writer);
    auto r = change_state(
        impl_->writer, id, "dead,discarded",
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?1, first_attempt_at = NULL, "
        "last_error = NULL WHERE id = ?2",
        unix_seconds(now), who, "outbox.retry");
    if (r)
        tx.commit();
    return r;
}

core::result<write_outcome> case_store::discard_outbox(std::int64_t id, core::instant now,
                                                       const actor& who) {
    std::lock_guard lock(impl_->write_mutex);
    transaction tx(impl_->writer);
    auto r = change_state(impl_->writer, id, "pending,dead",
                          "UPDATE outbox SET state = 'discarded', lease_until = NULL, "
                          "next_attempt_at = ?1 WHERE id = ?2",
                          unix_seconds(now), who, "outbox.discard");
    if (r)
        tx.commit();
    return r;
}

} // namespace reviewd::store
