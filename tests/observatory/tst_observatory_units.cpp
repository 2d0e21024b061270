// SPDX-License-Identifier: EUPL-1.2
// Small pieces of the observatory checked on their own: the login throttle with the
// dashboard's limits, ISO weeks and periods, the device CA's checks of certificates and
// requests.
#include "certificaterequest.h"
#include "dashboard/dashboardapi.h"
#include "deviceca.h"
#include "enrollmentcode.h"
#include "enrollmenttoken.h"
#include "indicators/indicatorfilter.h"
#include "ingest/records.h"

#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace relais::observatory;
using relais::LoginThrottle;
namespace provisioning = relais::provisioning;

class TestUnits : public QObject
{
    Q_OBJECT

private slots:
    void throttleGrowsThenRefusesPerAddressAndLogin()
    {
        const LoginThrottle::Limits &limits = DashboardApi::kLoginLimits;
        LoginThrottle throttle(limits);
        const QString attacker =
            LoginThrottle::addressKey(QHostAddress(QStringLiteral("192.0.2.66")));
        const QString office =
            LoginThrottle::addressKey(QHostAddress(QStringLiteral("198.51.100.7")));
        const QString lot = QStringLiteral("lot");
        const QDateTime t0(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);
        QVERIFY(!throttle.waitS(attacker, lot, t0));
        // After the first few, each failure makes the next try wait longer: 1, 2, 4… seconds.
        QDateTime t = t0;
        qint64 previous = 0;
        for (int i = 0; i < limits.pairLimit - 1; ++i) {
            throttle.failed(attacker, lot, t);
            const qint64 wait = throttle.waitS(attacker, lot, t);
            if (i + 1 < limits.freeFailures) {
                QVERIFY(!wait); // a typing mistake is retried at once
                continue;
            }
            QVERIFY(wait);
            QVERIFY(wait >= previous);
            QVERIFY(wait <= limits.maxDelayS);
            previous = wait;
            t = t.addSecs(wait);
            QVERIFY(!throttle.waitS(attacker, lot, t));
        }
        // Then a short refusal, not a lockout of the login for everyone.
        QVERIFY(throttle.failed(attacker, lot, t));
        QCOMPARE(throttle.waitS(attacker, lot, t.addSecs(1)), limits.refusalS - 1);
        QVERIFY(throttle.refused(attacker, lot, t.addSecs(1)));
        QVERIFY(!throttle.waitS(office, lot, t.addSecs(1)));
        QVERIFY(!throttle.waitS(attacker, QStringLiteral("carsat"), t.addSecs(1)));
        QVERIFY(!throttle.waitS(attacker, lot, t.addSecs(limits.refusalS)));
        // Success from the office forgets nothing of the attacker's count.
        throttle.succeeded(office, lot);
        QVERIFY(throttle.waitS(attacker, lot, t.addSecs(1)));
    }

    void throttleCapsOneAddressAcrossLogins()
    {
        LoginThrottle throttle(DashboardApi::kLoginLimits);
        const QString attacker =
            LoginThrottle::addressKey(QHostAddress(QStringLiteral("192.0.2.66")));
        const QDateTime t0(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);
        for (int i = 0; i < DashboardApi::kLoginLimits.addressLimit; ++i)
            throttle.failed(attacker, QStringLiteral("name%1").arg(i), t0);
        QVERIFY(throttle.waitS(attacker, QStringLiteral("another"), t0.addSecs(1)));
        QVERIFY(
            !throttle.waitS(LoginThrottle::addressKey(QHostAddress(QStringLiteral("198.51.100.7"))),
                            QStringLiteral("another"), t0.addSecs(1)));
    }

    // IPv6 by its /64: one subscriber's whole prefix is one address.
    void throttleKeysIpv6ByPrefix()
    {
        const auto key = [](const char *address) {
            return LoginThrottle::addressKey(QHostAddress(QString::fromLatin1(address)));
        };
        QCOMPARE(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::99"));
        QVERIFY(key("2001:db8:1:2::1") != key("2001:db8:1:3::1"));
        QCOMPARE(key("::ffff:192.0.2.66"), QStringLiteral("192.0.2.66"));
    }

    void isoWeeks_data()
    {
        QTest::addColumn<QString>("week");
        QTest::addColumn<QDate>("monday");
        QTest::addColumn<QString>("quarter");
        QTest::newRow("2026-W01 starts in 2025") << "2026-W01" << QDate(2025, 12, 29) << "2026-T1";
        QTest::newRow("2020 has 53 weeks") << "2020-W53" << QDate(2020, 12, 28) << "2020-T4";
        QTest::newRow("2026 has 53 too") << "2026-W53" << QDate(2026, 12, 28) << "2026-T4";
        QTest::newRow("2025 has 52") << "2025-W53" << QDate() << "";
        QTest::newRow("week 14 of 2009 is in Q2") << "2009-W14" << QDate(2009, 3, 30) << "2009-T2";
        QTest::newRow("nonsense") << "2026W07" << QDate() << "";
    }
    void isoWeeks()
    {
        QFETCH(QString, week);
        QFETCH(QDate, monday);
        QFETCH(QString, quarter);
        QCOMPARE(mondayOfIsoWeek(week), monday);
        if (monday.isValid()) {
            QCOMPARE(isoWeek(monday.addDays(6)), week);
            QCOMPARE(periodOf(week, Grain::Quarter), quarter);
        }
    }

    void caChecksWhatItIssues()
    {
        QTemporaryDir dir;
        provisioning::DeviceCa::create(dir.path(), QStringLiteral("Test CA"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, provisioning::DeviceCa::create(
                                                         dir.path(), QStringLiteral("again")));
        const auto ca = provisioning::DeviceCa::load(dir.path());
        provisioning::KeyHandle key = provisioning::generateP256Key();
        const auto request = provisioning::CertificateRequest::fromPem(
            provisioning::CertificateRequest::makePem(key.get(), QStringLiteral("ignored")));
        const auto issued = ca.issueClientCertificate(request, QStringLiteral("46-a/borne-1"),
                                                      QStringLiteral("46-a"));
        const QByteArray der = QSslCertificate(issued.pem, QSsl::Pem).toDer();
        const auto identity = ca.verifyClientCertificate(der);
        QVERIFY(identity);
        QCOMPARE(identity->deviceId, QStringLiteral("46-a/borne-1"));
        // Expired: issued with a validity that ended yesterday.
        const auto old = ca.issueClientCertificate(request, QStringLiteral("46-a/borne-1"),
                                                   QStringLiteral("46-a"), -1);
        QString why;
        QVERIFY(!ca.verifyClientCertificate(QSslCertificate(old.pem, QSsl::Pem).toDer(), &why));
        QVERIFY2(why.contains(QLatin1String("expired")), qPrintable(why));
        // A server certificate is not a client certificate.
        const auto server = ca.issueServerCertificate(key.get(), {QStringLiteral("localhost")});
        QVERIFY(!ca.verifyClientCertificate(QSslCertificate(server.pem, QSsl::Pem).toDer(), &why));
        QVERIFY(!ca.verifyClientCertificate(QByteArray("not a certificate"), &why));
    }

    void requestsMustBeP256AndSigned()
    {
        QVERIFY_THROWS_EXCEPTION(provisioning::CryptoError,
                                 provisioning::CertificateRequest::fromPem("garbage"));
        // An RSA request, made by openssl itself.
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), dir.filePath(QStringLiteral("k.pem")),
                       QStringLiteral("-subj"), QStringLiteral("/CN=x")});
        QVERIFY(openssl.waitForFinished(60000));
        const QByteArray rsa = openssl.readAllStandardOutput();
        QVERIFY(rsa.contains("BEGIN CERTIFICATE REQUEST"));
        QVERIFY_THROWS_EXCEPTION(provisioning::CryptoError,
                                 provisioning::CertificateRequest::fromPem(rsa));
    }

    void tokensAreLongAndHashed()
    {
        const QString a = provisioning::newEnrollmentToken();
        const QString b = provisioning::newEnrollmentToken();
        QCOMPARE(a.size(), 43); // 256 bits in base64url
        QVERIFY(a != b);
        QVERIFY(provisioning::looksLikeEnrollmentToken(a));
        QVERIFY(!provisioning::looksLikeEnrollmentToken(a.left(42)));
        QCOMPARE(provisioning::enrollmentTokenHash(a).size(), 64);
        QVERIFY(!provisioning::enrollmentTokenHash(a).contains(a));
    }

    // The QR code's text: what relais-provision writes the kiosk reads back, and nothing else
    // a camera might see is taken for a code.
    void enrollmentCodesRoundTrip()
    {
        const provisioning::EnrollmentCode code{
            QStringLiteral("https://observatoire.lot.fr:8444/a?b=c&d"),
            provisioning::newEnrollmentToken()};
        const QString text = provisioning::enrollmentCodeText(code);
        QVERIFY(text.startsWith(QStringLiteral("relais-enroll:?address=")));
        const auto read = provisioning::parseEnrollmentCode(text);
        QVERIFY(read);
        QCOMPARE(read->address, code.address);
        QCOMPARE(read->token, code.token);

        const QString token = code.token;
        for (const QString &other :
             {QStringLiteral("https://www.caf.fr/"), QString(), QStringLiteral("relais-enroll:"),
              QStringLiteral("relais-enroll:?address=obs.fr"),
              QStringLiteral("relais-enroll:?address=obs.fr&token=short"),
              QStringLiteral("relais-enroll:?token=") + token,
              QStringLiteral("relais-enroll:x?address=obs.fr&token=") + token,
              QStringLiteral("relais-enroll:?address=obs.fr&token=%1&extra=1").arg(token),
              QStringLiteral("relais-enroll:?address=obs.fr&token=%1\nmore").arg(token),
              QStringLiteral("mailto:?address=obs.fr&token=") + token})
            QVERIFY2(!provisioning::parseEnrollmentCode(other), qPrintable(other));
        QCOMPARE(provisioning::parseEnrollmentCode(
                     QStringLiteral("relais-enroll:?address=obs.fr&token=") + token)
                     ->address,
                 QStringLiteral("obs.fr"));
    }
};

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_observatory_units.moc"
