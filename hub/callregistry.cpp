// SPDX-License-Identifier: EUPL-1.2
#include "callregistry.h"

namespace relais::hub {

Call &CallRegistry::add(const Call &call)
{
    return *m_calls.insert(call.id, call);
}

Call *CallRegistry::find(const QString &callId)
{
    const auto it = m_calls.find(callId);
    return it == m_calls.end() ? nullptr : &*it;
}

void CallRegistry::remove(const QString &callId)
{
    m_calls.remove(callId);
}

const Call *CallRegistry::forAgent(const QString &agency, const QString &login) const
{
    for (const Call &call : m_calls) {
        if (call.agency == agency && call.agentLogin == login)
            return &call;
    }
    return nullptr;
}

Call *CallRegistry::forAgent(const QString &agency, const QString &login)
{
    return const_cast<Call *>(std::as_const(*this).forAgent(agency, login));
}

} // namespace relais::hub
