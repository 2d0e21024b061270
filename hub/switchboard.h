// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "agencyqueue.h"
#include "callregistry.h"
#include "counterday.h"
#include "helpdesk.h"
#include "hubconfig.h"
#include "hubmetrics.h"
#include "hubstore.h"
#include "loginthrottle.h"
#include "opensslhandles.h"
#include "protocol.h"
#include "ratelimiter.h"
#include "sessiontokens.h"
#include "transport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

class QTimer;

namespace relais::hub {

class AccountAuthenticator;

// The hub's logic: sessions after hello, the agencies' queues, callbacks, calls, the relay
// of sdp/ice between the two sides of a call, and the kiosks' calls for their site's mediator. It
// sees the network only through Transport. Every inbound frame is validated before it can change
// anything; a bad frame gets an error reply on its own connection and nothing else happens.
class Switchboard : public QObject
{
    Q_OBJECT
public:
    Switchboard(const HubConfig &config, HubStore &store, Transport &transport,
                QObject *parent = nullptr);
    ~Switchboard() override;

    // How long after a call its adviser may still say how it ended.
    static constexpr int kWrapUpHours = 12;

    // Tests move time; the hub uses the system clock.
    void setClock(std::function<QDateTime()> utcNow);

    // Queue updates are coalesced to once per event-loop pass; tests may force one.
    void flushQueues();

    qsizetype waitingCount(const QString &agency) const;
    qsizetype callCount() const { return m_calls.size(); }
    int meanCallS(const QString &agency) const;

    // The hub's figures for the operations endpoint; its gauges are read from here at each
    // scrape.
    net::Metrics &metrics() { return m_metrics.registry(); }

    // Password guesses at hellos (PROTOCOL.md, "Password guesses"): a refusal lasts the whole
    // window, and a service point's few advisers behind one address never come near its limit.
    // How often the store is asked whether another process (relais-hub disable-account,
    // remove-account, add-agent) wrote it: a cheap read of SQLite's data_version.
    static constexpr int kAccountWatchMs = 2000;

    static constexpr LoginThrottle::Limits kLoginLimits{.freeFailures = 3,
                                                        .maxDelayS = 60,
                                                        .pairLimit = 10,
                                                        .addressLimit = 30,
                                                        .windowS = 15 * 60,
                                                        .refusalS = 15 * 60,
                                                        .maxEntries = 20000};

signals:
    // An adviser's wrap-up is in the store, waiting to be sent to the observatory.
    void callOutcomeStored();

private:
    enum class Stage { AwaitingHello, Authenticating, Ready, Closing };
    struct Session
    {
        ConnectionId id = 0;
        QString uuid;
        Stage stage = Stage::AwaitingHello;
        Role role = Role::Kiosk;
        QString site, kioskId;                   // kiosk; a mediator's site
        QString agency, login, displayName;      // agent; a mediator's login and name
        Presence presence = Presence::Available; // agent
        QString request, requestAgency;          // kiosk, while queued
        QString call;
        QString sessionToken; // agent, mediator: the one its welcome carried
        QString passwordHash; // agent, mediator: its account's when it was admitted
        RateLimiter limiter;
        QByteArray queueSeen; // agent: queueSignature() of the last queue_state it was sent
    };
    enum class Side { Kiosk, Agent };

    void onOpened(ConnectionId connection);
    void onMessage(ConnectionId connection, const QByteArray &frame, bool binary);
    void onClosed(ConnectionId connection);

    void dispatch(Session &session, const Inbound &inbound, const QByteArray &frame);
    void handle(Session &s, const msg::Hello &m, const QString &ref);
    void handle(Session &s, const msg::Request &m, const QString &ref);
    bool takeOverRequest(Session &s, const msg::Request &m, const QString &ref);
    void handle(Session &s, const msg::Leave &m, const QString &ref);
    void handle(Session &s, const msg::Callback &m, const QString &ref);
    void handle(Session &s, const msg::SetPresence &m, const QString &ref);
    void handle(Session &s, const msg::Take &m, const QString &ref);
    void handle(Session &s, const msg::CallbackDone &m, const QString &ref);
    void handleSdp(Session &s, const msg::Sdp &m, const QString &ref, const QByteArray &frame);
    void handleIce(Session &s, const msg::Ice &m, const QString &ref, const QByteArray &frame);
    void handle(Session &s, const msg::Restart &m, const QString &ref);
    void handle(Session &s, const msg::Hangup &m, const QString &ref);
    void handle(Session &s, const msg::Help &m, const QString &ref);
    void handle(Session &s, const msg::HelpTaken &m, const QString &ref);
    void handle(Session &s, const msg::HelpCancel &m, const QString &ref);
    void handle(Session &s, const msg::Logout &m, const QString &ref);
    void handle(Session &s, const msg::Word &m, const QString &ref);
    void handle(Session &s, const msg::Transfer &m, const QString &ref);
    void handle(Session &s, const msg::TransferOptions &m, const QString &ref);
    void handle(Session &s, const msg::WrapUp &m, const QString &ref);

    void checkAccount(Session &s, const msg::Hello &m, const QString &ref);
    void accountChecked(ConnectionId connection, const msg::Hello &hello, const QString &ref,
                        const QString &address, const std::optional<Account> &account);
    void sessionHello(Session &s, const msg::Hello &m, const QString &ref, const QString &address,
                      const QString &accountKey);
    // An agent or mediator whose password or session token was good.
    void admit(Session &s, const msg::Hello &hello, const QString &ref, const Account &account,
               const QString &token);
    void welcome(Session &s, const QString &ref);
    void resume(Session &s, const QString &callId, const QString &ref);

    Call &ownCall(Session &s, const QString &callId, const QString &ref);
    void sendCall(const Call &call, Side side, const QString &ref);
    // `ref` goes back on the copy of `ended` sent to `requester`, the side that hung up.
    void endCall(const QString &callId, const QString &by, const QString &reason,
                 ConnectionId requester = 0, const QString &ref = {});
    void sideLost(Call &call, Side side);
    void graceOver(const QString &callId);
    void watchEmptyCounter(const QString &agency);
    void closeQueue(const QString &agency);

    void send(ConnectionId connection, const QJsonObject &message, const QString &ref = {});
    void reject(Session &s, const ProtocolError &error);
    [[noreturn]] void fail(ErrorCode code, const QString &message, const QString &ref);
    void requireRole(const Session &s, Role role, const QString &ref);
    bool kioskAuthenticated(const Session &s, const msg::Hello &m, const KioskEntry &kiosk) const;

    int presentAgents(const QString &agency) const;
    bool colleaguePresent(const QString &agency, const QString &login) const;
    void awaitWrapUp(const Call &call);
    int availableAgents(const QString &agency) const;
    void markDirty(const QString &agency);
    QJsonObject queueState(const QString &agency) const;
    QJsonObject counterState(const QString &agency) const;
    void sendCounterState(const QString &agency);
    // A request left the queue: answered (after `waitS`), abandoned, a callback or closed.
    void requestEnded(const QString &agency, const QString &outcome, qint64 waitS = 0);
    QDate agencyDay(const QString &agency) const;
    // What an agent sees in a queue_state apart from the waiting times, which grow by
    // themselves (the console counts them on): a queue_state that differs only in those is
    // not worth sending.
    static QByteArray queueSignature(const QJsonObject &state);
    // Every mediator of the site hears of its open alerts whenever they change.
    void sendHelpState(const QString &site);
    QJsonObject helpState(const QString &site) const;
    QDateTime now() const { return m_clock(); }
    void collectMetrics(net::Metrics &metrics) const;
    // The command line wrote the store: advisers and mediators whose account was removed,
    // disabled or given a new password since they were admitted are told and let go.
    void watchAccounts();

    const HubConfig &m_config;
    HubStore &m_store;
    Transport &m_transport;
    AccountAuthenticator *m_authenticator;
    LoginThrottle m_throttle;
    SessionTokens m_tokens;
    // `busy` refusals come in floods: they are logged as a count, at most every few seconds.
    QElapsedTimer m_busyLogged;
    int m_busyUnlogged = 0;
    std::function<QDateTime()> m_clock;
    QElapsedTimer m_uptime;
    HubMetrics m_metrics;
    int m_storeVersion = 0;              // HubStore::changesFromElsewhere() when last looked
    provisioning::CertHandle m_deviceCa; // null: kiosks are known by their tokens only

    QHash<ConnectionId, Session> m_sessions;
    QHash<QString, QSet<ConnectionId>> m_agents;      // agency → its agents' connections
    QHash<QString, QSet<ConnectionId>> m_mediators;   // site → its mediators' connections
    QHash<QString, QSet<ConnectionId>> m_supervisors; // agency → its supervisors' connections
    CounterDay m_today;
    HelpDesk m_help;
    QHash<QString, AgencyQueue> m_queues;
    QHash<QString, WaitEstimator> m_estimators;
    CallRegistry m_calls;
    QHash<QString, QTimer *> m_graceTimers;
    // Calls over whose adviser has not said yet how they ended (wrap_up), by call id.
    struct PendingWrapUp
    {
        QString agency, site, login;
        QDate day; // the site's date when the call ended
        QDateTime endedAt;
    };
    QHash<QString, PendingWrapUp> m_wrapUps;
    // Agencies whose queue has waiting kiosks and no present agent, until the grace is over.
    QHash<QString, QTimer *> m_emptyCounterTimers;
    QSet<QString> m_dirty;
    bool m_flushScheduled = false;
};

} // namespace relais::hub
