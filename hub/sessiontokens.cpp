// SPDX-License-Identifier: EUPL-1.2
#include "sessiontokens.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>

namespace relais::hub {

QByteArray SessionTokens::key(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

QString SessionTokens::issue(const Holder &holder, const QDateTime &now)
{
    forgetExpired(now);
    // The account's oldest tokens go first when it has too many.
    QList<QByteArray> mine;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->holder.kind == holder.kind && it->holder.scope == holder.scope &&
            it->holder.login == holder.login)
            mine.append(it.key());
    }
    std::sort(mine.begin(), mine.end(), [this](const QByteArray &a, const QByteArray &b) {
        return m_entries.value(a).issued < m_entries.value(b).issued;
    });
    for (qsizetype i = 0; i + kMaxPerAccount <= mine.size(); ++i)
        m_entries.remove(mine[i]);

    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    const QString token = QString::fromLatin1(
        random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_entries.insert(key(token), {holder, now, now.addSecs(kLifetimeS), 1, {}});
    return token;
}

std::optional<SessionTokens::Holder> SessionTokens::use(const QString &token, const QDateTime &now)
{
    forgetExpired(now);
    const auto it = m_entries.find(key(token));
    if (it == m_entries.end())
        return std::nullopt;
    ++it->connections;
    it->idleSince = {};
    return it->holder;
}

void SessionTokens::release(const QString &token, const QDateTime &now)
{
    const auto it = m_entries.find(key(token));
    if (it == m_entries.end() || it->connections == 0)
        return;
    if (--it->connections == 0)
        it->idleSince = now;
}

void SessionTokens::revoke(const QString &token)
{
    m_entries.remove(key(token));
}

void SessionTokens::revokeAccount(AccountKind kind, const QString &scope, const QString &login)
{
    m_entries.removeIf([&](const auto &entry) {
        const Holder &h = entry.value().holder;
        return h.kind == kind && h.scope == scope && h.login == login;
    });
}

QDateTime SessionTokens::expiry(const QString &token) const
{
    return m_entries.value(key(token)).expires;
}

void SessionTokens::forgetExpired(const QDateTime &now)
{
    m_entries.removeIf([&](const auto &entry) {
        const Entry &e = entry.value();
        return e.expires <= now || (e.idleSince.isValid() && e.idleSince.addSecs(kIdleS) <= now);
    });
}

} // namespace relais::hub
