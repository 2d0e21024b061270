// SPDX-License-Identifier: EUPL-1.2
#include "database.h"
#include "kioskschema.h"
#include "mediator/pinlock.h"
#include "passwordhash.h"

#include <QTemporaryDir>
#include <QTest>

using namespace relais;
using namespace relais::provisioning;

// The mediator PIN: the right PIN opens, 5 wrong ones lock for 5 minutes, and neither a
// restart nor the right PIN lifts the lock early.
class TestPinLock : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_hash;
    QDateTime m_now = QDateTime(QDate(2026, 11, 18), QTime(10, 0), Qt::UTC);

    PinLock::Clock clock()
    {
        return [this] { return m_now; };
    }

private slots:
    void initTestCase() { m_hash = hashPassword("4826"); }

    void rightPinOpens()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("a.sqlite")), kioskMigrations());
        PinLock lock(*db, m_hash, clock());
        QCOMPARE(lock.tryPin(QStringLiteral("1111")), PinLock::Result::Wrong);
        QCOMPARE(lock.triesLeft(), 4);
        QCOMPARE(lock.tryPin(QStringLiteral("4826")), PinLock::Result::Accepted);
        QCOMPARE(lock.triesLeft(), 5);
        PinLock none(*db, QString(), clock());
        QCOMPARE(none.tryPin(QStringLiteral("4826")), PinLock::Result::NoPin);
    }

    void fiveWrongTriesLockAcrossARestart()
    {
        const QString file = m_dir.filePath(QStringLiteral("b.sqlite"));
        {
            auto db = Database::open(file, kioskMigrations());
            PinLock lock(*db, m_hash, clock());
            for (int i = 0; i < 4; ++i)
                QCOMPARE(lock.tryPin(QStringLiteral("0000")), PinLock::Result::Wrong);
        }
        {
            // A restart does not give the tries back.
            auto db = Database::open(file, kioskMigrations());
            PinLock lock(*db, m_hash, clock());
            QCOMPARE(lock.triesLeft(), 1);
            QCOMPARE(lock.tryPin(QStringLiteral("0000")), PinLock::Result::Locked);
            QVERIFY(lock.locked());
            QCOMPARE(lock.secondsLocked(), 300);
        }
        m_now = m_now.addSecs(120);
        {
            // Restarted during the lock: still locked, even for the right PIN.
            auto db = Database::open(file, kioskMigrations());
            PinLock lock(*db, m_hash, clock());
            QCOMPARE(lock.secondsLocked(), 180);
            QCOMPARE(lock.tryPin(QStringLiteral("4826")), PinLock::Result::Locked);
            QCOMPARE(lock.secondsLocked(), 180);
        }
        m_now = m_now.addSecs(181);
        {
            auto db = Database::open(file, kioskMigrations());
            PinLock lock(*db, m_hash, clock());
            QVERIFY(!lock.locked());
            QCOMPARE(lock.triesLeft(), 5);
            QCOMPARE(lock.tryPin(QStringLiteral("0000")), PinLock::Result::Wrong);
            QCOMPARE(lock.triesLeft(), 4);
            QCOMPARE(lock.tryPin(QStringLiteral("4826")), PinLock::Result::Accepted);
        }
    }

    void clockSetBackDoesNotLengthenTheLock()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("c.sqlite")), kioskMigrations());
        PinLock lock(*db, m_hash, clock());
        for (int i = 0; i < 5; ++i)
            lock.tryPin(QStringLiteral("9999"));
        m_now = m_now.addDays(-1);
        QCOMPARE(lock.secondsLocked(), 300);
    }
};

QTEST_GUILESS_MAIN(TestPinLock)
#include "tst_pinlock.moc"
