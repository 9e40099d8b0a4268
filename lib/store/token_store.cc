// API tokens: random, shown once, stored as SHA-256 hashes; see case_store.h.
#include "store/store_impl.h"

#include "store/secrets.h"

namespace reviewd::store {

bool valid_token_role(std::string_view role) {
    return role == "admin" || role == "manager" || role == "iro" || role == "integration";
}

core::result<std::string> case_store::create_token(const token_record& t, const actor& who,
                                                   const std::string& now) {
    if (t.name.empty() || t.name.size() > 64)
        return core::make_error("invalid_value", "a token name is 1 to 64 characters", "name");
    if (!valid_token_role(t.role))
        return core::make_error(
            "invalid_value", "\"" + t.role + "\" is not a role (admin, manager, iro, integration)",
            "role");
    if ((t.role == "iro") != t.person.has_value())
        return core::make_error("invalid_value",
                                t.role == "iro" ? "an iro token names the IRO (--person)"
                                                : "only iro tokens name a person",
                                "person");
    const std::string text = random_secret("rvd_");

    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    std::optional<std::int64_t> person;
    if (t.person) {
        auto st = db.prepare("SELECT id, role FROM people WHERE ref = ?1");
        st.bind(1, *t.person);
        if (!st.step())
            return not_found("person", *t.person, "person");
        if (st.text(1) != "iro")
            return core::make_error("invalid_value",
                                    "\"" + *t.person + "\" is a " + st.text(1) + ", not an iro",
                                    "person");
        person = st.integer(0);
    }
    auto exists = db.prepare("SELECT 1 FROM tokens WHERE name = ?1");
    exists.bind(1, t.name);
    if (exists.step())
        return core::make_error("conflict", "a token named \"" + t.name + "\" exists already",
                                "name");
    db.prepare("INSERT INTO tokens (name, role, person_id, hash, created_at) VALUES (?1, ?2, ?3, "
               "?4, ?5)")
        .bind(1, t.name)
        .bind(2, t.role)
        .bind(3, person)
        .bind(4, sha256_hex(text))
        .bind(5, now)
        .run();
    append_audit(db, now, who, "token.create", "token " + t.name, "role=" + t.role);
    tx.commit();
    return text;
}

core::result<write_outcome> case_store::revoke_token(const std::string& name, const actor& who,
                                                     const std::string& now) {
    std::lock_guard lock(impl_->write_mutex);
    connection& db = impl_->writer;
    transaction tx(db);
    auto st =
        db.prepare("UPDATE tokens SET revoked_at = ?1 WHERE name = ?2 AND revoked_at IS NULL");
    st.bind(1, now).bind(2, name).run();
    if (db.changes() == 0) {
        auto exists = db.prepare("SELECT 1 FROM tokens WHERE name = ?1");
        exists.bind(1, name);
        if (!exists.step())
            return not_found("token", name, "name");
        return write_outcome{false, false, 0, {}};
    }
    append_audit(db, now, who, "token.revoke", "token " + name, "");
    tx.commit();
    return write_outcome{false, true, 0, {}};
}

std::optional<token_record> case_store::authenticate(const std::string& token_text) {
    if (token_text.size() != 68 || token_text.rfind("rvd_", 0) != 0)
        return std::nullopt;
    auto lease = read();
    auto st_handle = lease->prepare_cached(
        "SELECT t.name, t.role, p.ref FROM tokens t LEFT JOIN people p ON p.id = t.person_id "
        "WHERE t.hash = ?1 AND t.revoked_at IS NULL");
    statement& st = *st_handle;
    st.bind(1, sha256_hex(token_text));
    if (!st.step())
        return std::nullopt;
    return token_record{st.text(0), st.text(1), st.optional_text(2)};
}

std::vector<std::pair<token_record, std::optional<std::string>>> case_store::list_tokens() {
    auto lease = read();
    auto st = lease->prepare("SELECT t.name, t.role, p.ref, t.revoked_at FROM tokens t LEFT JOIN "
                             "people p ON p.id = t.person_id ORDER BY t.name");
    std::vector<std::pair<token_record, std::optional<std::string>>> out;
    while (st.step())
        out.emplace_back(token_record{st.text(0), st.text(1), st.optional_text(2)},
                         st.optional_text(3));
    return out;
}

} // namespace reviewd::store
