#pragma once

#include "hubstore.h"

#include <QObject>

#include <functional>

namespace relais::hub {

// Checks agent passwords away from the event loop: one PBKDF2 check at 200,000 iterations
// takes a tenth of a second, and fifty agents logging in at nine must not freeze every call.
class AgentAuthenticator : public QObject
{
    Q_OBJECT
public:
    AgentAuthenticator(HubStore &store, QObject *parent = nullptr);
    ~AgentAuthenticator() override;

    // `done` runs later on this object's thread with the account, or nullopt when the login
    // is unknown or the password wrong (indistinguishable, also in time).
    void check(const QString &agency, const QString &login, const QString &password,
               std::function<void(std::optional<AgentAccount>)> done);

private:
    HubStore &m_store;
};

} // namespace relais::hub
