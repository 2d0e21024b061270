// SPDX-License-Identifier: EUPL-1.2
#include "apitokens.h"

#include "enrollmenttoken.h"
#include "store/store.h"

#include <QRandomGenerator>
#include <QSqlQuery>

namespace relais::observatory {

namespace {

const QString kPrefix = QStringLiteral("rlo_");

QDateTime fromUtc(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

// A token's public name, for the operator's commands and the log: not derived from the secret.
QString newId()
{
    return QString::number(QRandomGenerator::system()->generate64() & 0xffffffffffffULL, 16)
        .rightJustified(12, u'0');
}

// Anything but "rlo_" and a secret's shape is refused before it is hashed.
std::optional<QString> hashOf(const QString &secret)
{
    if (!secret.startsWith(kPrefix) ||
        !provisioning::looksLikeEnrollmentToken(secret.mid(kPrefix.size())))
        return std::nullopt;
    return provisioning::enrollmentTokenHash(secret);
}

} // namespace

std::optional<ApiTokens::Issued> ApiTokens::issue(const QString &login, const QString &label,
                                                  int days, const QDateTime &now)
{
    if (!Partners(m_store).partner(login, nullptr))
        return std::nullopt;
    // Same entropy as a session or an enrollment token: 256 random bits.
    const Issued issued{newId(), kPrefix + provisioning::newEnrollmentToken(),
                        now.addDays(days).toUTC()};
    m_store.execute(QStringLiteral("INSERT INTO partner_api_tokens (id, token_hash, login, label, "
                                   "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)"),
                    {issued.id, *hashOf(issued.secret), login, label, Store::timeText(now),
                     Store::timeText(issued.expiresAt)});
    return issued;
}

std::optional<Partner> ApiTokens::partner(const QString &secret, const QDateTime &now)
{
    const auto hash = hashOf(secret);
    if (!hash)
        return std::nullopt;
    QSqlQuery q = m_store.prepare(
        QStringLiteral("SELECT id, login FROM partner_api_tokens WHERE token_hash = ? AND "
                       "revoked_at IS NULL AND expires_at > ?"));
    Store::run(q, {*hash, Store::timeText(now)});
    if (!q.next())
        return std::nullopt;
    const QString id = q.value(0).toString();
    const QString login = q.value(1).toString();
    q.finish();
    const auto partner = Partners(m_store).partner(login, nullptr);
    if (partner)
        m_store.execute(QStringLiteral("UPDATE partner_api_tokens SET last_used_at = ? WHERE id = "
                                       "? AND (last_used_at IS NULL OR last_used_at < ?)"),
                        {Store::timeText(now), id, Store::timeText(now.addSecs(-60))});
    return partner;
}

QList<ApiToken> ApiTokens::all() const
{
    QSqlQuery q = m_store.prepare(
        QStringLiteral("SELECT id, login, label, created_at, expires_at, last_used_at, revoked_at "
                       "FROM partner_api_tokens ORDER BY login, created_at"));
    Store::run(q);
    QList<ApiToken> result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       fromUtc(q.value(3)), fromUtc(q.value(4)), fromUtc(q.value(5)),
                       fromUtc(q.value(6))});
    return result;
}

bool ApiTokens::revoke(const QString &id, const QDateTime &now)
{
    bool found = false;
    m_store.transaction([&] {
        found = m_store
                    .scalar(QStringLiteral("SELECT 1 FROM partner_api_tokens WHERE id = ? AND "
                                           "revoked_at IS NULL"),
                            {id})
                    .isValid();
        m_store.execute(QStringLiteral("UPDATE partner_api_tokens SET revoked_at = ? WHERE id = ? "
                                       "AND revoked_at IS NULL"),
                        {Store::timeText(now), id});
    });
    return found;
}

} // namespace relais::observatory
