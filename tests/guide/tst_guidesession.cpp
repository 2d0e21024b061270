// SPDX-License-Identifier: EUPL-1.2
#include "guidesession.h"
#include "testkiosk.h"

#include <QSignalSpy>
#include <QTest>
#include <QtWebEngineQuick/qtwebenginequickglobal.h>

using namespace relais;

// The guided browser's session without a page: the allow-list, the steps, the call for
// help in the journal, and the profile and download directory made once per session and
// gone with it.
class TestGuideSession : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestKiosk> m_kiosk;

    SessionController *session() { return m_kiosk->kiosk->session(); }

    // The payload of an event, without the session id every event carries.
    static QJsonObject payload(const QList<QVariant> &event)
    {
        QJsonObject object = event.at(1).toJsonObject();
        object.remove(QStringLiteral("session"));
        return object;
    }

private slots:
    void initTestCase() { m_kiosk = std::make_unique<TestKiosk>(SessionController::Timing{}); }

    void cleanupTestCase() { m_kiosk.reset(); }

    void allowList()
    {
        GuideSession guide(session());
        QVERIFY(!guide.allows(QUrl(QStringLiteral("https://www.caf.fr/"))));
        QVERIFY(!guide.open(QStringLiteral("no-such-procedure")));
        session()->begin();
        QVERIFY(guide.open(QStringLiteral("caf-attestation-paiement")));
        const auto allows = [&](const char *url) {
            return guide.allows(QUrl(QString::fromLatin1(url)));
        };
        QVERIFY(allows("https://www.caf.fr/"));
        QVERIFY(allows("https://caf.fr/allocataires?x=1"));
        QVERIFY(allows("https://wwwd.caf.fr:8443/compte"));
        QVERIFY(allows("https://app.franceconnect.gouv.fr/api/v1/authorize"));
        QVERIFY(allows("blob:https://www.caf.fr/0b9c7d1e-2f3a"));
        QVERIFY(allows("about:blank"));
        QVERIFY(!allows("http://www.caf.fr/"));
        QVERIFY(!allows("file:///etc/passwd"));
        QVERIFY(!allows("https://evilcaf.fr/"));
        QVERIFY(!allows("https://www.caf.fr.evil.example/"));
        QVERIFY(!allows("https://www.ameli.fr/"));
        QVERIFY(!allows("blob:https://www.evil.example/0b9c"));
        QVERIFY(!allows("data:text/html,<h1>hi</h1>"));
        QVERIFY(!allows("javascript:alert(1)"));
        QVERIFY(!allows("chrome://settings"));
        QVERIFY(!allows("about:config"));
        // Another procedure, other domains.
        QVERIFY(guide.open(QStringLiteral("cpam-carte-vitale")));
        QVERIFY(allows("https://assure.ameli.fr/"));
        QVERIFY(!allows("https://www.caf.fr/"));
        session()->endSession();
        session()->acknowledgeGoodbye();
    }

    void stepsAndHelp()
    {
        GuideSession guide(session());
        QSignalSpy events(session(), &SessionController::eventRecorded);
        session()->begin();
        QVERIFY(guide.open(QStringLiteral("dgfip-declarer-revenus")));
        QCOMPARE(events.last().at(0).toString(), QStringLiteral("procedure_opened"));
        QCOMPARE(
            payload(events.last()),
            (QJsonObject{{QStringLiteral("agency"), QStringLiteral("dgfip")},
                         {QStringLiteral("procedure"), QStringLiteral("dgfip-declarer-revenus")}}));
        QCOMPARE(guide.stepCount(), 5);
        QCOMPARE(guide.step(), 0);
        guide.previousStep();
        QCOMPARE(guide.step(), 0);
        for (int i = 0; i < 10; ++i)
            guide.nextStep();
        QCOMPARE(guide.step(), 4);
        guide.previousStep();
        QCOMPARE(guide.step(), 3);

        QVERIFY(!guide.helpRequested());
        guide.askForHelp();
        QVERIFY(guide.helpRequested());
        QCOMPARE(events.last().at(0).toString(), QStringLiteral("guide_help_requested"));
        QCOMPARE(
            payload(events.last()),
            (QJsonObject{{QStringLiteral("agency"), QStringLiteral("dgfip")},
                         {QStringLiteral("procedure"), QStringLiteral("dgfip-declarer-revenus")},
                         {QStringLiteral("step"), 4}}));
        const qsizetype count = events.size();
        guide.askForHelp();
        QCOMPARE(events.size(), count);
        session()->endSession();
        session()->acknowledgeGoodbye();
    }

    void profileAndFilesLastOneSession()
    {
        GuideSession guide(session());
        session()->begin();
        QVERIFY(guide.open(QStringLiteral("caf-attestation-paiement")));
        QPointer<QQuickWebEngineProfile> first = guide.profile();
        QVERIFY(first);
        QVERIFY(first->isOffTheRecord());
        QCOMPARE(first->httpCacheType(), QQuickWebEngineProfile::MemoryHttpCache);
        const QString directory = guide.downloadDirectory();
        QVERIFY(QFileInfo(directory).isDir());
        QCOMPARE(first->downloadPath(), directory);
        // A second guide in the same session keeps the resident's login.
        QVERIFY(guide.open(QStringLiteral("caf-declarer-ressources")));
        QCOMPARE(guide.profile(), first.data());
        QFile file(QDir(directory).filePath(QStringLiteral("attestation.pdf")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("%PDF-1.4 kept for the resident only\n");
        file.close();

        QSignalSpy profileChanged(&guide, &GuideSession::profileChanged);
        session()->endSession();
        QCOMPARE(profileChanged.size(), 1);
        QCOMPARE(guide.profile(), nullptr);
        QVERIFY(!QFileInfo::exists(directory));
        QVERIFY(guide.procedureId().isEmpty());
        QTRY_VERIFY(first.isNull());

        session()->acknowledgeGoodbye();
        session()->begin();
        QVERIFY(guide.open(QStringLiteral("caf-attestation-paiement")));
        QVERIFY(guide.profile());
        QVERIFY(guide.downloadDirectory() != directory);
        QCOMPARE(QDir(guide.downloadDirectory()).entryList(QDir::Files), QStringList());
        session()->endSession();
        session()->acknowledgeGoodbye();
    }

    void profileMadeAheadIsTheSessionsOwn()
    {
        GuideSession guide(session());
        QSignalSpy events(session(), &SessionController::eventRecorded);
        session()->begin();
        const qsizetype begun = events.size();
        guide.prepare();
        QPointer<QQuickWebEngineProfile> ahead = guide.profile();
        QVERIFY(ahead);
        QVERIFY(ahead->isOffTheRecord());
        QCOMPARE(ahead->httpCacheType(), QQuickWebEngineProfile::MemoryHttpCache);
        QCOMPARE(ahead->downloadPath(), guide.downloadDirectory());
        // Nothing is guided yet: no procedure, no allowed site, nothing in the journal.
        QVERIFY(guide.procedureId().isEmpty());
        QVERIFY(!guide.allows(QUrl(QStringLiteral("https://www.caf.fr/"))));
        QCOMPARE(events.size(), begun);
        guide.prepare();
        QCOMPARE(guide.profile(), ahead.data());
        // The guide then opens in that profile.
        QVERIFY(guide.open(QStringLiteral("caf-attestation-paiement")));
        QCOMPARE(guide.profile(), ahead.data());
        QCOMPARE(events.last().at(0).toString(), QStringLiteral("procedure_opened"));

        // A session that prepared it and never guided anything loses it all the same.
        session()->endSession();
        QTRY_VERIFY(ahead.isNull());
        session()->acknowledgeGoodbye();
        session()->begin();
        guide.prepare();
        QPointer<QQuickWebEngineProfile> next = guide.profile();
        QVERIFY(next);
        const QString directory = guide.downloadDirectory();
        QVERIFY(QFileInfo(directory).isDir());
        session()->endSession();
        QCOMPARE(guide.profile(), nullptr);
        QVERIFY(!QFileInfo::exists(directory));
        QTRY_VERIFY(next.isNull());
        session()->acknowledgeGoodbye();
    }
};

int main(int argc, char *argv[])
{
    QtWebEngineQuick::initialize();
    QGuiApplication app(argc, argv);
    TestGuideSession test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_guidesession.moc"
