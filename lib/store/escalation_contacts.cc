// Who hears of an escalation: the child's IRO, the IRO's manager, and the owner of a ladder
// stage, found among people and assignments; see escalation_store_impl.h and the decisions in
// lib/escalation/README.md.
#include "store/escalation_store_impl.h"

namespace reviewd::store {
namespace {

std::optional<contact> active_person(connection& db, const std::string& ref) {
    auto st = db.prepare("SELECT ref, email FROM people WHERE ref = ?1 AND active = 1");
    st.bind(1, ref);
    if (!st.step())
        return std::nullopt;
    return contact{st.text(0), st.text(1)};
}

// The person assigned to the child in `relation`, with their manager's row id.
struct assigned_person {
    contact who;
    bool active = false;
    std::optional<std::int64_t> manager_id;
};
std::optional<assigned_person> assigned(connection& db, std::int64_t child_id,
                                        const std::string& relation) {
    auto st = db.prepare("SELECT p.ref, p.email, p.active, p.manager_id FROM assignments a "
                         "JOIN people p ON p.id = a.person_id "
                         "WHERE a.child_id = ?1 AND a.relation = ?2");
    st.bind(1, child_id).bind(2, relation);
    if (!st.step())
        return std::nullopt;
    assigned_person a{{st.text(0), st.text(1)}, st.integer(2) != 0, std::nullopt};
    if (!st.is_null(3))
        a.manager_id = st.integer(3);
    return a;
}

// Up the management line from `start` (a people row id), the first active holder of `role`.
std::optional<contact> up_the_line(connection& db, std::optional<std::int64_t> start,
                                   const std::string& role) {
    auto st = db.prepare("SELECT ref, email, role, active, manager_id FROM people WHERE id = ?1");
    for (int hops = 0; start && hops < 16; ++hops) { // a bound, in case of a loop in the data
        st.bind(1, *start);
        if (!st.step())
            return std::nullopt;
        if (st.text(2) == role && st.integer(3) != 0)
            return contact{st.text(0), st.text(1)};
        start = st.is_null(4) ? std::nullopt : std::optional<std::int64_t>(st.integer(4));
        st.reset();
    }
    return std::nullopt;
}

// The only active person holding `role`, when there is exactly one.
std::optional<contact> sole_holder(connection& db, const std::string& role) {
    auto st = db.prepare("SELECT ref, email FROM people WHERE role = ?1 AND active = 1 LIMIT 2");
    st.bind(1, role);
    if (!st.step())
        return std::nullopt;
    contact only{st.text(0), st.text(1)};
    if (st.step())
        return std::nullopt;
    return only;
}

std::optional<std::string> iro_ref(connection& db, std::int64_t child_id,
                                   const escalation::escalation& e) {
    if (const auto a = assigned(db, child_id, "iro"))
        return a->who.ref;
    return e.raised_by.empty() ? std::nullopt : std::optional<std::string>(e.raised_by);
}

} // namespace

std::optional<contact> find_iro(connection& db, std::int64_t child_id,
                                const escalation::escalation& e) {
    if (const auto a = assigned(db, child_id, "iro"); a && a->active)
        return a->who;
    return active_person(db, e.raised_by);
}

std::optional<contact> find_iro_manager(connection& db, std::int64_t child_id,
                                        const escalation::escalation& e) {
    const auto iro = iro_ref(db, child_id, e);
    if (!iro)
        return std::nullopt;
    auto st = db.prepare("SELECT m.ref, m.email FROM people p JOIN people m ON m.id = p.manager_id "
                         "WHERE p.ref = ?1 AND m.active = 1");
    st.bind(1, *iro);
    if (!st.step())
        return std::nullopt;
    return contact{st.text(0), st.text(1)};
}

std::optional<contact> find_stage_owner(connection& db, std::int64_t child_id,
                                        const escalation::escalation& e, const escalation::stage& s,
                                        const escalation_setup& setup) {
    if (const auto mailbox = setup.owner_emails.find(s.id); mailbox != setup.owner_emails.end())
        return contact{"", mailbox->second};
    const std::string& role = s.owner_role;
    if (role == escalation::iro_role)
        return find_iro(db, child_id, e);
    if (role == escalation::iro_manager_role)
        return find_iro_manager(db, child_id, e);
    if (role == "team_manager" || role == "social_worker") {
        const auto a = assigned(db, child_id, role);
        if (a && a->active)
            return a->who;
        return std::nullopt;
    }
    // Senior managers: up the line from the child's team manager (or social worker), else the
    // council's only holder of the role.
    for (const char* relation : {"team_manager", "social_worker"}) {
        const auto a = assigned(db, child_id, relation);
        if (!a)
            continue;
        if (auto found = up_the_line(db, a->manager_id, role))
            return found;
    }
    return sole_holder(db, role);
}

} // namespace reviewd::store
