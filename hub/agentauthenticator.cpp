#include "agentauthenticator.h"

#include "passwordhash.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

namespace relais::hub {

using provisioning::decoyPasswordHash;
using provisioning::verifyPassword;

AgentAuthenticator::AgentAuthenticator(HubStore &store, QObject *parent)
    : QObject(parent), m_store(store)
{
    decoyPasswordHash(); // made now rather than during the first failed login
}

AgentAuthenticator::~AgentAuthenticator()
{
    QThreadPool::globalInstance()->waitForDone();
}

void AgentAuthenticator::check(const QString &agency, const QString &login, const QString &password,
                               std::function<void(std::optional<AgentAccount>)> done)
{
    // The store is read here, on the owner's thread; only the hashing leaves it.
    const std::optional<AgentAccount> account = m_store.agent(agency, login);
    const QString hash = account ? account->passwordHash : decoyPasswordHash();
    QPointer<AgentAuthenticator> self(this);
    QThreadPool::globalInstance()->start([self, account, hash, password, done = std::move(done)] {
        const bool matches = verifyPassword(password.toUtf8(), hash) && account.has_value();
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(), [done, result = matches ? account : std::nullopt] { done(result); },
            Qt::QueuedConnection);
    });
}

} // namespace relais::hub
