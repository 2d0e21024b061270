// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <optional>

// What a scraper does with a server's operations endpoint (plain HTTP): GET /healthz and
// /metrics, read one series of the Prometheus text, and have promtool check it.
namespace relais::test {

struct PlainReply
{
    int status = 0; // 0 when the connection closed without an answer
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

inline PlainReply plainRequest(const QUrl &base, const QByteArray &method, const QString &path)
{
    QTcpSocket socket;
    socket.connectToHost(base.host(), static_cast<quint16>(base.port()));
    if (!socket.waitForConnected(10000))
        return {};
    socket.write(method + ' ' + path.toLatin1() + " HTTP/1.1\r\nHost: " + base.host().toLatin1() +
                 "\r\nConnection: close\r\n\r\n");
    // The answer is whole once its Content-Length is in: the server lingers a moment before it
    // closes, which need not be waited for.
    QByteArray raw;
    const auto whole = [&] {
        const qsizetype end = raw.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        static const QRegularExpression length(QStringLiteral("\r\nContent-Length: (\\d+)\r\n"),
                                               QRegularExpression::CaseInsensitiveOption);
        const auto match = length.match(QString::fromLatin1(raw.left(end + 2)));
        return match.hasMatch() && raw.size() >= end + 4 + match.captured(1).toLongLong();
    };
    (void)QTest::qWaitFor(
        [&] {
            raw += socket.readAll();
            return whole() || socket.state() == QAbstractSocket::UnconnectedState;
        },
        20000);
    raw += socket.readAll();
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || end < 0 || !whole())
        return {};
    return {raw.mid(9, 3).toInt(), raw.mid(end + 4)};
}

inline PlainReply plainGet(const QUrl &base, const QString &path)
{
    return plainRequest(base, "GET", path);
}

// The value of one series, `series` written as in the text (`name{label="value"}`, or the name
// alone); nullopt when the text has no such line.
inline std::optional<double> metricValue(const QByteArray &text, const QByteArray &series)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(series + ' '))
            return line.mid(series.size() + 1).toDouble();
    }
    return std::nullopt;
}

// promtool's verdict on an exposition: empty when it passes, its complaint otherwise; nullopt
// when promtool is not installed (Debian's `prometheus` package).
inline std::optional<QString> promtoolProblems(const QByteArray &text)
{
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        return std::nullopt;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    process.write(text);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        return QStringLiteral("promtool did not finish");
    const QString output = QString::fromUtf8(process.readAll()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return output.isEmpty() ? QStringLiteral("promtool failed") : output;
    return QString(); // lint warnings make it exit non-zero too
}

} // namespace relais::test

// Fails the test with promtool's complaint about an exposition, or skips it when promtool is not
// installed. A macro, so that QSKIP and QVERIFY2 end the test function itself.
#define RELAIS_CHECK_WITH_PROMTOOL(text)                                                           \
    do {                                                                                           \
        const QByteArray exposition_ = (text);                                                     \
        const auto problems_ = relais::test::promtoolProblems(exposition_);                        \
        if (!problems_)                                                                            \
            QSKIP("promtool is not installed (Debian package prometheus)");                        \
        QVERIFY2(problems_->isEmpty(),                                                             \
                 qPrintable(*problems_ + "\n" + QString::fromUtf8(exposition_)));                  \
    } while (false)
