// SPDX-License-Identifier: EUPL-1.2
#include "accountauthenticator.h"

#include "passwordhash.h"

namespace relais::hub {

using provisioning::decoyPasswordHash;
using provisioning::verifyPassword;

AccountAuthenticator::AccountAuthenticator(HubStore &store, QObject *parent)
    : QObject(parent), m_store(store), m_hashing(QThread::idealThreadCount(), kMaxPending)
{
    decoyPasswordHash(); // made now rather than during the first failed login
}

AccountAuthenticator::~AccountAuthenticator() = default;

bool AccountAuthenticator::check(AccountKind kind, const QString &scope, const QString &login,
                                 const QString &password, const QString &address,
                                 std::function<void(std::optional<Account>)> done)
{
    if (m_pendingByAddress.value(address) >= kMaxPendingPerAddress)
        return false;
    // The store is read here, on the owner's thread; only the hashing leaves it.
    const std::optional<Account> account = m_store.account(kind, scope, login);
    const QString hash = account ? account->passwordHash : decoyPasswordHash();
    const bool queued = m_hashing.submit<std::optional<Account>>(
        this,
        [account, hash, password]() -> std::optional<Account> {
            return verifyPassword(password.toUtf8(), hash) && account ? account : std::nullopt;
        },
        [this, address, done = std::move(done)](std::optional<Account> result) {
            finished(address);
            done(result);
        });
    if (queued)
        ++m_pendingByAddress[address];
    return queued;
}

void AccountAuthenticator::finished(const QString &address)
{
    if (--m_pendingByAddress[address] <= 0)
        m_pendingByAddress.remove(address);
}

} // namespace relais::hub
