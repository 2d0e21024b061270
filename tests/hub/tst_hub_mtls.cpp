// SPDX-License-Identifier: EUPL-1.2
// relais-hub recognising kiosks by the client certificate of their enrollment (mutual TLS),
// and still by their token where the configuration has one.
#include "certificaterequest.h"
#include "deviceca.h"
#include "hubprocess.h"

#include <QSslKey>

using namespace relais::hub::test;
namespace pki = relais::provisioning;

namespace {

struct Credentials
{
    QByteArray certPem;
    QByteArray keyPem;
};

// What the observatory's enrollment hands a kiosk: a client certificate from the device CA.
Credentials issue(const pki::DeviceCa &ca, const QString &deviceId)
{
    pki::KeyHandle key = pki::generateP256Key();
    const auto request =
        pki::CertificateRequest::fromPem(pki::CertificateRequest::makePem(key.get(), deviceId));
    return {ca.issueClientCertificate(request, deviceId, deviceId.section(u'/', 0, 0)).pem,
            pki::privateKeyPem(key.get())};
}

const QString kSite = QStringLiteral("46-bretenoux");

} // namespace

class TestHubMutualTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<pki::DeviceCa> m_ca;
    std::unique_ptr<pki::DeviceCa> m_otherCa;
    std::unique_ptr<HubProcess> m_hub;

    std::unique_ptr<Client> kiosk(const Credentials *credentials, const QString &kioskId,
                                  const QString &token = {})
    {
        auto client = std::make_unique<Client>(m_hub->certificate());
        if (credentials)
            client->setClientCertificate(credentials->certPem, credentials->keyPem);
        client->open(m_hub->port());
        QJsonObject hello{{"type", "hello"}, {"protocol", 1},    {"role", "kiosk"},
                          {"site", kSite},   {"kiosk", kioskId}, {"id", "h"}};
        if (!token.isEmpty())
            hello.insert(QStringLiteral("token"), token);
        client->send(hello);
        return client;
    }

    static QString outcome(Client &client)
    {
        QString result;
        (void)QTest::qWaitFor(
            [&] {
                for (const QJsonObject &m : std::as_const(client.received)) {
                    const QString type = m.value(QStringLiteral("type")).toString();
                    if (type == QLatin1String("welcome"))
                        result = type;
                    else if (type == QLatin1String("error"))
                        result = m.value(QStringLiteral("code")).toString();
                }
                return !result.isEmpty();
            },
            20000);
        return result;
    }

private slots:
    void initTestCase()
    {
        pki::DeviceCa::create(m_dir.filePath(QStringLiteral("ca")), QStringLiteral("device CA"));
        pki::DeviceCa::create(m_dir.filePath(QStringLiteral("other")), QStringLiteral("device CA"));
        m_ca = std::make_unique<pki::DeviceCa>(pki::DeviceCa::load(m_dir.filePath("ca")));
        m_otherCa = std::make_unique<pki::DeviceCa>(pki::DeviceCa::load(m_dir.filePath("other")));
        ConfigOptions options;
        options.deviceCa = m_dir.filePath(QStringLiteral("ca/ca-cert.pem"));
        m_hub = std::make_unique<HubProcess>(options);
        QVERIFY(m_hub->start());
    }

    void anEnrolledKioskComesInWithItsCertificateAlone()
    {
        const Credentials enrolled = issue(*m_ca, kSite + QStringLiteral("/borne-cert"));
        auto client = kiosk(&enrolled, QStringLiteral("borne-cert"));
        QCOMPARE(outcome(*client), QStringLiteral("welcome"));
        // A kiosk that also has a token is recognised by its certificate too.
        const Credentials both = issue(*m_ca, kSite + QStringLiteral("/borne-1"));
        auto second = kiosk(&both, QStringLiteral("borne-1"));
        QCOMPARE(outcome(*second), QStringLiteral("welcome"));
    }

    void aCertificateFromAnotherCaIsRefused()
    {
        const Credentials forged = issue(*m_otherCa, kSite + QStringLiteral("/borne-cert"));
        auto client = kiosk(&forged, QStringLiteral("borne-cert"));
        QCOMPARE(outcome(*client), QStringLiteral("unauthorized"));
        QVERIFY(client->waitDisconnected());
    }

    void aCertificateForAnotherKioskIsRefused()
    {
        const Credentials neighbour = issue(*m_ca, kSite + QStringLiteral("/borne-2"));
        auto client = kiosk(&neighbour, QStringLiteral("borne-cert"));
        QCOMPARE(outcome(*client), QStringLiteral("unauthorized"));
    }

    void withoutCertificateTheTokenStillWorks()
    {
        auto withToken =
            kiosk(nullptr, QStringLiteral("borne-2"), kioskToken(kSite, QStringLiteral("borne-2")));
        QCOMPARE(outcome(*withToken), QStringLiteral("welcome"));
        auto nothing = kiosk(nullptr, QStringLiteral("borne-cert"));
        QCOMPARE(outcome(*nothing), QStringLiteral("unauthorized"));
        auto guess =
            kiosk(nullptr, QStringLiteral("borne-cert"), QStringLiteral("a-guessed-token"));
        QCOMPARE(outcome(*guess), QStringLiteral("unauthorized"));
    }
};

QTEST_GUILESS_MAIN(TestHubMutualTls)
#include "tst_hub_mtls.moc"
