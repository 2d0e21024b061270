// SPDX-License-Identifier: EUPL-1.2
// A browser without camera permission hides its host addresses behind mDNS names
// ("<uuid>.local", RFC 8828's mode 3), which the kiosk's machine usually cannot resolve. The
// call must still connect: the browser checks the kiosk's real candidates, and the kiosk learns
// the browser's address from those checks (a peer-reflexive candidate). Here the adviser's host
// candidates are rewritten to such names on their way to the kiosk, as the hub relays
// Chromium's.

#include "callpair.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace relais::media;

namespace {

// "candidate:1 1 UDP 2015364095 127.0.0.1 37118 typ host" -> "… 3f1c….local 37118 typ host";
// other candidate types are left alone (Chromium hides host addresses only).
QString obfuscated(const QString &candidate)
{
    static const QRegularExpression host(
        QStringLiteral("^(candidate:\\S+ \\d+ \\S+ \\d+ )(\\S+)( \\d+ typ host.*)$"));
    const QRegularExpressionMatch m = host.match(candidate);
    if (!m.hasMatch())
        return candidate;
    return m.captured(1) + QUuid::createUuid().toString(QUuid::WithoutBraces) +
           QStringLiteral(".local") + m.captured(3);
}

} // namespace

class TestMdnsCandidates : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { gst_init(nullptr, nullptr); }
    void callConnectsWithHiddenHostAddresses();
};

void TestMdnsCandidates::callConnectsWithHiddenHostAddresses()
{
    CallSession kiosk(test::loopbackConfig(CallRole::Offerer));
    CallSession agent(test::loopbackConfig(CallRole::Answerer));
    QStringList hidden;
    test::connectDirect(kiosk, agent, [&hidden](const QString &candidate) {
        const QString sent = obfuscated(candidate);
        if (sent != candidate)
            hidden.append(sent);
        return sent;
    });

    QVERIFY(agent.start());
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20 &&
                                 kiosk.audioBuffers() > 20 && agent.audioBuffers() > 20,
                             20000);
    // The adviser really sent nothing but hidden host addresses.
    QVERIFY(!hidden.isEmpty());
    for (const QString &c : std::as_const(hidden))
        QVERIFY2(c.contains(QLatin1String(".local ")), qPrintable(c));
    QCOMPARE(kiosk.state(), CallSession::State::Connected);
    QCOMPARE(agent.state(), CallSession::State::Connected);
    QCOMPARE(kiosk.reconnects(), 0);
    // The kiosk reached the adviser through the address her checks came from.
    QTRY_COMPARE_WITH_TIMEOUT(kiosk.stats().remoteCandidateType, QStringLiteral("prflx"), 10000);
    kiosk.hangUp();
    agent.hangUp();
    QCOMPARE(kiosk.state(), CallSession::State::Ended);
}

QTEST_GUILESS_MAIN(TestMdnsCandidates)

#include "tst_mdnscandidates.moc"
