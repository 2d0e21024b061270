// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "boundedpool.h"
#include "hubstore.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace relais::hub {

// Checks agents' and mediators' passwords away from the event loop: one PBKDF2 check at 200,000
// iterations takes a tenth of a second, and fifty agents logging in at nine must not freeze every
// call.
class AccountAuthenticator : public QObject
{
    Q_OBJECT
public:
    AccountAuthenticator(HubStore &store, QObject *parent = nullptr);
    ~AccountAuthenticator() override;

    // Checks wait for the machine's few cores: a flood of wrong hellos must not push a real
    // adviser's check behind it (at a tenth of a second each, 32 are about 1.6 s on two cores).
    // One address gets a few at a time, everyone together a bounded number; beyond that a hello
    // is refused at once (PROTOCOL.md's `busy`) rather than queued.
    static constexpr int kMaxPendingPerAddress = 4;
    static constexpr int kMaxPending = 32;

    // `done` runs later on this object's thread with the account, or nullopt when the login
    // is unknown or the password wrong (indistinguishable, also in time). False, and `done`
    // never runs, when `address` (LoginThrottle::addressKey) or the hub has too many checks
    // pending.
    bool check(AccountKind kind, const QString &scope, const QString &login,
               const QString &password, const QString &address,
               std::function<void(std::optional<Account>)> done);

private:
    void finished(const QString &address);

    HubStore &m_store;
    BoundedPool m_hashing;
    QHash<QString, int> m_pendingByAddress;
};

} // namespace relais::hub
