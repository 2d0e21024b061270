// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "partners.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace relais::observatory {

class Store;

// A partner's API token as the operator sees it (list-api-tokens): never its secret, which
// only add-api-token shows, once.
struct ApiToken
{
    QString id;
    QString login;
    QString label;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime lastUsedAt = {}; // invalid: never used
    QDateTime revokedAt = {};  // invalid: not revoked
};

// The partners' API tokens (API.md, "Partners' API"): a secret of 256 random bits behind a
// prefix that says what it is ("rlo_"), so that a leaked one is recognised in a log or a
// repository. Only its SHA-256 is stored: the secret has full entropy, so a slow hash would add
// nothing. A token opens what its partner's dashboard shows, no more, and nothing while the
// partner is disabled; removing the partner removes its tokens (Partners::remove).
class ApiTokens
{
public:
    static constexpr int kDefaultDays = 365;
    static constexpr int kMaxDays = 3650;

    struct Issued
    {
        QString id;
        QString secret;
        QDateTime expiresAt;
    };

    explicit ApiTokens(Store &store) : m_store(store) {}

    // A new token for the partner, valid `days` from `now`; nullopt when there is no such
    // enabled partner.
    std::optional<Issued> issue(const QString &login, const QString &label, int days,
                                const QDateTime &now);
    // The partner a presented secret opens: the token known, neither revoked nor expired, its
    // partner enabled. Its last use is noted (to the minute).
    std::optional<Partner> partner(const QString &secret, const QDateTime &now);
    // Every token, revoked and expired ones too, by partner and date.
    QList<ApiToken> all() const;
    // False when there is no such token (or it was revoked already).
    bool revoke(const QString &id, const QDateTime &now);

private:
    Store &m_store;
};

} // namespace relais::observatory
