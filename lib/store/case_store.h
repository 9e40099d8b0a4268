// The case store: the only gateway to reviewd's SQLite database for the daemon and commands.
//
// Every write is one transaction that also recomputes the child's deadlines (diffed by stable key
// against what was stored) and appends an audit row; a write that changes nothing writes nothing.
// One writer connection, serialised by a mutex; readers take pooled connections, and WAL lets
// them read while a write is in progress. Thread-safe.
#pragma once

#include "calendar/calendar_set.h"
#include "core/clock.h"
#include "core/result.h"
#include "rules/loaded_rules.h"
#include "rules/rule_book.h"
#include "schedule/reminder_policy.h"
#include "store/dashboard_records.h"
#include "store/escalation_records.h"
#include "store/feed_records.h"
#include "store/records.h"
#include "store/sqlite.h"

#include <chrono>
#include <date/tz.h>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace reviewd::store {

// What deadlines are computed with; the daemon swaps it on SIGHUP. With a reminder policy and a
// time zone, writes also keep the deadlines' reminder timers.
struct rule_context {
    const rules::rule_book& book;
    const calendar::calendar_set& calendars;
    const schedule::reminder_policy* reminders = nullptr;
    const date::time_zone* zone = nullptr;
    // For imports of history: a new timer that fell before this is kept as skipped ("history
    // before the import"), not sent late. Without it every past reminder goes once, late.
    std::optional<core::instant> history_before = std::nullopt;
};

// An owning snapshot of everything writes compute with; the daemon swaps it whole on reload.
struct rules_snapshot {
    rules::loaded_rules loaded;
    std::optional<schedule::reminder_policy> reminders;
    const date::time_zone* zone = nullptr;
    escalation_setup escalations; // the [escalation] ladder and its settings

    rule_context view() const {
        return {loaded.book, loaded.calendars, reminders ? &*reminders : nullptr, zone};
    }
    // What escalations compute with; nullopt without a time zone or the ladder's holidays.
    std::optional<escalation_context> escalation_view() const;
};

// How fire_due_timers treats timers: the policy's late rules, and the composer that turns a batch
// of due timers into outbox messages (pure; called inside the firing transaction).
struct firing {
    core::day today; // the council's civil date at `now`: open vs missed
    std::chrono::seconds late_after{15 * 60};
    std::optional<std::chrono::seconds> skip_older_than; // late timers older than this are dropped
    std::function<std::vector<outbox_message>(const std::vector<due_timer>&)> compose;
    // Audiences that take the daily digest instead: their timers are skipped, not sent.
    std::vector<std::string> digest_audiences;
};

// How fire_digest writes one day's digest: the day, how far ahead to look for open deadlines
// (a calendar-day bound; the composer applies the exact working-day horizon), and the composer
// (pure; called inside the transaction).
struct digest_firing {
    core::day day;
    core::day scan_until;
    bool late = false;
    std::function<std::vector<outbox_message>(const std::vector<digest_entry>&)> compose;
};

struct firing_result {
    int fired = 0;                              // timers that produced (part of) a message
    int skipped = 0;                            // too old, or nobody to tell
    int messages = 0;                           // outbox rows written
    int late = 0;                               // of the fired, how many were late
    std::map<std::string, int> skipped_because; // reason -> count, for the log
};

class case_store {
public:
    // Opens an existing, migrated database (see schema.h); throws sqlite_error otherwise.
    explicit case_store(const std::filesystem::path& file);
    ~case_store();

    // --- cases -----------------------------------------------------------------------------
    // Creates or replaces a whole case. Errors: invalid facts (field named), archived case.
    core::result<write_outcome> put_case(const rules::case_facts& facts, const rule_context& rules,
                                         const actor& who, const std::string& now);
    // Read-modify-write of one case in one transaction (add a review, end a period, ...). `edit`
    // returns an error to refuse; `action` names the change in the audit ("review.add").
    using case_edit = std::function<std::optional<core::error>(rules::case_facts&)>;
    core::result<write_outcome> edit_case(const std::string& ref, const std::string& action,
                                          const case_edit& edit, const rule_context& rules,
                                          const actor& who, const std::string& now);
    // Closes a case: kept for the record, gone from lists and deadlines. Error: not found.
    core::result<write_outcome> archive_case(const std::string& ref, const actor& who,
                                             const std::string& now);

    std::optional<stored_case> get_case(const std::string& ref);
    // The child's deadlines with "missed" derived for `today`; nullopt when there is no such child.
    std::optional<std::vector<stored_deadline>> case_deadlines(const std::string& ref,
                                                               core::day today);
    deadline_page list_deadlines(const deadline_filter& filter, core::day today);

    // --- people and assignments ---------------------------------------------------------------
    core::result<write_outcome> put_person(const person& p, const actor& who,
                                           const std::string& now);
    std::optional<person> get_person(const std::string& ref);
    std::vector<person> list_people();
    core::result<write_outcome> put_assignments(const std::string& child_ref, const assignments& a,
                                                const actor& who, const std::string& now);
    std::optional<assignments> get_assignments(const std::string& child_ref);

    // --- tokens -------------------------------------------------------------------------------
    // Returns the token text, which is not stored (only its hash) and cannot be shown again.
    core::result<std::string> create_token(const token_record& t, const actor& who,
                                           const std::string& now);
    core::result<write_outcome> revoke_token(const std::string& name, const actor& who,
                                             const std::string& now);
    std::optional<token_record> authenticate(const std::string& token_text);
    std::vector<std::pair<token_record, std::optional<std::string>>>
    list_tokens(); // with revoked_at

    // --- calendar feeds (feed_store.cc) -------------------------------------------------------
    // A new secret for the IRO's calendar feed (`person_ref` must be an iro), returned once: only
    // its SHA-256 is stored. Audited as feed.create. An IRO may have several (one per device).
    core::result<created_feed> create_feed(const std::string& person_ref, const std::string& label,
                                           const actor& who, const std::string& now);
    // Revokes one feed (1), or nothing when it was revoked already (0); audited. At once: the next
    // request with its secret is refused.
    core::result<int> revoke_feed(std::int64_t id, const actor& who, const std::string& now);
    // Revokes every live feed of the IRO; returns how many.
    core::result<int> revoke_feeds_of(const std::string& person_ref, const actor& who,
                                      const std::string& now);
    std::vector<feed_record> list_feeds(); // never the secrets
    // Whether `secret` opens the feed of IRO `person_ref`: a live feed of that IRO (an active
    // person with role iro) has its hash. Compared in constant time; false for anything else,
    // alike whether the IRO exists or not.
    bool feed_allows(const std::string& person_ref, const std::string& secret);
    // What the IRO's feed shows: the deadlines of the open cases assigned to them now (open ones
    // whatever their date, others due on or after `since`) and the deadlines withdrawn from those
    // cases due on or after `since`; by practical due date, child and key.
    std::vector<calendar_entry> calendar_entries(const std::string& person_ref, core::day since);

    // --- recompute ----------------------------------------------------------------------------
    // Recomputes every open case's deadlines and timers under `rules`, in short transactions (after
    // the rules, holidays or reminder policy changed). Unchanged cases write nothing; changed ones
    // are audited as "child.recompute". Returns {cases changed, cases seen}.
    std::pair<int, int> recompute_all(const rule_context& rules, const actor& who,
                                      const std::string& now);
    std::optional<std::string> meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

    // --- timers -------------------------------------------------------------------------------
    std::optional<core::instant> next_timer_at();
    // In one transaction: every pending timer due at `now` becomes fired (or skipped) and its
    // messages are written to the outbox. A timer whose deadline is no longer open fires nothing.
    firing_result fire_due_timers(core::instant now, const firing& how);

    // --- daily digest (digest_store.cc) --------------------------------------------------------
    // The last day whose digest was written, if any.
    std::optional<core::day> last_digest_day();
    // In one transaction: unless the digest of `how.day` (or a later one) was already written,
    // collects the open deadlines of open cases due by `how.scan_until`, with the addresses of the
    // people they concern, writes the composed messages to the outbox and records the day.
    // Returns the number of messages written, or nullopt when that day's digest was already sent.
    std::optional<int> fire_digest(core::instant now, const digest_firing& how);

    // --- outbox -------------------------------------------------------------------------------
    // Claims the next message ready at `now` for one delivery attempt, leased until now + lease.
    std::optional<outbox_row>
    claim_outbox(core::instant now, std::chrono::seconds lease,
                 const std::function<bool(const outbox_row&)>& can_send = {});
    // Claims up to `max` ready messages in one transaction (one fsync for the batch).
    std::vector<outbox_row>
    claim_outbox_batch(core::instant now, std::chrono::seconds lease, int max,
                       const std::function<bool(const outbox_row&)>& can_send = {});
    // What came of one claimed message; recorded for a whole batch in one transaction.
    struct delivery_outcome {
        std::int64_t id = 0;
        enum class kind { sent, retry, dead } result = kind::sent;
        core::instant at; // sent or dead: when; retry: the next attempt
        std::string error;
        std::optional<outbox_message> alert; // dead: written in the same transaction
    };
    void record_outcomes(const std::vector<delivery_outcome>& outcomes);
    void record_sent(std::int64_t id, core::instant now);
    void record_retry(std::int64_t id, core::instant next_attempt, const std::string& error);
    // Marks the message dead; `alert` (if any) is written to the outbox in the same transaction.
    void record_dead(std::int64_t id, core::instant now, const std::string& error,
                     const std::optional<outbox_message>& alert);
    // Messages left "sending" by a stopped or killed daemon go back to pending (at-least-once).
    int release_expired_leases(core::instant now);
    std::optional<core::instant> next_outbox_at();
    std::vector<outbox_row> list_outbox(const std::optional<std::string>& state, int limit);
    core::result<write_outcome> retry_outbox(std::int64_t id, core::instant now, const actor& who);
    core::result<write_outcome> discard_outbox(std::int64_t id, core::instant now,
                                               const actor& who);

    // --- escalations (escalation_store.cc, escalation_timer_store.cc) ------------------------
    // Each write is one transaction: the event is checked with escalation::apply against the
    // replayed history and appended, the escalation's alert timers re-synced by key, the list
    // cache rewritten and an audit row (ids only) appended. Refused: nothing is written.
    core::result<escalation_outcome> raise_escalation(const new_escalation& x,
                                                      const escalation_context& ctx,
                                                      const actor& who, core::instant now);
    core::result<escalation_outcome> record_escalation(const std::string& id,
                                                       const escalation_action& action,
                                                       const escalation_context& ctx,
                                                       const actor& who, core::instant now);
    // The IRO's checklist, changed without an event (events entering a formal stage snapshot it).
    core::result<escalation_outcome> set_escalation_checklist(const std::string& id,
                                                              const escalation::checklist& checks,
                                                              const escalation_context& ctx,
                                                              const actor& who, core::instant now);
    std::optional<stored_escalation> get_escalation(const std::string& id);
    escalation_page list_escalations(const escalation_filter& filter, core::day today);
    // Re-syncs every unfinished escalation's timers and cache under `ctx` (after a start or a
    // reload changed the ladder or the holidays).
    escalation_resync resync_escalations(const escalation_context& ctx, core::instant now);
    std::optional<core::instant> next_escalation_timer_at();
    // In one transaction: due escalation timers fire into the outbox (or are skipped), and due
    // automatic advances are applied as events by "reviewd" in role "system", audited.
    escalation_firing_result fire_due_escalation_timers(core::instant now,
                                                        const escalation_context& ctx,
                                                        const escalation_firing& how);

    // --- the IRO manager's dashboard (dashboard_queries.cc) -------------------------------------
    // Everything the dashboard shows, read in one snapshot: references and counts only.
    dashboard_figures dashboard(const dashboard_query& q);
    // The token of that name unless revoked: a dashboard session re-checks it on every use, so a
    // revocation ends the sessions opened with the token at once.
    std::optional<token_record> live_token(const std::string& name);
    // One audit row in its own transaction, for events that change no case data (sign-in).
    void audit(const actor& who, std::string_view action, const std::string& subject,
               const std::string& detail, const std::string& now);

    // --- figures ------------------------------------------------------------------------------
    std::vector<std::pair<std::string, std::int64_t>> deadline_counts_by_status(core::day today);
    std::int64_t database_bytes();
    // A ceiling on the database's size ([store] max_size_mb): a write that would grow it past
    // `max_bytes` fails as on a full disk (SQLITE_FULL, which the API answers 503) while reads go
    // on. 0 lifts it. SQLite will not set it below the current size; returns the ceiling set.
    std::int64_t limit_size(std::int64_t max_bytes);

private:
    class reader_lease;
    reader_lease read();

    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace reviewd::store
