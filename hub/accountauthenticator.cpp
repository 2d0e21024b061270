#include "accountauthenticator.h"

#include "passwordhash.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

namespace relais::hub {

using provisioning::decoyPasswordHash;
using provisioning::verifyPassword;

AccountAuthenticator::AccountAuthenticator(HubStore &store, QObject *parent)
    : QObject(parent), m_store(store)
{
    decoyPasswordHash(); // made now rather than during the first failed login
}

AccountAuthenticator::~AccountAuthenticator()
{
    QThreadPool::globalInstance()->waitForDone();
}

bool AccountAuthenticator::check(AccountKind kind, const QString &scope, const QString &login,
                                 const QString &password, const QString &address,
                                 std::function<void(std::optional<Account>)> done)
{
    if (m_pending >= kMaxPending || m_pendingByAddress.value(address) >= kMaxPendingPerAddress)
        return false;
    ++m_pending;
    ++m_pendingByAddress[address];
    // The store is read here, on the owner's thread; only the hashing leaves it.
    const std::optional<Account> account = m_store.account(kind, scope, login);
    const QString hash = account ? account->passwordHash : decoyPasswordHash();
    QPointer<AccountAuthenticator> self(this);
    QThreadPool::globalInstance()->start(
        [self, account, hash, password, address, done = std::move(done)] {
            const bool matches = verifyPassword(password.toUtf8(), hash) && account.has_value();
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [self, address, done, result = matches ? account : std::nullopt] {
                    self->finished(address);
                    done(result);
                },
                Qt::QueuedConnection);
        });
    return true;
}

void AccountAuthenticator::finished(const QString &address)
{
    --m_pending;
    if (--m_pendingByAddress[address] <= 0)
        m_pendingByAddress.remove(address);
}

} // namespace relais::hub
