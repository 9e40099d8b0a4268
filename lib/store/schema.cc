// The migrations themselves; see schema.h. Never edit a migration that has shipped: add one.
#include "store/schema.h"

#include <string>

namespace reviewd::store {
namespace {

constexpr std::string_view v1_sql = R"sql(
-- Staff: IROs, IRO managers, social workers, team managers and the ladder above them.
CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('iro', 'iro_manager', 'social_worker', 'team_manager',
                    'service_manager', 'head_of_service', 'director', 'chief_executive')),
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    manager_id  INTEGER REFERENCES people(id),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Children: the council's reference, optional initials, date of birth, and the case facts as
-- canonical JSON (periods, placements, reviews, visits: dates only). Never a name.
CREATE TABLE children (
    id            INTEGER PRIMARY KEY,
    ref           TEXT NOT NULL UNIQUE,
    initials      TEXT,
    date_of_birth TEXT NOT NULL,
    jurisdiction  TEXT NOT NULL,
    facts         TEXT NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 1,
    archived_at   TEXT,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE assignments (
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    relation   TEXT NOT NULL CHECK (relation IN ('iro', 'social_worker', 'team_manager')),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (child_id, relation)
) STRICT;
CREATE INDEX assignments_by_person ON assignments (person_id, relation);

-- Deadlines as last computed. `state` is independent of today: "missed" is derived when read
-- (open and due before today). `revision` rises each time a deadline's content changes.
CREATE TABLE deadlines (
    id            INTEGER PRIMARY KEY,
    child_id      INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    period        INTEGER NOT NULL,
    placement     INTEGER NOT NULL,
    sequence      INTEGER NOT NULL,
    clock_start   TEXT NOT NULL,
    due           TEXT NOT NULL,
    practical_due TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('open', 'met', 'met_late', 'cancelled')),
    met_on        TEXT,
    provisional   INTEGER NOT NULL CHECK (provisional IN (0, 1)),
    rule_set      TEXT NOT NULL,
    certainty     TEXT NOT NULL,
    basis         TEXT NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (child_id, key)
) STRICT;
CREATE INDEX deadlines_by_due ON deadlines (due, id);
CREATE INDEX deadlines_by_state_due ON deadlines (state, due, id);

-- API tokens: only a SHA-256 hash is kept; the token itself is shown once, at creation.
CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'iro', 'integration')),
    person_id   INTEGER REFERENCES people(id),
    hash        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
) STRICT;

-- Every change: who (token name), when, what (ids and counts only, no personal details).
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT NOT NULL
) STRICT;
)sql";

constexpr std::string_view v2_sql = R"sql(
-- Reminder timers: computed from open deadlines and the reminder policy, keyed so a recompute
-- keeps them ("<due>/<tag>/<audience>"). Fired and skipped ones stay as history.
CREATE TABLE timers (
    id           INTEGER PRIMARY KEY,
    deadline_id  INTEGER NOT NULL REFERENCES deadlines(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    tag          TEXT NOT NULL,
    audience     TEXT NOT NULL,
    fire_at      INTEGER NOT NULL,           -- unix seconds, UTC
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'skipped')),
    fired_at     INTEGER,
    late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    note         TEXT,
    UNIQUE (deadline_id, key)
) STRICT;
CREATE INDEX timers_pending_by_time ON timers (fire_at) WHERE state = 'pending';

-- The transactional outbox: messages written in the same transaction that fired their timers,
-- sent by delivery workers at least once. event_id travels as the webhook-id and inside the
-- email Message-ID so receivers can drop duplicates.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    event_id         TEXT NOT NULL UNIQUE,
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient        TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    text_body        TEXT NOT NULL,
    html_body        TEXT NOT NULL,
    json_body        TEXT NOT NULL,
    late             INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    state            TEXT NOT NULL DEFAULT 'pending'
                         CHECK (state IN ('pending', 'sending', 'sent', 'dead', 'discarded')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    first_attempt_at INTEGER,
    next_attempt_at  INTEGER NOT NULL,
    lease_until      INTEGER,
    sent_at          INTEGER,
    last_error       TEXT
) STRICT;
CREATE INDEX outbox_ready ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_by_state ON outbox (state, id);

-- Small facts about the database itself, e.g. the fingerprint of the rules its deadlines and
-- timers were last computed with.
CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
)sql";

constexpr std::string_view v3_sql = R"sql(
-- Escalations (the dispute ladder, lib/escalation): one row per dispute an IRO raises. The state
-- is the event history replayed; status, stage and stale_from are a cache of it for list filters,
-- rewritten in the same transaction as every event. The description is short and sensitive: it
-- is kept for the record and the Cafcass referral pack, never put in a notification or log.
CREATE TABLE escalations (
    id                             INTEGER PRIMARY KEY,           -- shown as "ESC-<id>"
    child_id                       INTEGER NOT NULL REFERENCES children(id),
    raised_by                      TEXT NOT NULL,                 -- the IRO's person ref
    category                       TEXT NOT NULL,
    description                    TEXT NOT NULL,
    complaints_procedure_explained INTEGER NOT NULL DEFAULT 0 CHECK (complaints_procedure_explained IN (0, 1)),
    advocate_offered               INTEGER NOT NULL DEFAULT 0 CHECK (advocate_offered IN (0, 1)),
    wishes_and_feelings_recorded   INTEGER NOT NULL DEFAULT 0 CHECK (wishes_and_feelings_recorded IN (0, 1)),
    status                         TEXT NOT NULL CHECK (status IN ('open', 'awaiting_endorsement',
                                       'with_cafcass', 'resolved', 'withdrawn')),
    stage                          TEXT NOT NULL,                 -- open at; or the stage reached
    stale_from                     TEXT,                          -- first day a stage or endorsement is stale
    raised_on                      TEXT NOT NULL,
    updated_at                     TEXT NOT NULL
) STRICT;
CREATE INDEX escalations_by_status ON escalations (status, id);
CREATE INDEX escalations_by_child ON escalations (child_id, id);

-- Every event of an escalation, in order; append-only (the triggers refuse changes). `asked` is
-- the person the event put the question to (the owner of the stage entered, or the IRO manager
-- asked to endorse), resolved when it was recorded, for the referral pack's "who was asked".
CREATE TABLE escalation_events (
    id                  INTEGER PRIMARY KEY,
    escalation_id       INTEGER NOT NULL REFERENCES escalations(id),
    seq                 INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    at                  INTEGER NOT NULL,                 -- unix seconds, UTC
    local_day           TEXT NOT NULL,                    -- the council's date of `at`
    actor               TEXT NOT NULL,                    -- person ref; "reviewd" when automatic
    role                TEXT NOT NULL,
    stage               TEXT NOT NULL,
    note                TEXT NOT NULL,
    proceed             INTEGER NOT NULL DEFAULT 0 CHECK (proceed IN (0, 1)),
    checklist_on_entry  TEXT,                             -- "101": the three checklist items
    awaits_endorsement  INTEGER NOT NULL DEFAULT 0 CHECK (awaits_endorsement IN (0, 1)),
    asked               TEXT,
    UNIQUE (escalation_id, seq)
) STRICT;
CREATE TRIGGER escalation_events_no_update BEFORE UPDATE ON escalation_events
BEGIN SELECT RAISE(ABORT, 'escalation_events is append-only'); END;
CREATE TRIGGER escalation_events_no_delete BEFORE DELETE ON escalation_events
BEGIN SELECT RAISE(ABORT, 'escalation_events is append-only'); END;

-- Escalation alert timers (escalation::timers_for), kept like the reminder timers: keyed so a
-- re-sync keeps what is unchanged; fired and skipped ones stay as history and are never re-armed.
CREATE TABLE escalation_timers (
    id             INTEGER PRIMARY KEY,
    escalation_id  INTEGER NOT NULL REFERENCES escalations(id),
    key            TEXT NOT NULL,
    kind           TEXT NOT NULL,
    audience       TEXT,                                   -- NULL for auto_advance
    stage          TEXT NOT NULL,
    chase          INTEGER NOT NULL DEFAULT 0,
    local_day      TEXT NOT NULL,
    fire_at        INTEGER NOT NULL,                       -- unix seconds, UTC
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'skipped')),
    fired_at       INTEGER,
    late           INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    note           TEXT,
    UNIQUE (escalation_id, key)
) STRICT;
CREATE INDEX escalation_timers_pending_by_time ON escalation_timers (fire_at) WHERE state = 'pending';
)sql";

constexpr std::string_view v4_sql = R"sql(
-- Calendar feeds (GET /v1/iros/{ref}/calendar.ics?token=...): one secret per feed, kept only as a
-- SHA-256 hash like API tokens, opening only its IRO's own feed. Revoked feeds stay for the record.
CREATE TABLE calendar_feeds (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    label       TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
) STRICT;
CREATE INDEX calendar_feeds_live_by_person ON calendar_feeds (person_id) WHERE revoked_at IS NULL;

-- Deadlines that left their case (a review request taken back, a period of care removed, a rule
-- change), with their last content, so that feeds can publish them as STATUS:CANCELLED.
-- `revision` is one above the deadline's last: the cancellation is a change, and calendar clients
-- take it only when SEQUENCE rises. When a deadline with the same key comes back, its revision
-- carries on from here (so SEQUENCE never falls) and the row goes. Kept by the triggers below,
-- so every path that deletes deadlines is covered; not when the child itself is deleted.
CREATE TABLE withdrawn_deadlines (
    child_id      INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    period        INTEGER NOT NULL,
    placement     INTEGER NOT NULL,
    sequence      INTEGER NOT NULL,
    clock_start   TEXT NOT NULL,
    due           TEXT NOT NULL,
    practical_due TEXT NOT NULL,
    state         TEXT NOT NULL,
    met_on        TEXT,
    provisional   INTEGER NOT NULL,
    rule_set      TEXT NOT NULL,
    certainty     TEXT NOT NULL,
    basis         TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    PRIMARY KEY (child_id, key)
) STRICT;

CREATE TRIGGER deadlines_withdrawn AFTER DELETE ON deadlines
WHEN EXISTS (SELECT 1 FROM children WHERE id = OLD.child_id)
BEGIN
    INSERT OR REPLACE INTO withdrawn_deadlines (child_id, key, kind, period, placement, sequence,
        clock_start, due, practical_due, state, met_on, provisional, rule_set, certainty, basis,
        revision)
    VALUES (OLD.child_id, OLD.key, OLD.kind, OLD.period, OLD.placement, OLD.sequence,
        OLD.clock_start, OLD.due, OLD.practical_due, OLD.state, OLD.met_on, OLD.provisional,
        OLD.rule_set, OLD.certainty, OLD.basis, OLD.revision + 1);
END;

CREATE TRIGGER deadlines_returned AFTER INSERT ON deadlines
WHEN EXISTS (SELECT 1 FROM withdrawn_deadlines w WHERE w.child_id = NEW.child_id AND w.key = NEW.key)
BEGIN
    UPDATE deadlines SET revision = (SELECT w.revision + 1 FROM withdrawn_deadlines w
        WHERE w.child_id = NEW.child_id AND w.key = NEW.key) WHERE id = NEW.id;
    DELETE FROM withdrawn_deadlines WHERE child_id = NEW.child_id AND key = NEW.key;
END;
)sql";

constexpr std::string_view v5_sql = R"sql(
-- A reminder email's deadlines as a text/calendar (METHOD:PUBLISH) part, the same events as the
-- IRO's feed; empty for webhooks, other emails and messages written before it existed.
ALTER TABLE outbox ADD COLUMN calendar_body TEXT NOT NULL DEFAULT '';
)sql";

} // namespace

const std::vector<migration>& migrations() {
    static const std::vector<migration> all = {
        {1, "children, people, assignments, deadlines, tokens, audit", v1_sql},
        {2, "reminder timers, the transactional outbox, meta", v2_sql},
        {3, "escalations, their event history and alert timers", v3_sql},
        {4, "calendar feeds and withdrawn deadlines", v4_sql},
        {5, "reminder emails' calendar parts", v5_sql},
    };
    return all;
}

int latest_schema_version() {
    return migrations().back().version;
}

int schema_version(connection& db) {
    auto st = db.prepare("PRAGMA user_version");
    st.step();
    return static_cast<int>(st.integer(0));
}

int migrate(connection& db, int target) {
    if (target < 0)
        target = latest_schema_version();
    const int current = schema_version(db);
    if (current > target)
        throw newer_schema_error("the database is at schema version " + std::to_string(current) +
                                 ", newer than this reviewd understands (" +
                                 std::to_string(target) +
                                 "): use a newer reviewd or restore a backup");
    int applied = 0;
    for (const auto& m : migrations()) {
        if (m.version <= current || m.version > target)
            continue;
        transaction tx(db);
        db.exec(m.sql);
        db.exec("PRAGMA user_version = " + std::to_string(m.version));
        tx.commit();
        ++applied;
    }
    return applied;
}

} // namespace reviewd::store
