// SPDX-License-Identifier: EUPL-1.2
#include "partners.h"

#include "enrollmenttoken.h"
#include "passwordhash.h"
#include "store/store.h"

#include <QSqlQuery>

namespace relais::observatory {

namespace {

QStringList list(const QString &text)
{
    return text.isEmpty() ? QStringList() : text.split(u'\n');
}

// Never a null string: a null QString is bound as SQL NULL.
QString joined(const QStringList &values)
{
    return values.isEmpty() ? QStringLiteral("") : values.join(u'\n');
}

} // namespace

void Partners::put(const Partner &p, const QByteArray &password)
{
    m_store.execute(
        QStringLiteral("INSERT INTO partners (login, name, password_hash, agencies, territories) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO UPDATE SET name = "
                       "excluded.name, password_hash = excluded.password_hash, agencies = "
                       "excluded.agencies, territories = excluded.territories"),
        {p.login, p.name, provisioning::hashPassword(password), joined(p.agencies),
         joined(p.territories)});
}

std::optional<Partner> Partners::partner(const QString &login, QString *hash) const
{
    QSqlQuery q = m_store.prepare(
        QStringLiteral("SELECT login, name, password_hash, agencies, territories FROM partners "
                       "WHERE login = ? AND disabled_at IS NULL"));
    Store::run(q, {login});
    if (!q.next())
        return std::nullopt;
    if (hash)
        *hash = q.value(2).toString();
    return Partner{q.value(0).toString(), q.value(1).toString(), list(q.value(3).toString()),
                   list(q.value(4).toString())};
}

std::optional<Partner> Partners::verify(const QString &login, const QByteArray &password) const
{
    QString hash;
    const auto found = partner(login, &hash);
    const bool ok =
        provisioning::verifyPassword(password, found ? hash : provisioning::decoyPasswordHash());
    return ok && found ? found : std::nullopt;
}

QString Partners::openSession(const QString &login, const QDateTime &now)
{
    // Same shape and entropy as an enrollment token: 256 random bits.
    const QString token = provisioning::newEnrollmentToken();
    m_store.execute(QStringLiteral("DELETE FROM partner_sessions WHERE expires_at < ?"),
                    {Store::timeText(now)});
    m_store.execute(QStringLiteral("INSERT INTO partner_sessions (token_hash, login, expires_at) "
                                   "VALUES (?, ?, ?)"),
                    {provisioning::enrollmentTokenHash(token), login,
                     Store::timeText(now.addSecs(3600LL * kSessionHours))});
    return token;
}

std::optional<Partner> Partners::session(const QString &token, const QDateTime &now) const
{
    if (!provisioning::looksLikeEnrollmentToken(token))
        return std::nullopt;
    QSqlQuery q = m_store.prepare(QStringLiteral(
        "SELECT login FROM partner_sessions WHERE token_hash = ? AND expires_at > ?"));
    Store::run(q, {provisioning::enrollmentTokenHash(token), Store::timeText(now)});
    if (!q.next())
        return std::nullopt;
    const QString login = q.value(0).toString();
    q.finish();
    return partner(login, nullptr);
}

QList<Partner> Partners::all() const
{
    QSqlQuery q = m_store.prepare(QStringLiteral(
        "SELECT login, name, agencies, territories, disabled_at FROM partners ORDER BY login"));
    Store::run(q);
    QList<Partner> result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), list(q.value(2).toString()),
                       list(q.value(3).toString()),
                       QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs)});
    return result;
}

bool Partners::setDisabled(const QString &login, bool disabled, const QDateTime &now)
{
    bool found = false;
    m_store.transaction([&] {
        found = m_store.scalar(QStringLiteral("SELECT 1 FROM partners WHERE login = ?"), {login})
                    .isValid();
        if (!found)
            return;
        if (disabled) {
            m_store.execute(QStringLiteral("UPDATE partners SET disabled_at = ? WHERE login = ? "
                                           "AND disabled_at IS NULL"),
                            {Store::timeText(now), login});
            m_store.execute(QStringLiteral("DELETE FROM partner_sessions WHERE login = ?"),
                            {login});
        } else {
            m_store.execute(
                QStringLiteral("UPDATE partners SET disabled_at = NULL WHERE login = ?"), {login});
        }
    });
    return found;
}

bool Partners::remove(const QString &login)
{
    bool found = false;
    m_store.transaction([&] {
        found = m_store.scalar(QStringLiteral("SELECT 1 FROM partners WHERE login = ?"), {login})
                    .isValid();
        m_store.execute(QStringLiteral("DELETE FROM partner_sessions WHERE login = ?"), {login});
        // A partner made again with this login must not inherit the old one's tokens.
        m_store.execute(QStringLiteral("DELETE FROM partner_api_tokens WHERE login = ?"), {login});
        m_store.execute(QStringLiteral("DELETE FROM partners WHERE login = ?"), {login});
    });
    return found;
}

void Partners::closeSession(const QString &token)
{
    m_store.execute(QStringLiteral("DELETE FROM partner_sessions WHERE token_hash = ?"),
                    {provisioning::enrollmentTokenHash(token)});
}

} // namespace relais::observatory
