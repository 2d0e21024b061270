#pragma once

#include "hubstore.h"

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

    // `done` runs later on this object's thread with the account, or nullopt when the login
    // is unknown or the password wrong (indistinguishable, also in time).
    void check(AccountKind kind, const QString &scope, const QString &login,
               const QString &password, std::function<void(std::optional<Account>)> done);

private:
    HubStore &m_store;
};

} // namespace relais::hub
