// SPDX-License-Identifier: EUPL-1.2
#include "switchboard.h"

#include "accountauthenticator.h"
#include "callwrapup.h"
#include "counterstatus.h"
#include "database.h"
#include "deviceca.h"
#include "hublog.h"
#include "hubstore.h"
#include "turncredentials.h"

#include <QFile>
#include <QJsonArray>
#include <QTimer>

#include <limits>

namespace relais::hub {

namespace {

// PROTOCOL.md's `closed`: when the counter next opens (in the site's zone), and the callback
// offered instead; `request` names the queued request it ends, when there was one.
QJsonObject closedMessage(const QString &agency, const CounterStatus &status,
                          const QString &request = {})
{
    QJsonObject message{
        {QStringLiteral("type"), QStringLiteral("closed")},
        {QStringLiteral("agency"), agency},
        {QStringLiteral("next_opening"), status.nextOpening.isValid()
                                             ? QJsonValue(status.nextOpening.toString(Qt::ISODate))
                                             : QJsonValue()},
        {QStringLiteral("callback_available"), true}};
    if (!request.isEmpty())
        message.insert(QStringLiteral("request"), request);
    return message;
}

QString isoUtc(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODate);
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Kiosk:
        return QStringLiteral("kiosk");
    case Role::Agent:
        return QStringLiteral("agent");
    case Role::Mediator:
        return QStringLiteral("mediator");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    }
    return QStringLiteral("kiosk");
}

// The account a hello tries, as the throttle counts its failures: an agency's and a site's
// logins are different accounts even when spelled alike.
QString throttledAccount(const msg::Hello &hello)
{
    const QString scope = hello.role == Role::Mediator ? hello.site : hello.agency;
    return roleName(hello.role) + QLatin1Char('/') + scope + QLatin1Char('/') + hello.login;
}

} // namespace

Switchboard::Switchboard(const HubConfig &config, HubStore &store, Transport &transport,
                         QObject *parent)
    : QObject(parent), m_config(config), m_store(store), m_transport(transport),
      m_authenticator(new AccountAuthenticator(store, this)), m_throttle(kLoginLimits),
      m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_uptime.start();
    if (!config.deviceCaPath.isEmpty()) {
        QFile ca(config.deviceCaPath);
        if (ca.open(QIODevice::ReadOnly))
            m_deviceCa = provisioning::parseCertificate(ca.read(1024 * 1024));
        if (!m_deviceCa)
            qCWarning(lcHubSession).noquote()
                << "no device CA certificate in" << config.deviceCaPath
                << "- kiosks are known by their tokens only";
    }
    connect(&transport, &Transport::connectionOpened, this, &Switchboard::onOpened);
    connect(&transport, &Transport::messageReceived, this, &Switchboard::onMessage);
    connect(&transport, &Transport::connectionClosed, this, &Switchboard::onClosed);
    for (const QString &agency : config.agencies())
        m_estimators.insert(agency, WaitEstimator(config.defaultCallS));
    m_metrics.registry().addCollector([this](net::Metrics &metrics) { collectMetrics(metrics); });
    m_storeVersion = store.changesFromElsewhere();
    auto *accountWatch = new QTimer(this);
    connect(accountWatch, &QTimer::timeout, this, &Switchboard::watchAccounts);
    accountWatch->start(kAccountWatchMs);
}

Switchboard::~Switchboard() = default;

void Switchboard::setClock(std::function<QDateTime()> utcNow)
{
    m_clock = std::move(utcNow);
}

qsizetype Switchboard::waitingCount(const QString &agency) const
{
    const auto it = m_queues.constFind(agency);
    return it == m_queues.constEnd() ? 0 : it->size();
}

int Switchboard::meanCallS(const QString &agency) const
{
    return m_estimators.value(agency, WaitEstimator(m_config.defaultCallS)).meanCallS();
}

// --- connections --------------------------------------------------------------------------

void Switchboard::onOpened(ConnectionId connection)
{
    Session session;
    session.id = connection;
    session.uuid = newUuid();
    m_sessions.insert(connection, session);
}

void Switchboard::onMessage(ConnectionId connection, const QByteArray &frame, bool binary)
{
    const auto it = m_sessions.find(connection);
    if (it == m_sessions.end() || it->stage == Stage::Closing)
        return;
    Session &session = *it;
    if (!session.limiter.allow(m_uptime.elapsed())) {
        qCWarning(lcHubSession) << "connection" << session.uuid
                                << "closed: more than 50 messages in one second";
        reject(
            session,
            {ErrorCode::RateLimited,
             QStringLiteral("more than %1 messages in one second").arg(RateLimiter::kMaxPerSecond),
             {}});
        return;
    }
    try {
        if (binary)
            fail(ErrorCode::BadMessage,
                 QStringLiteral("binary frames are not part of the protocol"), {});
        dispatch(session, parseInbound(frame), frame);
    } catch (const ProtocolError &error) {
        // The session may have been closed by the handler (fatal errors close it themselves).
        const auto again = m_sessions.find(connection);
        if (again != m_sessions.end())
            reject(*again, error);
    } catch (const std::exception &error) {
        qCCritical(lcHubStore) << "could not serve a message on connection" << session.uuid
                               << "because the store failed:" << error.what();
        const auto again = m_sessions.find(connection);
        if (again != m_sessions.end())
            reject(*again, {ErrorCode::Unavailable,
                            QStringLiteral("the hub could not record this; try again shortly"),
                            {}});
    }
}

void Switchboard::onClosed(ConnectionId connection)
{
    const auto it = m_sessions.find(connection);
    if (it == m_sessions.end())
        return;
    const Session session = *it;
    m_sessions.erase(it);
    if (!session.sessionToken.isEmpty())
        m_tokens.release(session.sessionToken, now());
    if (session.stage != Stage::Ready && session.stage != Stage::Closing)
        return;
    if (session.role == Role::Kiosk && !session.request.isEmpty()) {
        requestEnded(session.requestAgency, QStringLiteral("abandoned"));
        m_queues[session.requestAgency].remove(session.request);
        qCInfo(lcHubQueue) << "request" << session.request << "left the" << session.requestAgency
                           << "queue: its kiosk disconnected";
        markDirty(session.requestAgency);
    }
    if (session.role == Role::Agent) {
        m_agents[session.agency].remove(connection);
        markDirty(session.agency);
    }
    if (session.role == Role::Mediator)
        m_mediators[session.site].remove(connection);
    if (session.role == Role::Supervisor)
        m_supervisors[session.agency].remove(connection);
    if (session.role == Role::Kiosk && !m_help.removeKiosk(connection).isEmpty()) {
        qCInfo(lcHubSession).noquote()
            << "call for help from" << session.site + QLatin1Char('/') + session.kioskId
            << "ended: the kiosk disconnected";
        sendHelpState(session.site);
    }
    if (!session.call.isEmpty()) {
        if (Call *call = m_calls.find(session.call)) {
            const Side side = session.role == Role::Kiosk ? Side::Kiosk : Side::Agent;
            if ((side == Side::Kiosk ? call->kiosk : call->agent) == connection)
                sideLost(*call, side);
        }
    }
}

void Switchboard::dispatch(Session &session, const Inbound &inbound, const QByteArray &frame)
{
    const QString &ref = inbound.ref;
    const bool isHello = std::holds_alternative<msg::Hello>(inbound.payload);
    if (isHello && session.stage == Stage::AwaitingHello)
        m_transport.helloHeard(session.id);
    if (session.stage == Stage::AwaitingHello && !isHello)
        fail(ErrorCode::OutOfOrder, QStringLiteral("the first message must be hello"), ref);
    if (session.stage == Stage::Authenticating)
        fail(ErrorCode::OutOfOrder, QStringLiteral("hello is still being checked"), ref);
    if (session.stage == Stage::Ready && isHello)
        fail(ErrorCode::OutOfOrder, QStringLiteral("hello was already accepted"), ref);

    std::visit(
        [&](const auto &message) {
            using T = std::decay_t<decltype(message)>;
            if constexpr (std::is_same_v<T, msg::Sdp>)
                handleSdp(session, message, ref, frame);
            else if constexpr (std::is_same_v<T, msg::Ice>)
                handleIce(session, message, ref, frame);
            else
                handle(session, message, ref);
        },
        inbound.payload);
}

// --- hello --------------------------------------------------------------------------------

void Switchboard::handle(Session &s, const msg::Hello &m, const QString &ref)
{
    if (m.role == Role::Kiosk) {
        const Site *site = m_config.site(m.site);
        const KioskEntry *kiosk = site ? site->kiosk(m.kiosk) : nullptr;
        if (!kiosk || !kioskAuthenticated(s, m, *kiosk)) {
            qCWarning(lcHubSession).noquote()
                << "kiosk hello refused for" << m.site + QLatin1Char('/') + m.kiosk
                << (kiosk ? "(no valid certificate or token)" : "(unknown site or kiosk)");
            m_metrics.loginFailed(QStringLiteral("kiosk"), QStringLiteral("credentials"));
            fail(ErrorCode::Unauthorized, QStringLiteral("unknown kiosk or wrong token"), ref);
        }
        s.role = Role::Kiosk;
        s.site = m.site;
        s.kioskId = m.kiosk;
        s.stage = Stage::Ready;
        qCInfo(lcHubSession).noquote()
            << "kiosk" << s.site + QLatin1Char('/') + s.kioskId << "connected as" << s.uuid;
        welcome(s, ref);
        if (!m.resumeCall.isEmpty())
            resume(s, m.resumeCall, ref);
        return;
    }
    if (m.role != Role::Agent && !m.resumeCall.isEmpty())
        fail(ErrorCode::BadMessage, QStringLiteral("only an agent has a call to resume"), ref);
    checkAccount(s, m, ref);
}

void Switchboard::checkAccount(Session &s, const msg::Hello &m, const QString &ref)
{
    const bool agent = m.role != Role::Mediator; // a supervisor's account is an agent's
    const QString address = LoginThrottle::addressKey(m_transport.peerAddress(s.id));
    const QString account = throttledAccount(m);
    const qint64 wait = m_throttle.waitS(address, account, now());
    if (wait > 0) {
        const bool refused = m_throttle.refused(address, account, now());
        m_metrics.loginFailed(roleName(m.role), QStringLiteral("throttled"));
        qCWarning(lcHubSession).noquote()
            << roleName(m.role) << "hello for" << account << "from" << address
            << (refused ? "refused: too many failed logins" : "throttled: recent failed logins")
            << "- next try allowed in" << wait << "s";
        throw ProtocolError{
            ErrorCode::Throttled,
            QStringLiteral("too many failed logins from this address; try again in %1 s").arg(wait),
            ref, static_cast<int>(std::min<qint64>(wait, std::numeric_limits<int>::max()))};
    }
    if (!m.session.isEmpty()) {
        sessionHello(s, m, ref, address, account);
        return;
    }
    const ConnectionId connection = s.id;
    const bool started = m_authenticator->check(
        agent ? AccountKind::Agent : AccountKind::Mediator, agent ? m.agency : m.site, m.login,
        m.password, address, [this, connection, m, ref, address](std::optional<Account> result) {
            accountChecked(connection, m, ref, address, result);
        });
    if (!started) {
        ++m_busyUnlogged;
        if (!m_busyLogged.isValid() || m_busyLogged.hasExpired(5000)) {
            qCWarning(lcHubSession).noquote()
                << m_busyUnlogged << "hello(s) refused as busy, the last from" << address
                << "- too many password checks pending";
            m_busyUnlogged = 0;
            m_busyLogged.start();
        }
        throw ProtocolError{
            ErrorCode::Busy,
            QStringLiteral("too many password checks are pending; say hello again in a moment"),
            ref, 1};
    }
    s.stage = Stage::Authenticating;
}

// A client certificate from the device CA naming this very kiosk, or else its token when the
// configuration still has one (kiosks enrolled before the hub knew the CA).
bool Switchboard::kioskAuthenticated(const Session &s, const msg::Hello &m,
                                     const KioskEntry &kiosk) const
{
    const QByteArray der = m_deviceCa ? m_transport.peerCertificate(s.id) : QByteArray();
    if (!der.isEmpty()) {
        QString why;
        const auto identity = provisioning::verifyDeviceCertificate(m_deviceCa.get(), der, &why);
        const QString expected = m.site + QLatin1Char('/') + m.kiosk;
        if (identity && identity->deviceId == expected)
            return true;
        qCWarning(lcHubSession).noquote()
            << "client certificate refused for" << expected << "-"
            << (identity ? QStringLiteral("it names %1").arg(identity->deviceId) : why);
    }
    return !kiosk.tokenSha256.isEmpty() && !m.token.isEmpty() && tokenMatches(kiosk, m.token);
}

void Switchboard::accountChecked(ConnectionId connection, const msg::Hello &hello,
                                 const QString &ref, const QString &address,
                                 const std::optional<Account> &account)
{
    const bool agent = hello.role != Role::Mediator;
    const QString accountKey = throttledAccount(hello);
    // Counted even when the guesser has already hung up: closing early must not be free.
    const bool good = account && !account->disabled && (agent || m_config.site(hello.site)) &&
                      (hello.role != Role::Supervisor || account->supervisor);
    if (good) {
        m_throttle.succeeded(address, accountKey);
    } else {
        m_throttle.failed(address, accountKey, now());
        m_metrics.loginFailed(roleName(hello.role), QStringLiteral("credentials"));
    }
    const auto it = m_sessions.find(connection);
    if (it == m_sessions.end() || it->stage != Stage::Authenticating)
        return;
    Session &s = *it;
    // A mediator's account may outlive its site in the configuration: the site must be served.
    if (!good) {
        qCWarning(lcHubSession).noquote()
            << roleName(hello.role) << "hello refused for" << (agent ? hello.agency : hello.site)
            << "from" << address << "(unknown login or wrong password)";
        reject(s,
               {ErrorCode::Unauthorized, QStringLiteral("unknown login or wrong password"), ref});
        return;
    }
    const AccountKind kind = agent ? AccountKind::Agent : AccountKind::Mediator;
    admit(s, hello, ref, *account,
          m_tokens.issue({kind, account->scope, account->login, account->passwordHash}, now()));
}

// A session token stands for the password it was issued after, while the account is as it was
// then: removing the account or changing its password ends its tokens.
void Switchboard::sessionHello(Session &s, const msg::Hello &m, const QString &ref,
                               const QString &address, const QString &accountKey)
{
    const bool agent = m.role != Role::Mediator;
    const AccountKind kind = agent ? AccountKind::Agent : AccountKind::Mediator;
    const QString scope = agent ? m.agency : m.site;
    const std::optional<SessionTokens::Holder> holder = m_tokens.use(m.session, now());
    const bool mine =
        holder && holder->kind == kind && holder->scope == scope && holder->login == m.login;
    const std::optional<Account> account =
        mine ? m_store.account(kind, scope, m.login) : std::nullopt;
    const bool current =
        account && !account->disabled && account->passwordHash == holder->passwordHash &&
        (agent || m_config.site(scope)) && (m.role != Role::Supervisor || account->supervisor);
    if (!current) {
        if (holder && !mine)
            m_tokens.release(m.session, now());
        else if (holder)
            m_tokens.revoke(m.session); // its account went or changed its password
        m_throttle.failed(address, accountKey, now());
        m_metrics.loginFailed(roleName(m.role), QStringLiteral("session"));
        qCWarning(lcHubSession).noquote()
            << roleName(m.role) << "hello refused for" << scope << "from" << address
            << "(unknown, expired or revoked session token)";
        fail(ErrorCode::Unauthorized,
             QStringLiteral("unknown, expired or revoked session; log in with the password"), ref);
    }
    m_throttle.succeeded(address, accountKey);
    admit(s, m, ref, *account, m.session);
}

void Switchboard::admit(Session &s, const msg::Hello &hello, const QString &ref,
                        const Account &account, const QString &token)
{
    const ConnectionId connection = s.id;
    s.sessionToken = token;
    s.passwordHash = account.passwordHash;
    const bool mediator = hello.role == Role::Mediator;
    s.role = hello.role;
    (mediator ? s.site : s.agency) = account.scope;
    s.login = account.login;
    s.displayName = account.displayName;
    s.stage = Stage::Ready;
    qCInfo(lcHubSession).noquote()
        << roleName(s.role) << "of" << account.scope << "connected as" << s.uuid;
    // A mediator and a supervisor watch: they are sent what they watch, now and as it changes.
    if (hello.role != Role::Agent) {
        (mediator ? m_mediators : m_supervisors)[account.scope].insert(connection);
        welcome(s, ref);
        send(connection, mediator ? helpState(s.site) : counterState(s.agency));
        return;
    }
    s.presence = Presence::Available;
    m_agents[s.agency].insert(connection);
    welcome(s, ref);
    if (!hello.resumeCall.isEmpty()) {
        try {
            resume(s, hello.resumeCall, ref);
        } catch (const ProtocolError &error) {
            reject(s, error);
        }
    }
    const QJsonObject state = queueState(s.agency);
    s.queueSeen = queueSignature(state);
    send(connection, state);
    markDirty(s.agency); // one more available agent shortens every estimate
}

void Switchboard::welcome(Session &s, const QString &ref)
{
    m_transport.markAuthenticated(s.id);
    QJsonObject message{{QStringLiteral("type"), QStringLiteral("welcome")},
                        {QStringLiteral("protocol"), kProtocolVersion},
                        {QStringLiteral("role"), roleName(s.role)},
                        {QStringLiteral("connection"), s.uuid},
                        {QStringLiteral("server_time"), isoUtc(now())}};
    if (s.role != Role::Kiosk)
        message.insert(QStringLiteral("display_name"), s.displayName);
    if (s.role == Role::Agent) {
        QJsonArray words;
        for (const ReadyWord &word : readyWords())
            words.append(QJsonObject{{QStringLiteral("word"), word.word},
                                     {QStringLiteral("text"), word.text}});
        message.insert(QStringLiteral("ready_words"), words);
        QJsonArray outcomes;
        for (const wrapup::Outcome &outcome : wrapup::outcomes())
            outcomes.append(QJsonObject{{QStringLiteral("outcome"), outcome.code},
                                        {QStringLiteral("text"), outcome.text}});
        message.insert(QStringLiteral("wrap_up_outcomes"), outcomes);
    }
    if (!s.sessionToken.isEmpty()) {
        message.insert(QStringLiteral("session"), s.sessionToken);
        message.insert(QStringLiteral("session_expires"), isoUtc(m_tokens.expiry(s.sessionToken)));
    }
    send(s.id, message, ref);
}

void Switchboard::resume(Session &s, const QString &callId, const QString &ref)
{
    Call *call = m_calls.find(callId);
    const bool mine =
        call && (s.role == Role::Kiosk ? call->site == s.site && call->kioskId == s.kioskId
                                       : call->agency == s.agency && call->agentLogin == s.login);
    if (!mine)
        fail(ErrorCode::NotFound,
             QStringLiteral("no call %1 to resume (it may have ended)").arg(callId), ref);
    const Side side = s.role == Role::Kiosk ? Side::Kiosk : Side::Agent;
    ConnectionId &slot = side == Side::Kiosk ? call->kiosk : call->agent;
    // The old connection may still look alive (a dead TCP link takes pings to notice); the
    // newer one wins and the older is let go.
    if (slot != 0 && slot != s.id) {
        if (auto old = m_sessions.find(slot); old != m_sessions.end()) {
            old->call.clear();
            old->stage = Stage::Closing;
            m_transport.close(old->id, kCloseTakenOver,
                              QStringLiteral("the call was resumed on a newer connection"));
        }
    }
    slot = s.id;
    s.call = call->id;
    call->offerPending = false;
    if (call->kiosk != 0 && call->agent != 0) {
        if (QTimer *timer = m_graceTimers.take(call->id))
            timer->deleteLater();
    }
    qCInfo(lcHubCall) << "call" << call->id << "resumed by its" << roleName(s.role);
    sendCall(*call, side, ref);
    // The resumed side has a new peer connection to build; the other side drops its own.
    const ConnectionId other = side == Side::Kiosk ? call->agent : call->kiosk;
    if (other != 0)
        send(other, {{QStringLiteral("type"), QStringLiteral("restart")},
                     {QStringLiteral("call"), call->id}});
}

// --- kiosk --------------------------------------------------------------------------------

void Switchboard::handle(Session &s, const msg::Request &m, const QString &ref)
{
    requireRole(s, Role::Kiosk, ref);
    if (!s.call.isEmpty())
        fail(ErrorCode::OutOfOrder, QStringLiteral("this kiosk is in a call"), ref);
    if (!s.request.isEmpty())
        fail(ErrorCode::OutOfOrder, QStringLiteral("this kiosk is already queued"), ref);
    const Site *site = m_config.site(s.site);
    const CounterStatus status = counterStatus(*site, m.agency, now());
    if (!status.served)
        fail(ErrorCode::UnknownAgency,
             QStringLiteral("no %1 counter serves this site").arg(m.agency), ref);
    if (!status.withinHours || presentAgents(m.agency) == 0) {
        qCInfo(lcHubQueue) << "request for" << m.agency << "from site" << s.site << "refused:"
                           << (status.withinHours ? "no agent present" : "outside its hours");
        requestEnded(m.agency, QStringLiteral("closed"));
        send(s.id, closedMessage(m.agency, status), ref);
        return;
    }
    if (takeOverRequest(s, m, ref))
        return;
    AgencyQueue &queue = m_queues[m.agency];
    WaitingRequest request;
    request.id = newUuid();
    request.kiosk = s.id;
    request.site = s.site;
    request.kioskId = s.kioskId;
    request.help = m.help;
    request.procedure = m.procedure;
    request.title = m.title;
    request.since = now();
    request.toldPosition = static_cast<int>(queue.size() + 1);
    request.toldEstimateS =
        m_estimators[m.agency].estimateS(request.toldPosition, availableAgents(m.agency));
    queue.append(request);
    s.request = request.id;
    s.requestAgency = m.agency;
    qCInfo(lcHubQueue) << "request" << request.id << "from site" << s.site << "joined the"
                       << m.agency << "queue at position" << request.toldPosition;
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("queued")},
          {QStringLiteral("request"), request.id},
          {QStringLiteral("agency"), m.agency},
          {QStringLiteral("position"), request.toldPosition},
          {QStringLiteral("estimated_wait_s"), request.toldEstimateS}},
         ref);
    markDirty(m.agency);
}

// One kiosk, one place in the queues. A kiosk that asks again on a new connection while an older
// one still holds its request (a dead link takes pings to notice) has reconnected: for the same
// agency it keeps its place (and its request id), for another its old request goes. Either way
// the older connection is let go, as when a call is resumed.
bool Switchboard::takeOverRequest(Session &s, const msg::Request &m, const QString &ref)
{
    Session *older = nullptr;
    for (Session &other : m_sessions) {
        if (other.id != s.id && other.role == Role::Kiosk && other.stage == Stage::Ready &&
            other.site == s.site && other.kioskId == s.kioskId && !other.request.isEmpty()) {
            older = &other;
            break;
        }
    }
    if (!older)
        return false;
    const QString requestId = std::exchange(older->request, {});
    const QString agency = std::exchange(older->requestAgency, {});
    older->stage = Stage::Closing;
    m_transport.close(older->id, kCloseTakenOver,
                      QStringLiteral("the kiosk's request was taken over by a newer connection"));
    AgencyQueue &queue = m_queues[agency];
    if (agency != m.agency) {
        requestEnded(agency, QStringLiteral("abandoned"));
        queue.remove(requestId);
        markDirty(agency);
        qCInfo(lcHubQueue) << "request" << requestId << "left the" << agency
                           << "queue: its kiosk asked for" << m.agency << "on a newer connection";
        return false;
    }
    for (WaitingRequest &waiting : queue.waiting()) {
        if (waiting.id != requestId)
            continue;
        waiting.kiosk = s.id;
        waiting.help = m.help;
        waiting.procedure = m.procedure;
        waiting.title = m.title;
        s.request = requestId;
        s.requestAgency = agency;
        qCInfo(lcHubQueue) << "request" << requestId << "of the" << agency
                           << "queue kept its place on its kiosk's newer connection";
        send(s.id,
             {{QStringLiteral("type"), QStringLiteral("queued")},
              {QStringLiteral("request"), requestId},
              {QStringLiteral("agency"), agency},
              {QStringLiteral("position"), waiting.toldPosition},
              {QStringLiteral("estimated_wait_s"), waiting.toldEstimateS}},
             ref);
        markDirty(agency);
        return true;
    }
    return false;
}

void Switchboard::handle(Session &s, const msg::Leave &m, const QString &ref)
{
    requireRole(s, Role::Kiosk, ref);
    if (s.request != m.request)
        fail(ErrorCode::NotFound, QStringLiteral("this kiosk is not queued with that request"),
             ref);
    m_queues[s.requestAgency].remove(s.request);
    markDirty(s.requestAgency);
    requestEnded(s.requestAgency, QStringLiteral("abandoned"));
    qCInfo(lcHubQueue) << "request" << s.request << "left the" << s.requestAgency << "queue";
    s.request.clear();
    s.requestAgency.clear();
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("left")}, {QStringLiteral("request"), m.request}},
         ref);
}

void Switchboard::handle(Session &s, const msg::Callback &m, const QString &ref)
{
    requireRole(s, Role::Kiosk, ref);
    if (!s.call.isEmpty())
        fail(ErrorCode::OutOfOrder, QStringLiteral("this kiosk is in a call"), ref);
    const Site *site = m_config.site(s.site);
    if (!site->counter(m.agency))
        fail(ErrorCode::UnknownAgency,
             QStringLiteral("no %1 counter serves this site").arg(m.agency), ref);
    // A callback names no person: the agency calls the site back, and a second one from the
    // same kiosk would only be the same call twice (and, unchecked, a commit and a list sent to
    // every agent each time). The open one stands for it.
    const std::optional<CallbackRecord> open = m_store.openCallback(s.site, s.kioskId, m.agency);
    // Recorded (and committed) before anything is answered or changed.
    const CallbackRecord record =
        open ? *open : m_store.addCallback(s.site, s.kioskId, m.agency, now());
    if (open)
        qCInfo(lcHubQueue) << "callback" << record.id << "for" << m.agency << "at site" << s.site
                           << "asked again: already open";
    else
        qCInfo(lcHubQueue) << "callback" << record.id << "recorded for" << m.agency << "at site"
                           << s.site;
    if (!s.request.isEmpty()) {
        requestEnded(s.requestAgency, QStringLiteral("callback"));
        m_queues[s.requestAgency].remove(s.request);
        markDirty(s.requestAgency);
        s.request.clear();
        s.requestAgency.clear();
    }
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("callback_recorded")},
          {QStringLiteral("callback"), record.id}},
         ref);
    if (!open)
        markDirty(m.agency);
}

// --- the mediator's desk -----------------------------------------------------------------

void Switchboard::handle(Session &s, const msg::Help &m, const QString &ref)
{
    requireRole(s, Role::Kiosk, ref);
    if (m_help.ofKiosk(s.id))
        fail(ErrorCode::OutOfOrder, QStringLiteral("this kiosk has already called for help"), ref);
    const HelpAlert &alert = m_help.raise({newUuid(),
                                           s.site,
                                           s.kioskId,
                                           s.id,
                                           m.topic,
                                           m.agency,
                                           m.procedure,
                                           m.title,
                                           m.step,
                                           now(),
                                           {}});
    const int mediators = static_cast<int>(m_mediators.value(s.site).size());
    qCInfo(lcHubSession).noquote()
        << "call for help" << alert.id << "from" << s.site + QLatin1Char('/') + s.kioskId << "about"
        << m.topic << "reaches" << mediators << "mediator(s)";
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("help_sent")},
          {QStringLiteral("alert"), alert.id},
          {QStringLiteral("mediators"), mediators}},
         ref);
    sendHelpState(s.site);
}

void Switchboard::handle(Session &s, const msg::HelpTaken &m, const QString &ref)
{
    requireRole(s, Role::Mediator, ref);
    HelpAlert *alert = m_help.find(m.alert);
    if (!alert || alert->site != s.site)
        fail(ErrorCode::NotFound,
             QStringLiteral("no call for help %1 at this site (the resident may have left)")
                 .arg(m.alert),
             ref);
    alert->takenBy = s.displayName;
    qCInfo(lcHubSession) << "call for help" << alert->id << "taken by mediator" << s.uuid;
    send(alert->kiosk, {{QStringLiteral("type"), QStringLiteral("help_coming")},
                        {QStringLiteral("alert"), alert->id},
                        {QStringLiteral("display_name"), s.displayName}});
    sendHelpState(s.site);
}

void Switchboard::handle(Session &s, const msg::HelpCancel &m, const QString &ref)
{
    requireRole(s, Role::Kiosk, ref);
    const HelpAlert *alert = m_help.ofKiosk(s.id);
    if (!alert || alert->id != m.alert)
        fail(ErrorCode::NotFound, QStringLiteral("this kiosk has no call for help %1").arg(m.alert),
             ref);
    m_help.remove(m.alert);
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("help_cancelled")},
          {QStringLiteral("alert"), m.alert}},
         ref);
    sendHelpState(s.site);
}

void Switchboard::handle(Session &s, const msg::Logout &, const QString &ref)
{
    if (s.role == Role::Kiosk)
        fail(ErrorCode::OutOfOrder, QStringLiteral("only an agent or a mediator logs out"), ref);
    m_tokens.revoke(s.sessionToken);
    s.sessionToken.clear();
    qCInfo(lcHubSession) << roleName(s.role).toUtf8().constData() << s.uuid
                         << "logged out; its session token is revoked";
    send(s.id, {{QStringLiteral("type"), QStringLiteral("logged_out")}}, ref);
    s.stage = Stage::Closing;
    m_transport.close(s.id, kCloseLoggedOut, QStringLiteral("logged out"));
}

void Switchboard::sendHelpState(const QString &site)
{
    const QSet<ConnectionId> mediators = m_mediators.value(site);
    if (mediators.isEmpty())
        return;
    const QByteArray state = encode(helpState(site));
    for (const ConnectionId mediator : mediators)
        m_transport.send(mediator, state);
}

QJsonObject Switchboard::helpState(const QString &site) const
{
    const QDateTime at = now();
    QJsonArray alerts;
    for (const HelpAlert &alert : m_help.ofSite(site)) {
        QJsonObject entry{{QStringLiteral("alert"), alert.id},
                          {QStringLiteral("kiosk"), alert.kioskId},
                          {QStringLiteral("topic"), alert.topic},
                          {QStringLiteral("waiting_s"), alert.raisedAt.secsTo(at)},
                          {QStringLiteral("taken_by"),
                           alert.takenBy.isEmpty() ? QJsonValue() : QJsonValue(alert.takenBy)}};
        if (!alert.agency.isEmpty())
            entry.insert(QStringLiteral("agency"), alert.agency);
        if (!alert.procedure.isEmpty())
            entry.insert(QStringLiteral("procedure"), alert.procedure);
        if (!alert.title.isEmpty())
            entry.insert(QStringLiteral("title"), alert.title);
        if (alert.step > 0)
            entry.insert(QStringLiteral("step"), alert.step);
        alerts.append(entry);
    }
    const Site *known = m_config.site(site);
    return {{QStringLiteral("type"), QStringLiteral("help_state")},
            {QStringLiteral("site"), site},
            {QStringLiteral("site_name"), known ? known->name : site},
            {QStringLiteral("alerts"), alerts}};
}

// --- agent --------------------------------------------------------------------------------

void Switchboard::handle(Session &s, const msg::SetPresence &m, const QString &ref)
{
    requireRole(s, Role::Agent, ref);
    if (s.presence == m.state)
        return;
    s.presence = m.state;
    qCInfo(lcHubQueue) << "agent" << s.uuid << "of" << s.agency << "is now"
                       << presenceName(m.state);
    markDirty(s.agency);
}

void Switchboard::handle(Session &s, const msg::Take &m, const QString &ref)
{
    requireRole(s, Role::Agent, ref);
    if (s.presence != Presence::Available)
        fail(ErrorCode::OutOfOrder, QStringLiteral("only an available agent can take a request"),
             ref);
    if (m_calls.forAgent(s.agency, s.login))
        fail(ErrorCode::OutOfOrder, QStringLiteral("this agent is already in a call"), ref);
    AgencyQueue &queue = m_queues[s.agency];
    const std::optional<WaitingRequest> request =
        m.request.isEmpty() ? queue.takeNextFor(s.login) : queue.take(m.request);
    if (!request)
        fail(ErrorCode::NotFound,
             m.request.isEmpty() ? QStringLiteral("nobody is waiting")
                                 : QStringLiteral("that request is not waiting in this queue"),
             ref);
    markDirty(s.agency);
    // A kiosk's request leaves the queue when the kiosk disconnects, so this always finds it.
    const auto kiosk = m_sessions.find(request->kiosk);
    if (kiosk == m_sessions.end())
        fail(ErrorCode::NotFound, QStringLiteral("that request's kiosk has gone"), ref);

    Call call;
    call.id = newUuid();
    call.request = request->id;
    call.agency = s.agency;
    call.site = request->site;
    call.kioskId = request->kioskId;
    call.agentLogin = s.login;
    call.agentDisplayName = s.displayName;
    call.procedure = request->procedure;
    call.title = request->title;
    call.kiosk = request->kiosk;
    call.agent = s.id;
    call.startedAt = now();
    m_calls.add(call);
    requestEnded(call.agency, QStringLiteral("answered"), request->since.secsTo(call.startedAt));
    kiosk->request.clear();
    kiosk->requestAgency.clear();
    kiosk->call = call.id;
    s.call = call.id;
    qCInfo(lcHubCall) << "call" << call.id << "of" << call.agency << "started for request"
                      << call.request << "from site" << call.site << "after"
                      << request->since.secsTo(call.startedAt) << "s";
    sendCall(call, Side::Kiosk, {});
    sendCall(call, Side::Agent, ref);
}

// "Je suis à vous dans 5 minutes": passed to the waiting kiosk as it is, and kept on the
// queue's row so that the agency's other advisers see what she was told.
void Switchboard::handle(Session &s, const msg::Word &m, const QString &ref)
{
    requireRole(s, Role::Agent, ref);
    WaitingRequest *waiting = nullptr;
    for (WaitingRequest &request : m_queues[s.agency].waiting())
        if (request.id == m.request)
            waiting = &request;
    if (!waiting)
        fail(ErrorCode::NotFound,
             QStringLiteral("that request is not waiting in this queue (it may have just left)"),
             ref);
    const QString text = m.word.isEmpty() ? m.text : readyWordText(m.word);
    QJsonObject word{{QStringLiteral("type"), QStringLiteral("word")},
                     {QStringLiteral("request"), m.request},
                     {QStringLiteral("text"), text},
                     {QStringLiteral("display_name"), s.displayName}};
    if (!m.word.isEmpty())
        word.insert(QStringLiteral("word"), m.word);
    send(waiting->kiosk, word);
    waiting->said = text;
    qCInfo(lcHubQueue) << "an agent of" << s.agency << "sent a word to request" << m.request
                       << (m.word.isEmpty() ? QStringLiteral("(own text)") : m.word);
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("word_sent")},
          {QStringLiteral("request"), m.request}},
         ref);
    markDirty(s.agency);
}

// The resident is passed on without hanging up: her kiosk goes from the call to the head of the
// chosen queue (its `transferred` stands for `queued`), the adviser's side ends as any call.
void Switchboard::handle(Session &s, const msg::Transfer &m, const QString &ref)
{
    requireRole(s, Role::Agent, ref);
    Call &call = ownCall(s, m.call, ref);
    if (call.kiosk == 0)
        fail(ErrorCode::OutOfOrder,
             QStringLiteral("the kiosk is reconnecting; pass the call on once it is back"), ref);
    const QString agency = m.login.isEmpty() ? m.agency : s.agency;
    if (!m.login.isEmpty()) {
        if (m.login == s.login)
            fail(ErrorCode::BadMessage, QStringLiteral("a call cannot be passed to oneself"), ref);
        if (!colleaguePresent(agency, m.login))
            fail(ErrorCode::Unavailable,
                 QStringLiteral("%1 is not connected or is offline").arg(m.login), ref);
    } else {
        const CounterStatus status = counterStatus(*m_config.site(call.site), agency, now());
        if (!status.served)
            fail(ErrorCode::UnknownAgency,
                 QStringLiteral("no %1 counter serves this site").arg(agency), ref);
        if (!status.withinHours || presentAgents(agency) == 0)
            fail(ErrorCode::Unavailable, QStringLiteral("the %1 counter is closed now").arg(agency),
                 ref);
    }
    WaitingRequest request;
    request.id = newUuid();
    request.kiosk = call.kiosk;
    request.site = call.site;
    request.kioskId = call.kioskId;
    request.help = QStringLiteral("visio");
    request.procedure = call.procedure;
    request.title = call.title;
    request.transferredBy = s.displayName;
    request.reservedFor = m.login;
    request.since = now();
    request.toldPosition = 1;
    request.toldEstimateS = m_estimators[agency].estimateS(1, availableAgents(agency));
    const auto kiosk = m_sessions.find(call.kiosk);
    kiosk->call.clear();
    kiosk->request = request.id;
    kiosk->requestAgency = agency;
    m_queues[agency].prepend(request);
    qCInfo(lcHubCall) << "call" << call.id << "of" << call.agency << "passed on to"
                      << (m.login.isEmpty() ? agency : agency + QLatin1Char('/') + m.login)
                      << "as request" << request.id;
    send(call.kiosk, {{QStringLiteral("type"), QStringLiteral("transferred")},
                      {QStringLiteral("call"), call.id},
                      {QStringLiteral("request"), request.id},
                      {QStringLiteral("agency"), agency},
                      {QStringLiteral("position"), request.toldPosition},
                      {QStringLiteral("estimated_wait_s"), request.toldEstimateS}});
    call.kiosk = 0; // told already: the end below is the adviser's alone
    endCall(call.id, QStringLiteral("agent"), QStringLiteral("transferred"), s.id, ref);
    markDirty(agency);
}

void Switchboard::handle(Session &s, const msg::TransferOptions &m, const QString &ref)
{
    requireRole(s, Role::Agent, ref);
    const Call &call = ownCall(s, m.call, ref);
    const Site *site = m_config.site(call.site);
    QJsonArray agencies;
    for (const Counter &counter : site->counters) {
        if (counter.agency == s.agency)
            continue;
        const CounterStatus status = counterStatus(*site, counter.agency, now());
        agencies.append(QJsonObject{
            {QStringLiteral("agency"), counter.agency},
            {QStringLiteral("open"), status.withinHours && presentAgents(counter.agency) > 0}});
    }
    QMap<QString, QJsonObject> colleagues; // by login: one entry per account, in login order
    for (const ConnectionId connection : m_agents.value(s.agency)) {
        const auto it = m_sessions.constFind(connection);
        if (it == m_sessions.constEnd() || it->login == s.login ||
            it->presence == Presence::Offline || colleagues.contains(it->login))
            continue;
        colleagues.insert(it->login, {{QStringLiteral("login"), it->login},
                                      {QStringLiteral("display_name"), it->displayName},
                                      {QStringLiteral("state"), presenceName(it->presence)},
                                      {QStringLiteral("in_call"),
                                       m_calls.forAgent(s.agency, it->login) != nullptr}});
    }
    QJsonArray list;
    for (const QJsonObject &colleague : colleagues)
        list.append(colleague);
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("transfer_options")},
          {QStringLiteral("call"), call.id},
          {QStringLiteral("agencies"), agencies},
          {QStringLiteral("colleagues"), list}},
         ref);
}

bool Switchboard::colleaguePresent(const QString &agency, const QString &login) const
{
    for (const ConnectionId connection : m_agents.value(agency)) {
        const auto it = m_sessions.constFind(connection);
        if (it != m_sessions.constEnd() && it->login == login && it->presence != Presence::Offline)
            return true;
    }
    return false;
}

void Switchboard::handle(Session &s, const msg::CallbackDone &m, const QString &ref)
{
    requireRole(s, Role::Agent, ref);
    if (!m_store.closeCallback(m.callback, s.agency, s.login, now()))
        fail(ErrorCode::NotFound,
             QStringLiteral("no open callback %1 for this agency").arg(m.callback), ref);
    qCInfo(lcHubQueue) << "callback" << m.callback << "of" << s.agency << "closed";
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("callback_closed")},
          {QStringLiteral("callback"), m.callback}},
         ref);
    markDirty(s.agency);
}

// --- the call -----------------------------------------------------------------------------

Call &Switchboard::ownCall(Session &s, const QString &callId, const QString &ref)
{
    Call *call = s.call == callId ? m_calls.find(callId) : nullptr;
    if (!call)
        fail(ErrorCode::NotFound, QStringLiteral("no call %1 on this connection").arg(callId), ref);
    return *call;
}

void Switchboard::handleSdp(Session &s, const msg::Sdp &m, const QString &ref,
                            const QByteArray &frame)
{
    Call &call = ownCall(s, m.call, ref);
    if (s.role == Role::Kiosk && !m.offer)
        fail(ErrorCode::OutOfOrder, QStringLiteral("the kiosk offers, it never answers"), ref);
    if (s.role == Role::Agent && m.offer)
        fail(ErrorCode::OutOfOrder, QStringLiteral("the agent answers, it never offers"), ref);
    if (s.role == Role::Agent && !call.offerPending)
        fail(ErrorCode::OutOfOrder, QStringLiteral("there is no offer to answer"), ref);
    call.offerPending = m.offer;
    // Forwarded byte for byte: the hub has checked it, it does not rewrite it.
    const ConnectionId other = s.role == Role::Kiosk ? call.agent : call.kiosk;
    if (other != 0)
        m_transport.send(other, frame);
}

void Switchboard::handleIce(Session &s, const msg::Ice &m, const QString &ref,
                            const QByteArray &frame)
{
    const Call &call = ownCall(s, m.call, ref);
    const ConnectionId other = s.role == Role::Kiosk ? call.agent : call.kiosk;
    // A candidate for a side that is reconnecting is useless: it will rebuild and offer anew.
    if (other != 0)
        m_transport.send(other, frame);
}

void Switchboard::handle(Session &s, const msg::Restart &m, const QString &ref)
{
    Call &call = ownCall(s, m.call, ref);
    if (s.role != Role::Kiosk)
        fail(ErrorCode::OutOfOrder, QStringLiteral("only the kiosk restarts a call"), ref);
    call.offerPending = false;
    qCInfo(lcHubCall) << "call" << call.id << "restarted by its kiosk";
    if (call.agent != 0)
        send(call.agent, {{QStringLiteral("type"), QStringLiteral("restart")},
                          {QStringLiteral("call"), call.id}});
}

void Switchboard::handle(Session &s, const msg::Hangup &m, const QString &ref)
{
    ownCall(s, m.call, ref);
    endCall(m.call, roleName(s.role), m.reason, s.id, ref);
}

void Switchboard::sendCall(const Call &call, Side side, const QString &ref)
{
    QJsonObject peer;
    if (side == Side::Kiosk) {
        peer = {{QStringLiteral("role"), QStringLiteral("agent")},
                {QStringLiteral("display_name"), call.agentDisplayName}};
    } else {
        const Site *site = m_config.site(call.site);
        peer = {{QStringLiteral("role"), QStringLiteral("kiosk")},
                {QStringLiteral("site"), call.site},
                {QStringLiteral("site_name"), site->name},
                {QStringLiteral("commune"), site->commune},
                {QStringLiteral("procedure"), call.procedure},
                {QStringLiteral("title"), call.title}};
    }
    send(side == Side::Kiosk ? call.kiosk : call.agent,
         {{QStringLiteral("type"), QStringLiteral("call")},
          {QStringLiteral("call"), call.id},
          {QStringLiteral("request"), call.request},
          {QStringLiteral("agency"), call.agency},
          {QStringLiteral("peer"), peer},
          {QStringLiteral("ice_servers"), iceServers(m_config.turn, call.id, now())},
          {QStringLiteral("ice_transport_policy"), iceTransportPolicy(m_config.turn)}},
         ref);
}

void Switchboard::endCall(const QString &callId, const QString &by, const QString &reason,
                          ConnectionId requester, const QString &ref)
{
    Call *call = m_calls.find(callId);
    if (!call)
        return;
    const QJsonObject ended{{QStringLiteral("type"), QStringLiteral("ended")},
                            {QStringLiteral("call"), callId},
                            {QStringLiteral("by"), by},
                            {QStringLiteral("reason"), reason}};
    for (const ConnectionId side : {call->kiosk, call->agent}) {
        if (side == 0)
            continue;
        send(side, ended, side == requester ? ref : QString());
        if (auto it = m_sessions.find(side); it != m_sessions.end())
            it->call.clear();
    }
    const qint64 seconds = call->startedAt.secsTo(now());
    m_estimators[call->agency].recordCall(seconds);
    if (reason != QLatin1String("transferred"))
        awaitWrapUp(*call);
    qCInfo(lcHubCall) << "call" << callId << "ended by" << by << "(" << reason << ") after"
                      << seconds << "s";
    if (QTimer *timer = m_graceTimers.take(callId))
        timer->deleteLater();
    markDirty(call->agency);
    m_calls.remove(callId);
}

// The adviser says how the call ended after it is over, in the console's own time (the next
// resident may come first); a call passed on is wrapped up by the colleague who ends it.
void Switchboard::awaitWrapUp(const Call &call)
{
    if (call.agentLogin.isEmpty())
        return;
    const QDateTime at = now();
    for (auto it = m_wrapUps.begin(); it != m_wrapUps.end();)
        it = it->endedAt.secsTo(at) > kWrapUpHours * 3600 ? m_wrapUps.erase(it) : std::next(it);
    const Site *site = m_config.site(call.site);
    const QDate day = site ? at.toTimeZone(site->timeZone).date() : at.date();
    m_wrapUps.insert(call.id, {call.agency, call.site, call.agentLogin, day, at});
}

void Switchboard::handle(Session &s, const msg::WrapUp &m, const QString &ref)
{
    requireRole(s, Role::Agent, ref);
    const auto it = m_wrapUps.constFind(m.call);
    if (it == m_wrapUps.cend() || it->agency != s.agency || it->login != s.login ||
        it->endedAt.secsTo(now()) > kWrapUpHours * 3600)
        fail(ErrorCode::NotFound,
             QStringLiteral("that call is not one of yours waiting for a wrap-up (it may "
                            "have been wrapped up already)"),
             ref);
    m_store.addCallOutcome(it->agency, it->site, it->day, m.outcome, now());
    qCInfo(lcHubCall) << "call" << m.call << "wrapped up:" << m.outcome;
    m_wrapUps.erase(it);
    send(s.id,
         {{QStringLiteral("type"), QStringLiteral("wrap_up_saved")},
          {QStringLiteral("call"), m.call},
          {QStringLiteral("outcome"), m.outcome}},
         ref);
    emit callOutcomeStored();
}

void Switchboard::sideLost(Call &call, Side side)
{
    (side == Side::Kiosk ? call.kiosk : call.agent) = 0;
    call.offerPending = false;
    if (call.kiosk == 0 && call.agent == 0) {
        qCInfo(lcHubCall) << "call" << call.id << "lost both sides";
    }
    const ConnectionId other = side == Side::Kiosk ? call.agent : call.kiosk;
    if (other != 0)
        send(other, {{QStringLiteral("type"), QStringLiteral("peer_reconnecting")},
                     {QStringLiteral("call"), call.id}});
    qCInfo(lcHubCall) << "call" << call.id << "lost its"
                      << (side == Side::Kiosk ? "kiosk" : "agent") << "; waiting"
                      << m_config.graceMs << "ms for it to come back";
    if (m_graceTimers.contains(call.id))
        return;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    const QString callId = call.id;
    connect(timer, &QTimer::timeout, this, [this, callId] { graceOver(callId); });
    timer->start(m_config.graceMs);
    m_graceTimers.insert(call.id, timer);
}

void Switchboard::graceOver(const QString &callId)
{
    if (QTimer *timer = m_graceTimers.take(callId))
        timer->deleteLater();
    const Call *call = m_calls.find(callId);
    if (!call || (call->kiosk != 0 && call->agent != 0))
        return;
    qCWarning(lcHubCall) << "call" << callId << "ended: its"
                         << (call->kiosk == 0 ? "kiosk" : "agent")
                         << "did not come back within the grace period";
    endCall(callId, QStringLiteral("hub"), QStringLiteral("peer_lost"));
}

// --- queues -------------------------------------------------------------------------------

// Agents are counted by account: the same login in two browser tabs is one person, who
// shortens nobody's wait twice.
int Switchboard::presentAgents(const QString &agency) const
{
    QSet<QString> logins;
    for (const ConnectionId connection : m_agents.value(agency)) {
        const auto it = m_sessions.constFind(connection);
        if (it != m_sessions.constEnd() && it->presence != Presence::Offline)
            logins.insert(it->login);
    }
    return static_cast<int>(logins.size());
}

int Switchboard::availableAgents(const QString &agency) const
{
    QSet<QString> logins;
    for (const ConnectionId connection : m_agents.value(agency)) {
        const auto it = m_sessions.constFind(connection);
        if (it != m_sessions.constEnd() && it->presence == Presence::Available)
            logins.insert(it->login);
    }
    return static_cast<int>(logins.size());
}

void Switchboard::markDirty(const QString &agency)
{
    m_dirty.insert(agency);
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QTimer::singleShot(0, this, &Switchboard::flushQueues);
}

void Switchboard::flushQueues()
{
    m_flushScheduled = false;
    const QSet<QString> dirty = std::exchange(m_dirty, {});
    for (const QString &agency : dirty) {
        watchEmptyCounter(agency);
        const int available = availableAgents(agency);
        const WaitEstimator &estimator = m_estimators[agency];
        QList<WaitingRequest> &waiting = m_queues[agency].waiting();
        for (qsizetype i = 0; i < waiting.size(); ++i) {
            WaitingRequest &request = waiting[i];
            const int position = static_cast<int>(i + 1);
            const int estimate = estimator.estimateS(position, available);
            if (position == request.toldPosition && estimate == request.toldEstimateS)
                continue;
            request.toldPosition = position;
            request.toldEstimateS = estimate;
            send(request.kiosk, {{QStringLiteral("type"), QStringLiteral("queue")},
                                 {QStringLiteral("request"), request.id},
                                 {QStringLiteral("position"), position},
                                 {QStringLiteral("estimated_wait_s"), estimate}});
        }
        sendCounterState(agency);
        const QSet<ConnectionId> agents = m_agents.value(agency);
        if (agents.isEmpty())
            continue;
        // Presence changes, agents coming and going and calls ending mark the agency too (the
        // kiosks' estimates depend on them) but leave the agents' list as it was.
        const QJsonObject state = queueState(agency);
        const QByteArray signature = queueSignature(state);
        QByteArray encoded;
        for (const ConnectionId agent : agents) {
            const auto session = m_sessions.find(agent);
            if (session == m_sessions.end() || session->stage != Stage::Ready ||
                session->queueSeen == signature)
                continue;
            session->queueSeen = signature;
            if (encoded.isEmpty())
                encoded = encode(state);
            m_transport.send(agent, encoded);
        }
    }
}

void Switchboard::watchEmptyCounter(const QString &agency)
{
    // Kiosks already queued when the hours end are still served while an agent is there; but
    // once none is (the last went offline or lost its connection, and did not come back
    // within the grace), nobody will answer them: they are told, rather than left waiting.
    const bool abandoned = !m_queues[agency].isEmpty() && presentAgents(agency) == 0;
    QTimer *timer = m_emptyCounterTimers.value(agency);
    if (!abandoned) {
        if (timer)
            m_emptyCounterTimers.take(agency)->deleteLater();
        return;
    }
    if (timer)
        return;
    timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, agency] {
        if (QTimer *t = m_emptyCounterTimers.take(agency))
            t->deleteLater();
        if (presentAgents(agency) == 0)
            closeQueue(agency);
    });
    timer->start(m_config.graceMs);
    m_emptyCounterTimers.insert(agency, timer);
}

void Switchboard::closeQueue(const QString &agency)
{
    const QList<WaitingRequest> waiting = std::exchange(m_queues[agency].waiting(), {});
    const QDateTime at = now();
    for (const WaitingRequest &request : waiting) {
        const auto kiosk = m_sessions.find(request.kiosk);
        if (kiosk == m_sessions.end())
            continue;
        kiosk->request.clear();
        kiosk->requestAgency.clear();
        requestEnded(agency, QStringLiteral("closed"));
        qCInfo(lcHubQueue) << "request" << request.id << "from site" << request.site << "ended: no"
                           << agency << "agent is present any more";
        send(request.kiosk,
             closedMessage(agency, counterStatus(*m_config.site(request.site), agency, at),
                           request.id));
    }
    markDirty(agency);
}

QJsonObject Switchboard::queueState(const QString &agency) const
{
    const QDateTime at = now();
    QJsonArray waiting;
    const auto queue = m_queues.constFind(agency);
    if (queue != m_queues.constEnd()) {
        for (const WaitingRequest &request : queue->waiting()) {
            const Site *site = m_config.site(request.site);
            waiting.append(QJsonObject{{QStringLiteral("request"), request.id},
                                       {QStringLiteral("site"), request.site},
                                       {QStringLiteral("site_name"), site->name},
                                       {QStringLiteral("commune"), site->commune},
                                       {QStringLiteral("help"), request.help},
                                       {QStringLiteral("procedure"), request.procedure},
                                       {QStringLiteral("title"), request.title},
                                       {QStringLiteral("said"), request.said},
                                       {QStringLiteral("transferred_by"), request.transferredBy},
                                       {QStringLiteral("reserved_for"), request.reservedFor},
                                       {QStringLiteral("waiting_s"), request.since.secsTo(at)}});
        }
    }
    QJsonArray callbacks;
    for (const CallbackRecord &record : m_store.openCallbacks(agency)) {
        const Site *site = m_config.site(record.site);
        callbacks.append(QJsonObject{{QStringLiteral("callback"), record.id},
                                     {QStringLiteral("site"), record.site},
                                     {QStringLiteral("site_name"), site ? site->name : record.site},
                                     {QStringLiteral("commune"), site ? site->commune : QString()},
                                     {QStringLiteral("requested_at"), isoUtc(record.requestedAt)}});
    }
    return {{QStringLiteral("type"), QStringLiteral("queue_state")},
            {QStringLiteral("agency"), agency},
            {QStringLiteral("waiting"), waiting},
            {QStringLiteral("callbacks"), callbacks}};
}

void Switchboard::requestEnded(const QString &agency, const QString &outcome, qint64 waitS)
{
    m_metrics.callOutcome(agency, outcome);
    m_today.record(agency, agencyDay(agency), outcome, waitS);
}

// The day in the time zone of the agency's first site: an agency's counters are in one
// country, and its supervisors read "today" as its advisers do.
QDate Switchboard::agencyDay(const QString &agency) const
{
    for (const Site &site : m_config.sites)
        if (site.counter(agency))
            return now().toTimeZone(site.timeZone).date();
    return now().date();
}

// What an agency's supervisors see: the queue as its advisers see it, each adviser's state
// (in a call since when, available, paused, offline; an account with several tabs counts
// once, by its busiest), and the day's figures.
QJsonObject Switchboard::counterState(const QString &agency) const
{
    QJsonObject state = queueState(agency);
    state.insert(QStringLiteral("type"), QStringLiteral("counter_state"));
    struct Adviser
    {
        QString name;
        int rank = 0; // offline 0, paused 1, available 2, in a call 3
        QString callStartedAt;
    };
    QMap<QString, Adviser> advisers;
    for (const ConnectionId id : m_agents.value(agency)) {
        const auto session = m_sessions.constFind(id);
        if (session == m_sessions.cend())
            continue;
        Adviser &adviser = advisers[session->login];
        adviser.name = session->displayName;
        const Call *call = m_calls.forAgent(agency, session->login);
        const int rank = call                                       ? 3
                         : session->presence == Presence::Available ? 2
                         : session->presence == Presence::Paused    ? 1
                                                                    : 0;
        if (rank >= adviser.rank) {
            adviser.rank = rank;
            adviser.callStartedAt = call ? isoUtc(call->startedAt) : QString();
        }
    }
    static const QStringList states = {QStringLiteral("offline"), QStringLiteral("paused"),
                                       QStringLiteral("available"), QStringLiteral("in_call")};
    QJsonArray list;
    for (auto it = advisers.cbegin(); it != advisers.cend(); ++it) {
        QJsonObject adviser{{QStringLiteral("login"), it.key()},
                            {QStringLiteral("display_name"), it->name},
                            {QStringLiteral("state"), states.at(it->rank)}};
        if (!it->callStartedAt.isEmpty())
            adviser.insert(QStringLiteral("call_started_at"), it->callStartedAt);
        list.append(adviser);
    }
    state.insert(QStringLiteral("advisers"), list);
    state.insert(QStringLiteral("today"), m_today.figures(agency, agencyDay(agency)));
    state.insert(QStringLiteral("server_time"), isoUtc(now()));
    return state;
}

void Switchboard::sendCounterState(const QString &agency)
{
    const QSet<ConnectionId> supervisors = m_supervisors.value(agency);
    if (supervisors.isEmpty())
        return;
    const QJsonObject state = counterState(agency);
    for (const ConnectionId supervisor : supervisors)
        send(supervisor, state);
}

QByteArray Switchboard::queueSignature(const QJsonObject &state)
{
    QJsonArray waiting;
    for (const QJsonValue &entry : state.value(QStringLiteral("waiting")).toArray()) {
        QJsonObject request = entry.toObject();
        request.remove(QStringLiteral("waiting_s"));
        waiting.append(request);
    }
    QJsonObject stable = state;
    stable.insert(QStringLiteral("waiting"), waiting);
    return encode(stable);
}

// --- operations ---------------------------------------------------------------------------

void Switchboard::collectMetrics(net::Metrics &metrics) const
{
    const QDateTime at = now();
    int kiosks = 0;
    for (const Session &session : m_sessions) {
        if (session.role == Role::Kiosk && session.stage == Stage::Ready)
            ++kiosks;
    }
    metrics.set("relais_hub_kiosks_connected", {}, kiosks);
    metrics.set("relais_hub_calls_in_progress", {}, double(m_calls.size()));
    for (const char *gauge :
         {"relais_hub_agents_connected", "relais_hub_agents_available", "relais_hub_queue_length",
          "relais_hub_queue_longest_wait_seconds", "relais_hub_mediators_connected"})
        metrics.clear(gauge);
    for (const QString &agency : m_config.agencies()) {
        const net::Metrics::Labels labels{{"agency", agency}};
        metrics.set("relais_hub_agents_connected", labels, double(m_agents.value(agency).size()));
        metrics.set("relais_hub_agents_available", labels, availableAgents(agency));
        const auto queue = m_queues.constFind(agency);
        const bool waiting = queue != m_queues.constEnd() && !queue->isEmpty();
        metrics.set("relais_hub_queue_length", labels, waiting ? double(queue->size()) : 0);
        metrics.set("relais_hub_queue_longest_wait_seconds", labels,
                    waiting ? double(queue->waiting().first().since.secsTo(at)) : 0);
    }
    for (const Site &site : m_config.sites)
        metrics.set("relais_hub_mediators_connected", {{"site", site.id}},
                    double(m_mediators.value(site.id).size()));
}

void Switchboard::watchAccounts()
{
    int version = 0;
    try {
        version = m_store.changesFromElsewhere();
    } catch (const std::exception &error) {
        qCCritical(lcHubStore) << "could not look for account changes:" << error.what();
        return;
    }
    if (version == m_storeVersion)
        return;
    m_storeVersion = version;
    for (Session &s : m_sessions) {
        if (s.stage != Stage::Ready || s.role == Role::Kiosk)
            continue;
        const AccountKind kind =
            s.role == Role::Mediator ? AccountKind::Mediator : AccountKind::Agent;
        const QString scope = s.role == Role::Mediator ? s.site : s.agency;
        std::optional<Account> account;
        try {
            account = m_store.account(kind, scope, s.login);
        } catch (const std::exception &error) {
            qCCritical(lcHubStore) << "could not read an account:" << error.what();
            return;
        }
        QString why;
        if (!account)
            why = QStringLiteral("this account was removed");
        else if (account->disabled)
            why = QStringLiteral("this account was disabled");
        else if (account->passwordHash != s.passwordHash)
            why = QStringLiteral("this account's password was changed");
        else if (s.role == Role::Supervisor && !account->supervisor)
            why = QStringLiteral("this account no longer supervises its agency");
        else
            continue;
        qCWarning(lcHubSession).noquote()
            << roleName(s.role) << scope + QLatin1Char('/') + s.login << "let go:" << why;
        m_tokens.revokeAccount(kind, scope, s.login);
        s.sessionToken.clear(); // revoked: nothing to release when the connection goes
        reject(s, {ErrorCode::AccountClosed, why, {}});
    }
}

// --- replies ------------------------------------------------------------------------------

void Switchboard::send(ConnectionId connection, const QJsonObject &message, const QString &ref)
{
    if (ref.isEmpty()) {
        m_transport.send(connection, encode(message));
        return;
    }
    QJsonObject withRef = message;
    withRef.insert(QStringLiteral("ref"), ref);
    m_transport.send(connection, encode(withRef));
}

void Switchboard::reject(Session &s, const ProtocolError &error)
{
    qCDebug(lcHubSession).noquote()
        << "connection" << s.uuid << "error" << errorCodeName(error.code) << error.message;
    m_transport.send(s.id, encode(errorReply(error)));
    m_metrics.refused(errorCodeName(error.code));
    if (isFatal(error.code)) {
        s.stage = Stage::Closing;
        m_transport.close(s.id, kCloseAfterFatalError, errorCodeName(error.code));
    }
}

void Switchboard::fail(ErrorCode code, const QString &message, const QString &ref)
{
    throw ProtocolError{code, message, ref};
}

void Switchboard::requireRole(const Session &s, Role role, const QString &ref)
{
    if (s.role != role)
        fail(ErrorCode::OutOfOrder,
             QStringLiteral("this message is for the %1 role only").arg(roleName(role)), ref);
}

} // namespace relais::hub
