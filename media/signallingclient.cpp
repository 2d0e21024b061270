// SPDX-License-Identifier: EUPL-1.2
#include "signallingclient.h"

#include <QAbstractSocket>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSignalling, "relais.media.signalling")

namespace relais::media {

SignallingClient::SignallingClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        // The offer and its candidates follow each other closely: under Nagle's algorithm each
        // waited for the hub's delayed acknowledgement of the one before (up to 40 ms).
        if (auto *tcp = m_socket.findChild<QAbstractSocket *>())
            tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QJsonObject hello = m_hello;
        hello.insert(QStringLiteral("type"), QStringLiteral("hello"));
        hello.insert(QStringLiteral("protocol"), 1);
        m_resumeRef.clear();
        if (!m_call.isEmpty()) {
            hello.insert(QStringLiteral("resume_call"), m_call);
            m_resumeRef = QString::number(m_nextId++);
            hello.insert(QStringLiteral("id"), m_resumeRef);
        }
        send(hello);
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &SignallingClient::onText);
    connect(&m_socket, &QWebSocket::disconnected, this, &SignallingClient::onDisconnected);
}

void SignallingClient::onDisconnected()
{
    m_welcomed = false;
    const QString reason =
        m_socket.closeReason().isEmpty() ? m_socket.errorString() : m_socket.closeReason();
    // The hub keeps the call for its grace period (20 s by default); trying a little longer
    // than that costs nothing, the hub says not_found once the call is over.
    constexpr int kMaxResumeTries = 30;
    if (m_closing || m_call.isEmpty() || m_resumeTries >= kMaxResumeTries) {
        emit disconnected(reason);
        return;
    }
    if (m_resumeTries++ == 0) {
        qCInfo(lcSignalling) << "hub connection lost during call" << m_call << ":" << reason;
        emit connectionLost(m_call);
    }
    QTimer::singleShot(1000, this, [this] {
        if (!m_closing && m_socket.state() == QAbstractSocket::UnconnectedState)
            m_socket.open(m_url);
    });
}

void SignallingClient::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    QSslConfiguration tls = m_socket.sslConfiguration();
    tls.setCaCertificates(certificates);
    m_socket.setSslConfiguration(tls);
}

void SignallingClient::setClientCertificate(const QSslCertificate &certificate, const QSslKey &key)
{
    QSslConfiguration tls = m_socket.sslConfiguration();
    tls.setLocalCertificate(certificate);
    tls.setPrivateKey(key);
    m_socket.setSslConfiguration(tls);
}

void SignallingClient::open(const QUrl &url, const QJsonObject &hello)
{
    m_url = url;
    m_hello = hello;
    m_welcomed = false;
    m_closing = false;
    m_call.clear();
    m_resumeTries = 0;
    m_socket.open(url);
}

void SignallingClient::close()
{
    m_closing = true;
    m_socket.close();
}

QJsonObject SignallingClient::kioskHello(const QString &site, const QString &kiosk,
                                         const QString &token)
{
    QJsonObject hello{{"role", "kiosk"}, {"site", site}, {"kiosk", kiosk}};
    // A kiosk with a client certificate needs no token (PROTOCOL.md).
    if (!token.isEmpty())
        hello.insert(QStringLiteral("token"), token);
    return hello;
}

QJsonObject SignallingClient::agentHello(const QString &agency, const QString &login,
                                         const QString &password)
{
    return {{"role", "agent"}, {"agency", agency}, {"login", login}, {"password", password}};
}

void SignallingClient::send(QJsonObject message)
{
    if (!message.contains(QStringLiteral("id")))
        message.insert(QStringLiteral("id"), QString::number(m_nextId++));
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void SignallingClient::request(const QString &agency, const QString &help, const CallReason &reason)
{
    QJsonObject message{{"type", "request"}, {"agency", agency}, {"help", help}};
    if (!reason.procedure.isEmpty())
        message.insert(QStringLiteral("procedure"), reason.procedure);
    if (!reason.title.isEmpty())
        message.insert(QStringLiteral("title"), reason.title.left(120));
    send(message);
}

void SignallingClient::setPresence(const QString &state)
{
    send({{"type", "presence"}, {"state", state}});
}

void SignallingClient::take(const QString &request)
{
    QJsonObject m{{"type", "take"}};
    if (!request.isEmpty())
        m.insert(QStringLiteral("request"), request);
    send(m);
}

void SignallingClient::sendDescription(const QString &call, const QString &type, const QString &sdp)
{
    send({{"type", "sdp"}, {"call", call}, {"sdp", QJsonObject{{"type", type}, {"sdp", sdp}}}});
}

void SignallingClient::sendCandidate(const QString &call, int mline, const QString &candidate)
{
    send({{"type", "ice"}, {"call", call}, {"candidate", candidate}, {"sdp_mline_index", mline}});
}

void SignallingClient::sendRestart(const QString &call)
{
    send({{"type", "restart"}, {"call", call}});
}

void SignallingClient::hangUp(const QString &call, const QString &reason)
{
    send({{"type", "hangup"}, {"call", call}, {"reason", reason}});
}

void SignallingClient::leave(const QString &request)
{
    send({{"type", "leave"}, {"request", request}});
}

void SignallingClient::askCallback(const QString &agency)
{
    send({{"type", "callback"}, {"agency", agency}});
}

void SignallingClient::callForHelp(const HelpRequest &help)
{
    m_helpRef = QString::number(m_nextId++);
    QJsonObject m{{"type", "help"}, {"topic", help.topic}, {"id", m_helpRef}};
    if (!help.agency.isEmpty())
        m.insert(QStringLiteral("agency"), help.agency);
    if (!help.procedure.isEmpty())
        m.insert(QStringLiteral("procedure"), help.procedure);
    if (!help.title.isEmpty())
        m.insert(QStringLiteral("title"), help.title.left(120));
    if (help.step > 0)
        m.insert(QStringLiteral("step"), help.step);
    send(m);
}

void SignallingClient::cancelHelp(const QString &alert)
{
    send({{"type", "help_cancel"}, {"alert", alert}});
}

void SignallingClient::onText(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject()) {
        qCWarning(lcSignalling) << "the hub sent a frame that is not a JSON object";
        return;
    }
    const QJsonObject m = doc.object();
    emit messageReceived(m);
    const QString type = m.value(QStringLiteral("type")).toString();
    const QString call = m.value(QStringLiteral("call")).toString();
    auto str = [&m](const char *key) { return m.value(QLatin1String(key)).toString(); };
    if (type == QLatin1String("welcome")) {
        m_welcomed = true;
        m_resumeTries = 0;
        emit welcomed(m);
    } else if (type == QLatin1String("queued") || type == QLatin1String("queue")) {
        emit queued(str("request"), m.value(QStringLiteral("position")).toInt(),
                    m.value(QStringLiteral("estimated_wait_s")).toInt());
    } else if (type == QLatin1String("closed")) {
        emit closedCounter(QDateTime::fromString(str("next_opening"), Qt::ISODate),
                           m.value(QStringLiteral("callback_available")).toBool());
    } else if (type == QLatin1String("left")) {
        emit left(str("request"));
    } else if (type == QLatin1String("transferred")) {
        m_call.clear();
        emit transferred(call, str("request"), str("agency"),
                         m.value(QStringLiteral("position")).toInt(),
                         m.value(QStringLiteral("estimated_wait_s")).toInt());
    } else if (type == QLatin1String("word")) {
        emit wordReceived(str("request"), str("word"), str("text"));
    } else if (type == QLatin1String("callback_recorded")) {
        emit callbackRecorded(str("callback"));
    } else if (type == QLatin1String("queue_state")) {
        emit queueState(m);
    } else if (type == QLatin1String("call")) {
        m_call = call;
        emit callOffered(call, m.value(QStringLiteral("peer")).toObject(),
                         iceServersFromJson(m.value(QStringLiteral("ice_servers")).toArray()),
                         str("ice_transport_policy") == QLatin1String("relay"));
    } else if (type == QLatin1String("sdp")) {
        const QJsonObject sdp = m.value(QStringLiteral("sdp")).toObject();
        emit remoteDescription(call, sdp.value(QStringLiteral("type")).toString(),
                               sdp.value(QStringLiteral("sdp")).toString());
    } else if (type == QLatin1String("ice")) {
        emit remoteCandidate(call, m.value(QStringLiteral("sdp_mline_index")).toInt(),
                             str("candidate"));
    } else if (type == QLatin1String("restart")) {
        emit restartRequested(call);
    } else if (type == QLatin1String("peer_reconnecting")) {
        emit peerReconnecting(call);
    } else if (type == QLatin1String("ended")) {
        if (call == m_call)
            m_call.clear();
        emit callEnded(call, str("by"), str("reason"));
    } else if (type == QLatin1String("error")) {
        const QString lost = m_call;
        if (!m_resumeRef.isEmpty() && str("ref") == m_resumeRef &&
            str("code") == QLatin1String("not_found")) {
            // The call ended while we were away: nobody will send `ended` for it any more.
            m_call.clear();
            emit callEnded(lost, QStringLiteral("hub"), QStringLiteral("peer_lost"));
        }
        emit protocolError(str("code"), str("message"), m.value(QStringLiteral("fatal")).toBool());
        if (!m_helpRef.isEmpty() && str("ref") == m_helpRef)
            emit helpRefused(str("code"), str("message"));
    } else if (type == QLatin1String("help_sent")) {
        emit helpSent(str("alert"), m.value(QStringLiteral("mediators")).toInt());
    } else if (type == QLatin1String("help_coming")) {
        emit helpComing(str("alert"), str("display_name"));
    } else if (type == QLatin1String("help_cancelled")) {
        emit helpCancelled(str("alert"));
    }
}

} // namespace relais::media
