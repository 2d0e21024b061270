// SPDX-License-Identifier: EUPL-1.2
#include "agencyqueue.h"

#include <algorithm>
#include <cmath>

namespace relais::hub {

void AgencyQueue::append(const WaitingRequest &request)
{
    m_waiting.append(request);
}

bool AgencyQueue::remove(const QString &requestId)
{
    return take(requestId).has_value();
}

void AgencyQueue::prepend(const WaitingRequest &request)
{
    m_waiting.prepend(request);
}

std::optional<WaitingRequest> AgencyQueue::takeNextFor(const QString &login)
{
    for (qsizetype i = 0; i < m_waiting.size(); ++i) {
        const QString &reserved = m_waiting[i].reservedFor;
        if (reserved.isEmpty() || reserved == login)
            return m_waiting.takeAt(i);
    }
    return std::nullopt;
}

std::optional<WaitingRequest> AgencyQueue::take(const QString &requestId)
{
    for (qsizetype i = 0; i < m_waiting.size(); ++i) {
        if (m_waiting[i].id == requestId)
            return m_waiting.takeAt(i);
    }
    return std::nullopt;
}

int AgencyQueue::position(const QString &requestId) const
{
    for (qsizetype i = 0; i < m_waiting.size(); ++i) {
        if (m_waiting[i].id == requestId)
            return static_cast<int>(i + 1);
    }
    return 0;
}

void WaitEstimator::recordCall(qint64 seconds)
{
    // A call of a few seconds is a misdial or a failed connection, not a conversation.
    if (seconds < 10)
        return;
    m_recent.append(seconds);
    if (m_recent.size() > kRecentCalls)
        m_recent.removeFirst();
}

int WaitEstimator::meanCallS() const
{
    if (m_recent.isEmpty())
        return m_defaultCallS;
    qint64 total = 0;
    for (qint64 seconds : m_recent)
        total += seconds;
    return static_cast<int>(std::llround(static_cast<double>(total) / m_recent.size()));
}

int WaitEstimator::estimateS(int position, int availableAgents) const
{
    const double agents = std::max(1, availableAgents);
    return static_cast<int>(std::lround(position * meanCallS() / agents));
}

} // namespace relais::hub
