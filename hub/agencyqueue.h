// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "transport.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace relais::hub {

struct WaitingRequest
{
    QString id;
    ConnectionId kiosk = 0;
    QString site;
    QString kioskId;
    QString help;
    QString procedure; // why she calls (msg::Request), empty when she skipped the question
    QString title;
    QString said; // the last word an adviser sent her, so that colleagues see it was said
    // Passed on by an adviser during a call (transfer): by whom, and for which colleague
    // (a login of the agency; empty: for whoever takes it).
    QString transferredBy;
    QString reservedFor;
    QDateTime since;
    // What the kiosk was last told, so that it hears only about changes.
    int toldPosition = 0;
    int toldEstimateS = -1;
};

// One agency's waiting line across all its sites: first come, first served.
class AgencyQueue
{
public:
    void append(const WaitingRequest &request);
    // A transferred resident waits at the head of the line.
    void prepend(const WaitingRequest &request);
    bool remove(const QString &requestId);
    // The oldest request `login` may take as "the next person": not one passed to a colleague.
    std::optional<WaitingRequest> takeNextFor(const QString &login);
    std::optional<WaitingRequest> take(const QString &requestId);
    int position(const QString &requestId) const; // 1-based; 0 when absent
    bool isEmpty() const { return m_waiting.isEmpty(); }
    qsizetype size() const { return m_waiting.size(); }
    const QList<WaitingRequest> &waiting() const { return m_waiting; }
    QList<WaitingRequest> &waiting() { return m_waiting; }

private:
    QList<WaitingRequest> m_waiting;
};

// "Position times the agency's recent mean call length divided by the number of available
// agents" (PROTOCOL.md), with a configured default until calls have been seen.
class WaitEstimator
{
public:
    explicit WaitEstimator(int defaultCallS = 300) : m_defaultCallS(defaultCallS) {}

    void recordCall(qint64 seconds);
    int meanCallS() const;
    // With no available agent the wait is unknown; counting one keeps the figure finite and
    // honest about the order of magnitude.
    int estimateS(int position, int availableAgents) const;

    static constexpr int kRecentCalls = 20;

private:
    int m_defaultCallS;
    QList<qint64> m_recent;
};

} // namespace relais::hub
