// People and assignments in the store; see case_store.h.
#include "store/store_impl.h"

#include <array>

namespace reviewd::store {

bool valid_person_role(std::string_view role) {
    static constexpr std::array<std::string_view, 8> roles = {
        "iro",          "iro_manager",     "social_worker",
        "team_manager", "service_manager", "head_of_service",
        "director",     "chief_executive"};
    for (const auto r : roles)
        if (r == role)
            return true;
    return false;
}

core::result<write_outcome> case_store::put_person(const person& p, const actor& who,
                                                   const std::string& now) {
    if (!valid_person_role(p.role))
        return core::make_error("invalid_value", "\"" + p.role + "\" is not a role", "role");
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    std::optional<std::int64_t> manager_id;
    if (p.manager) {
        manager_id = person_id(db, *p.manager);
        if (!manager_id)
            return not_found("person", *p.manager, "manager");
        if (*p.manager == p.ref)
            return core::make_error("invalid_value", "a person cannot be their own manager",
                                    "manager");
    }
    const auto existing = get_person(p.ref);
    if (existing && existing->role == p.role && existing->name == p.name &&
        existing->email == p.email && existing->manager == p.manager &&
        existing->active == p.active)
        return write_outcome{false, false, 0, {}};
    auto st = db.prepare(
        "INSERT INTO people (ref, role, name, email, manager_id, active) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6) "
        "ON CONFLICT (ref) DO UPDATE SET role = excluded.role, name = excluded.name, "
        "email = excluded.email, manager_id = excluded.manager_id, active = excluded.active");
    st.bind(1, p.ref)
        .bind(2, p.role)
        .bind(3, p.name)
        .bind(4, p.email)
        .bind(5, manager_id)
        .bind(6, p.active ? 1 : 0);
    st.run();
    append_audit(db, now, who, existing ? "person.update" : "person.create", "person " + p.ref,
                 "role=" + p.role + (p.active ? "" : " inactive"));
    tx.commit();
    return write_outcome{!existing, true, 0, {}};
}

namespace {
person read_person(const statement& st) {
    return person{st.text(0), st.text(1),          st.text(2),
                  st.text(3), st.optional_text(4), st.integer(5) != 0};
}
constexpr std::string_view person_select =
    "SELECT p.ref, p.role, p.name, p.email, m.ref, p.active FROM people p LEFT JOIN people m ON "
    "m.id = p.manager_id";
} // namespace

std::optional<person> case_store::get_person(const std::string& ref) {
    auto lease = read();
    auto st = lease->prepare(std::string(person_select) + " WHERE p.ref = ?1");
    st.bind(1, ref);
    if (!st.step())
        return std::nullopt;
    return read_person(st);
}

std::vector<person> case_store::list_people() {
    auto lease = read();
    auto st = lease->prepare(std::string(person_select) + " ORDER BY p.ref");
    std::vector<person> out;
    while (st.step())
        out.push_back(read_person(st));
    return out;
}

core::result<write_outcome> case_store::put_assignments(const std::string& child_ref,
                                                        const assignments& a, const actor& who,
                                                        const std::string& now) {
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    auto child = db.prepare("SELECT id FROM children WHERE ref = ?1 AND archived_at IS NULL");
    child.bind(1, child_ref);
    if (!child.step())
        return not_found("child", child_ref);
    const std::int64_t child_id = child.integer(0);
    const std::array<std::pair<const char*, const std::optional<std::string>*>, 3> relations = {
        {{"iro", &a.iro}, {"social_worker", &a.social_worker}, {"team_manager", &a.team_manager}}};
    const auto before = get_assignments(child_ref);
    if (before && before->iro == a.iro && before->social_worker == a.social_worker &&
        before->team_manager == a.team_manager)
        return write_outcome{false, false, 0, {}};
    db.prepare("DELETE FROM assignments WHERE child_id = ?1").bind(1, child_id).run();
    std::string detail;
    for (const auto& [relation, ref] : relations) {
        if (!*ref)
            continue;
        auto role = db.prepare("SELECT id, role, active FROM people WHERE ref = ?1");
        role.bind(1, **ref);
        if (!role.step())
            return not_found("person", **ref, relation);
        if (role.text(1) != relation)
            return core::make_error(
                "invalid_value", "\"" + **ref + "\" is a " + role.text(1) + ", not a " + relation,
                relation);
        if (role.integer(2) == 0)
            return core::make_error("invalid_value", "\"" + **ref + "\" is no longer active",
                                    relation);
        db.prepare("INSERT INTO assignments (child_id, relation, person_id) VALUES (?1, ?2, ?3)")
            .bind(1, child_id)
            .bind(2, relation)
            .bind(3, role.integer(0))
            .run();
        detail += (detail.empty() ? "" : " ") + std::string(relation) + "=" + **ref;
    }
    // Reminders that found nobody to tell get another chance now that someone is assigned.
    db.prepare("UPDATE timers SET state = 'pending', fired_at = NULL, note = NULL WHERE state = "
               "'skipped' "
               "AND note LIKE 'nobody assigned%' AND deadline_id IN "
               "(SELECT id FROM deadlines WHERE child_id = ?1 AND state = 'open')")
        .bind(1, child_id)
        .run();
    append_audit(db, now, who, "assignments.put", "child " + child_ref,
                 detail.empty() ? "none" : detail);
    tx.commit();
    return write_outcome{false, true, 0, {}};
}

std::optional<assignments> case_store::get_assignments(const std::string& child_ref) {
    auto lease = read();
    auto child = lease->prepare("SELECT id FROM children WHERE ref = ?1 AND archived_at IS NULL");
    child.bind(1, child_ref);
    if (!child.step())
        return std::nullopt;
    auto st = lease->prepare("SELECT a.relation, p.ref FROM assignments a JOIN people p ON p.id = "
                             "a.person_id WHERE a.child_id = ?1");
    st.bind(1, child.integer(0));
    assignments out;
    while (st.step()) {
        const std::string relation = st.text(0);
        (relation == "iro"             ? out.iro
         : relation == "social_worker" ? out.social_worker
                                       : out.team_manager) = st.text(1);
    }
    return out;
}

} // namespace reviewd::store
