// Cases in the store: writes that recompute deadlines in the same transaction; see case_store.h.
#include "store/store_impl.h"

#include "rules/case_json.h"
#include "rules/deadlines.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace reviewd::store {
namespace {

// As of the earliest day, nothing is "missed": stored states do not depend on today.
const core::day timeless = core::day{date::days{-2'000'000}};

struct child_row {
    std::int64_t id;
    std::string facts;
    int revision;
    std::optional<std::string> archived_at;
};

std::optional<child_row> find_child(connection& db, const std::string& ref) {
    auto st_handle =
        db.prepare_cached("SELECT id, facts, revision, archived_at FROM children WHERE ref = ?1");
    statement& st = *st_handle;
    st.bind(1, ref);
    if (!st.step())
        return std::nullopt;
    return child_row{st.integer(0), st.text(1), static_cast<int>(st.integer(2)),
                     st.optional_text(3)};
}

rules::case_facts parse_stored_facts(const std::string& text, const std::string& ref) {
    auto facts = rules::case_from_json(nlohmann::json::parse(text));
    if (!facts)
        throw std::runtime_error("children: stored facts of \"" + ref +
                                 "\" no longer parse: " + core::describe(facts.err()));
    return std::move(facts).value();
}

// The shared tail of every case write, inside the caller's transaction.
core::result<write_outcome> write_case(connection& db, const rules::case_facts& facts,
                                       const std::optional<child_row>& existing,
                                       std::string_view action, const rule_context& rules,
                                       const actor& who, const std::string& now) {
    auto computed = rules::compute_deadlines(facts, rules.book, rules.calendars, timeless);
    if (!computed)
        return computed.err();
    const std::string text = rules::case_to_json(facts).dump();
    const bool facts_changed = !existing || existing->facts != text;

    std::int64_t child_id = 0;
    int revision = 1;
    if (!existing) {
        auto ins = db.prepare(
            "INSERT INTO children (ref, initials, date_of_birth, jurisdiction, facts, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        ins.bind(1, facts.child.id)
            .bind(2, facts.child.initials)
            .bind(3, core::format_iso_date(facts.child.date_of_birth))
            .bind(4, facts.jurisdiction)
            .bind(5, text)
            .bind(6, now)
            .run();
        child_id = db.last_insert_rowid();
    } else {
        child_id = existing->id;
        revision = existing->revision;
    }
    const deadline_diff diff = diff_deadlines(load_child_deadlines(db, child_id), computed.value());
    if (!facts_changed && diff.empty()) {
        // The case is as it was; its timers may still follow a changed reminder policy.
        int added = 0, removed = 0;
        sync_child_timers(db, child_id, rules, &added, &removed);
        return write_outcome{false, added + removed > 0, revision, diff.summary()};
    }
    if (existing && facts_changed) {
        revision = existing->revision + 1;
        auto upd = db.prepare(
            "UPDATE children SET initials = ?1, date_of_birth = ?2, jurisdiction = ?3, facts = ?4, "
            "revision = ?5, updated_at = ?6 WHERE id = ?7");
        upd.bind(1, facts.child.initials)
            .bind(2, core::format_iso_date(facts.child.date_of_birth))
            .bind(3, facts.jurisdiction)
            .bind(4, text)
            .bind(5, revision)
            .bind(6, now)
            .bind(7, child_id)
            .run();
    }
    apply_deadline_diff(db, child_id, diff);
    sync_child_timers(db, child_id, rules);
    const std::string_view what = !existing       ? std::string_view("child.create")
                                  : facts_changed ? action
                                                  : std::string_view("child.recompute");
    append_audit(db, now, who, what, "child " + facts.child.id,
                 "revision=" + std::to_string(revision) + " " + diff.summary());
    return write_outcome{!existing, true, revision, diff.summary()};
}

core::error archived(const std::string& ref) {
    return core::make_error("archived", "child \"" + ref + "\" is archived: its case is closed");
}

} // namespace

case_store::reader_lease::~reader_lease() {
    std::lock_guard lock(owner_.readers_mutex);
    if (owner_.idle_readers.size() < 16)
        owner_.idle_readers.push_back(std::move(conn_));
}

case_store::reader_lease case_store::read() {
    {
        std::lock_guard lock(impl_->readers_mutex);
        if (!impl_->idle_readers.empty()) {
            connection c = std::move(impl_->idle_readers.back());
            impl_->idle_readers.pop_back();
            return reader_lease(*impl_, std::move(c));
        }
    }
    return reader_lease(*impl_, connection::open(impl_->file, false));
}

case_store::case_store(const std::filesystem::path& file) : impl_(std::make_unique<impl>(file)) {}
case_store::~case_store() = default;

core::result<write_outcome> case_store::put_case(const rules::case_facts& facts,
                                                 const rule_context& rules, const actor& who,
                                                 const std::string& now) {
    std::lock_guard lock(impl_->write_mutex);
    transaction tx(impl_->writer);
    const auto existing = find_child(impl_->writer, facts.child.id);
    if (existing && existing->archived_at)
        return archived(facts.child.id);
    auto outcome = write_case(impl_->writer, facts, existing, "child.replace", rules, who, now);
    if (outcome && outcome.value().changed)
        tx.commit();
    return outcome;
}

core::result<write_outcome> case_store::edit_case(const std::string& ref, const std::string& action,
                                                  const case_edit& edit, const rule_context& rules,
                                                  const actor& who, const std::string& now) {
    std::lock_guard lock(impl_->write_mutex);
    transaction tx(impl_->writer);
    const auto existing = find_child(impl_->writer, ref);
    if (!existing)
        return not_found("child", ref);
    if (existing->archived_at)
        return archived(ref);
    rules::case_facts facts = parse_stored_facts(existing->facts, ref);
    if (auto refused = edit(facts))
        return *refused;
    auto outcome = write_case(impl_->writer, facts, existing, action, rules, who, now);
    if (outcome && outcome.value().changed)
        tx.commit();
    return outcome;
}

core::result<write_outcome> case_store::archive_case(const std::string& ref, const actor& who,
                                                     const std::string& now) {
    std::lock_guard lock(impl_->write_mutex);
    transaction tx(impl_->writer);
    const auto existing = find_child(impl_->writer, ref);
    if (!existing)
        return not_found("child", ref);
    if (existing->archived_at)
        return write_outcome{false, false, existing->revision, {}};
    auto upd = impl_->writer.prepare(
        "UPDATE children SET archived_at = ?1, updated_at = ?1 WHERE id = ?2");
    upd.bind(1, now).bind(2, existing->id).run();
    append_audit(impl_->writer, now, who, "child.archive", "child " + ref,
                 "revision=" + std::to_string(existing->revision));
    tx.commit();
    return write_outcome{false, true, existing->revision, {}};
}

std::pair<int, int> case_store::recompute_all(const rule_context& rules, const actor& who,
                                              const std::string& now) {
    std::vector<std::string> refs;
    {
        auto lease = read();
        auto st = lease->prepare("SELECT ref FROM children WHERE archived_at IS NULL ORDER BY id");
        while (st.step())
            refs.push_back(st.text(0));
    }
    int changed = 0;
    constexpr std::size_t batch = 200; // short transactions: API writes interleave
    for (std::size_t i = 0; i < refs.size(); i += batch) {
        std::lock_guard lock(impl_->write_mutex);
        transaction tx(impl_->writer);
        for (std::size_t j = i; j < std::min(refs.size(), i + batch); ++j) {
            const auto existing = find_child(impl_->writer, refs[j]);
            if (!existing)
                continue;
            const auto facts = parse_stored_facts(existing->facts, refs[j]);
            // A case the new rules refuse keeps its old deadlines; `reviewd db check` reports it.
            const auto outcome =
                write_case(impl_->writer, facts, existing, "child.recompute", rules, who, now);
            if (outcome && outcome.value().changed)
                ++changed;
        }
        tx.commit();
    }
    return {changed, static_cast<int>(refs.size())};
}

std::optional<std::string> case_store::meta(const std::string& key) {
    auto lease = read();
    auto st = lease->prepare("SELECT value FROM meta WHERE key = ?1");
    st.bind(1, key);
    if (!st.step())
        return std::nullopt;
    return st.text(0);
}

std::int64_t case_store::limit_size(std::int64_t max_bytes) {
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    auto size = db.prepare("PRAGMA page_size");
    size.step();
    const std::int64_t page_size = size.integer(0);
    const std::int64_t pages = max_bytes > 0 ? std::max<std::int64_t>(1, max_bytes / page_size)
                                             : 4294967294; // SQLite's top
    auto set = db.prepare("PRAGMA max_page_count = " + std::to_string(pages));
    set.step();
    return set.integer(0) * page_size;
}

void case_store::set_meta(const std::string& key, const std::string& value) {
    std::lock_guard lock(impl_->write_mutex);
    impl_->writer
        .prepare("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

std::optional<stored_case> case_store::get_case(const std::string& ref) {
    auto lease = read();
    auto st = lease->prepare(
        "SELECT id, facts, revision, updated_at, archived_at FROM children WHERE ref = ?1");
    st.bind(1, ref);
    if (!st.step())
        return std::nullopt;
    stored_case c;
    c.id = st.integer(0);
    c.facts = parse_stored_facts(st.text(1), ref);
    c.revision = static_cast<int>(st.integer(2));
    c.updated_at = st.text(3);
    c.archived_at = st.optional_text(4);
    return c;
}

std::optional<std::vector<stored_deadline>> case_store::case_deadlines(const std::string& ref,
                                                                       core::day today) {
    auto lease = read();
    auto child_handle =
        lease->prepare_cached("SELECT id FROM children WHERE ref = ?1 AND archived_at IS NULL");
    statement& child = *child_handle;
    child.bind(1, ref);
    if (!child.step())
        return std::nullopt;
    auto deadlines = load_child_deadlines(lease.db(), child.integer(0));
    for (auto& d : deadlines)
        derive_missed(d, today);
    return deadlines;
}

} // namespace reviewd::store
