// SPDX-License-Identifier: EUPL-1.2
// Device trust against a running relais-observatory: each refusal the trust model promises.
#include "deviceca.h"
#include "observatoryprocess.h"
#include "storesnapshot.h"

using namespace relais::observatory;
using namespace relais::observatory::test;
namespace provisioning = relais::provisioning;

class TestEnrollment : public QObject
{
    Q_OBJECT

private:
    ObservatoryProcess *m_server = nullptr;

private slots:
    void initTestCase()
    {
        m_server = new ObservatoryProcess();
        QVERIFY(m_server->start());
    }
    void cleanupTestCase() { delete m_server; }

    void enrollmentGivesAClientCertificateForTheSite()
    {
        Reply reply;
        const auto identity = m_server->enroll(
            m_server->createKiosk(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1")),
            &reply);
        QVERIFY2(identity, reply.body.constData());
        QCOMPARE(reply.json().value(QStringLiteral("device")).toString(),
                 QStringLiteral("46-bretenoux/borne-1"));
        const QSslCertificate cert(identity->certPem, QSsl::Pem);
        QCOMPARE(cert.subjectInfo(QSslCertificate::CommonName).value(0),
                 QStringLiteral("46-bretenoux/borne-1"));
        QCOMPARE(cert.issuerInfo(QSslCertificate::CommonName).value(0),
                 QStringLiteral("Relais demo device CA"));
        const qint64 days = QDateTime::currentDateTimeUtc().daysTo(cert.expiryDate());
        QVERIFY2(days >= 89 && days <= 90, QByteArray::number(days).constData());
        // The certificate opens the ingest endpoint.
        HttpsClient kiosk = m_server->client(*identity);
        const Reply stored = kiosk.postJson(
            QStringLiteral("/v1/records"),
            batch({callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("carsat"))}));
        QCOMPARE(stored.status, 200);
        QCOMPARE(stored.json()[QStringLiteral("results")][0][QStringLiteral("result")].toString(),
                 QStringLiteral("stored"));
    }

    void tokenReuseIsRefused()
    {
        const QString token =
            m_server->createKiosk(QStringLiteral("46-bretenoux"), QStringLiteral("borne-2"));
        QVERIFY(m_server->enroll(token));
        Reply reply;
        QVERIFY(!m_server->enroll(token, &reply));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("token_used"));
    }

    void expiredTokenIsRefused()
    {
        // Made three hours ago, valid for one.
        const QString token =
            m_server->createKiosk(QStringLiteral("46-bretenoux"), QStringLiteral("borne-3"), 1, 3);
        Reply reply;
        QVERIFY(!m_server->enroll(token, &reply));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("token_expired"));
    }

    void unknownAndMalformedTokensAreRefused()
    {
        Reply reply;
        QVERIFY(!m_server->enroll(QString(43, u'A'), &reply));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("token_unknown"));
        QVERIFY(!m_server->enroll(QStringLiteral("short"), &reply));
        QCOMPARE(reply.status, 401);
    }

    void badCertificateRequestIsRefusedAndKeepsTheToken()
    {
        const QString token =
            m_server->createKiosk(QStringLiteral("46-bretenoux"), QStringLiteral("borne-4"));
        provisioning::KeyHandle key = provisioning::generateP256Key();
        QByteArray csr = provisioning::CertificateRequest::makePem(key.get(), QStringLiteral("x"));
        // Flip one character of the signature-bearing body: the self-signature fails.
        const qsizetype at = csr.indexOf("-----END") - 10;
        csr[at] = csr[at] == 'A' ? 'B' : 'A';
        HttpsClient anonymous = m_server->client();
        Reply reply = anonymous.postJson(QStringLiteral("/v1/enroll/simpleenroll"),
                                         ObservatoryProcess::enrollBody(token, csr));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("csr_refused"));
        QVERIFY(m_server->enroll(token)); // the token was not burnt by the refused request
    }

    void certificateFromAnotherCaIsRefused()
    {
        QTemporaryDir other;
        provisioning::DeviceCa::create(other.path(), QStringLiteral("Some other CA"));
        const auto ca = provisioning::DeviceCa::load(other.path());
        provisioning::KeyHandle key = provisioning::generateP256Key();
        const auto request = provisioning::CertificateRequest::fromPem(
            provisioning::CertificateRequest::makePem(key.get(), QStringLiteral("x")));
        // It names a real, enrolled kiosk: only the issuer is wrong.
        const auto forged = ca.issueClientCertificate(
            request, QStringLiteral("46-bretenoux/borne-1"), QStringLiteral("46-bretenoux"));
        const QByteArray before = storeSnapshot(m_server->database());
        HttpsClient kiosk = m_server->client({forged.pem, provisioning::privateKeyPem(key.get())});
        const Reply reply = kiosk.postJson(
            QStringLiteral("/v1/records"),
            batch({callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))}));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("client_certificate_refused"));
        QCOMPARE(storeSnapshot(m_server->database()), before);
    }

    void noCertificateIsRefused()
    {
        HttpsClient anonymous = m_server->client();
        const Reply reply = anonymous.postJson(
            QStringLiteral("/v1/records"),
            batch({callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))}));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("client_certificate_required"));
    }

    void kioskOfSiteACannotWriteSiteB()
    {
        const KioskIdentity a =
            m_server->enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-5"));
        HttpsClient kiosk = m_server->client(a);
        const QJsonObject foreign = callEnded(QStringLiteral("46-gourdon"), QStringLiteral("caf"));
        const QJsonObject own = callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"));
        const Reply reply = kiosk.postJson(QStringLiteral("/v1/records"), batch({foreign, own}));
        QCOMPARE(reply.status, 200);
        const QJsonArray results = reply.json().value(QStringLiteral("results")).toArray();
        QCOMPARE(results[0][QStringLiteral("result")].toString(), QStringLiteral("rejected"));
        QCOMPARE(results[0][QStringLiteral("reason")].toString(), QStringLiteral("site_mismatch"));
        QCOMPARE(results[1][QStringLiteral("result")].toString(), QStringLiteral("stored"));
        auto store = Store::open(m_server->database());
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE site = ?"),
                              {QStringLiteral("46-gourdon")})
                     .toInt(),
                 0);
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE id = ?"),
                              {foreign.value(QStringLiteral("id")).toString()})
                     .toInt(),
                 0);
    }

    void revokedKioskIsRefused()
    {
        const KioskIdentity identity =
            m_server->enrollNew(QStringLiteral("46-gourdon"), QStringLiteral("borne-1"));
        HttpsClient before = m_server->client(identity);
        QCOMPARE(
            before
                .postJson(QStringLiteral("/v1/records"),
                          batch({callEnded(QStringLiteral("46-gourdon"), QStringLiteral("caf"))}))
                .status,
            200);
        m_server->revoke(QStringLiteral("46-gourdon/borne-1"));
        const QByteArray snapshot = storeSnapshot(m_server->database());
        HttpsClient after = m_server->client(identity);
        const Reply reply =
            after.postJson(QStringLiteral("/v1/records"),
                           batch({callEnded(QStringLiteral("46-gourdon"), QStringLiteral("caf"))}));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("device_revoked"));
        QCOMPARE(storeSnapshot(m_server->database()), snapshot);
        // Nor can it renew its certificate.
        provisioning::KeyHandle key = provisioning::generateP256Key();
        const Reply renewal = after.postJson(
            QStringLiteral("/v1/enroll/simplereenroll"),
            {{QStringLiteral("api"), 1},
             {QStringLiteral("csr"), QString::fromLatin1(provisioning::CertificateRequest::makePem(
                                         key.get(), QStringLiteral("x")))}});
        QCOMPARE(renewal.status, 403);
    }

    void tokenOfRevokedKioskIsRefused()
    {
        const QString token =
            m_server->createKiosk(QStringLiteral("46-gourdon"), QStringLiteral("borne-2"));
        m_server->revoke(QStringLiteral("46-gourdon/borne-2"));
        Reply reply;
        QVERIFY(!m_server->enroll(token, &reply));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("device_revoked"));
    }

    void reenrollmentNeedsTheCurrentCertificateAndANewKey()
    {
        const KioskIdentity identity =
            m_server->enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-6"));
        HttpsClient kiosk = m_server->client(identity);
        // The same key again is refused.
        const provisioning::KeyHandle oldKey = provisioning::parsePrivateKey(identity.keyPem);
        Reply reply = kiosk.postJson(
            QStringLiteral("/v1/enroll/simplereenroll"),
            {{QStringLiteral("api"), 1},
             {QStringLiteral("csr"), QString::fromLatin1(provisioning::CertificateRequest::makePem(
                                         oldKey.get(), QStringLiteral("x")))}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("same_key"));
        // A new key gets a new certificate for the same kiosk, which works.
        provisioning::KeyHandle newKey = provisioning::generateP256Key();
        reply = kiosk.postJson(
            QStringLiteral("/v1/enroll/simplereenroll"),
            {{QStringLiteral("api"), 1},
             {QStringLiteral("csr"), QString::fromLatin1(provisioning::CertificateRequest::makePem(
                                         newKey.get(), QStringLiteral("x")))}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("device")).toString(),
                 QStringLiteral("46-bretenoux/borne-6"));
        HttpsClient renewed = m_server->client(
            {reply.json().value(QStringLiteral("certificate")).toString().toLatin1(),
             provisioning::privateKeyPem(newKey.get())});
        QCOMPARE(
            renewed
                .postJson(QStringLiteral("/v1/records"),
                          batch({callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))}))
                .status,
            200);
        // Without a certificate there is no re-enrollment.
        HttpsClient anonymous = m_server->client();
        QCOMPARE(anonymous
                     .postJson(QStringLiteral("/v1/enroll/simplereenroll"),
                               {{QStringLiteral("api"), 1}, {QStringLiteral("csr"), QString()}})
                     .status,
                 401);
    }

    // A replaced machine, or the previous certificate kept after a renewal, opens nothing: the
    // registry knows the kiosk's current certificate and refuses the others everywhere.
    void onlyTheCurrentCertificateOpensAnything()
    {
        const QString bretenoux = QStringLiteral("46-bretenoux");
        const KioskIdentity first = m_server->enrollNew(bretenoux, QStringLiteral("borne-8"));
        // Enrolled again (the kiosk was replaced): a new token, a new key, a new certificate.
        const KioskIdentity second = m_server->enrollNew(bretenoux, QStringLiteral("borne-8"));
        HttpsClient current = m_server->client(second);
        QCOMPARE(current
                     .postJson(QStringLiteral("/v1/records"),
                               batch({callEnded(bretenoux, QStringLiteral("caf"))}))
                     .status,
                 200);
        const QByteArray snapshot = storeSnapshot(m_server->database());
        HttpsClient old = m_server->client(first);
        const auto refusedWithCode = [](const Reply &reply) {
            return reply.status == 403 && reply.json().value(QStringLiteral("error")).toString() ==
                                              QStringLiteral("certificate_superseded");
        };
        Reply reply = old.postJson(QStringLiteral("/v1/records"),
                                   batch({callEnded(bretenoux, QStringLiteral("caf"))}));
        QVERIFY2(refusedWithCode(reply), reply.body.constData());
        reply = old.postJson(
            QStringLiteral("/v1/records"),
            batch({record(QStringLiteral("heartbeat"), bretenoux,
                          {{QStringLiteral("app_version"), QStringLiteral("0.1.0")},
                           {QStringLiteral("outbox_depth"), 0}},
                          {}, QDateTime::currentDateTimeUtc().toString(Qt::ISODate))}));
        QVERIFY2(refusedWithCode(reply), reply.body.constData());
        reply = old.get(QStringLiteral("/v1/bundle"));
        QVERIFY2(refusedWithCode(reply), reply.body.constData());
        reply = old.get(QStringLiteral("/v1/weeks/2026-W47"));
        QVERIFY2(refusedWithCode(reply), reply.body.constData());
        provisioning::KeyHandle key = provisioning::generateP256Key();
        const QJsonObject renewal{
            {QStringLiteral("api"), 1},
            {QStringLiteral("csr"), QString::fromLatin1(provisioning::CertificateRequest::makePem(
                                        key.get(), QStringLiteral("x")))}};
        reply = old.postJson(QStringLiteral("/v1/enroll/simplereenroll"), renewal);
        QVERIFY2(refusedWithCode(reply), reply.body.constData());
        QCOMPARE(storeSnapshot(m_server->database()), snapshot);
        // A renewal supersedes the certificate it renewed.
        reply = current.postJson(QStringLiteral("/v1/enroll/simplereenroll"), renewal);
        QCOMPARE(reply.status, 200);
        const KioskIdentity third{
            reply.json().value(QStringLiteral("certificate")).toString().toLatin1(),
            provisioning::privateKeyPem(key.get())};
        HttpsClient renewed = m_server->client(third);
        QCOMPARE(renewed.get(QStringLiteral("/v1/weeks/2026-W47")).status, 200);
        HttpsClient before = m_server->client(second);
        reply = before.get(QStringLiteral("/v1/weeks/2026-W47"));
        QVERIFY2(refusedWithCode(reply), reply.body.constData());
    }

    void tokensAreStoredOnlyAsHashes()
    {
        const QString token =
            m_server->createKiosk(QStringLiteral("46-bretenoux"), QStringLiteral("borne-7"));
        QFile file(m_server->database());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(token.toLatin1()));
        QFile wal(m_server->database() + QStringLiteral("-wal"));
        if (wal.open(QIODevice::ReadOnly))
            QVERIFY(!wal.readAll().contains(token.toLatin1()));
        auto store = Store::open(m_server->database());
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM enrollment_tokens WHERE "
                                             "token_hash = ?"),
                              {token})
                     .toInt(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestEnrollment)
#include "tst_observatory_enrollment.moc"
