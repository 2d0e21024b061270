// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "hubconfig.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

class QNetworkReply;

namespace relais::hub {

class HubStore;

// Sends the advisers' wrap-ups from the hub's store to the observatory (observatory/API.md,
// "Call outcomes from a hub"), oldest first, and marks each one the observatory has answered
// for. What it could not send stays in the store and goes at the next try: after a new wrap-up,
// at the start, and after a failure with a growing pause, so that an observatory down for a day
// loses nothing and is not flooded when it comes back.
class CallOutcomeUploader : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatch = 200;
    static constexpr int kFirstRetryS = 15;
    static constexpr int kLongestRetryS = 15 * 60;

    CallOutcomeUploader(const ObservatoryLink &link, HubStore &store, QObject *parent = nullptr);

    // Something is waiting: send it now, unless a send is under way.
    void wake();

signals:
    // One exchange with the observatory is over: how many outcomes it took, and why not when
    // it failed (empty when it worked).
    void exchanged(int acknowledged, const QString &problem);

private:
    void send();
    void answered(QNetworkReply *reply, const QStringList &sent);
    void retryLater(const QString &problem);

    ObservatoryLink m_link;
    HubStore &m_store;
    QNetworkAccessManager m_network;
    QTimer m_retry;
    bool m_busy = false;
    int m_failures = 0;
};

} // namespace relais::hub
