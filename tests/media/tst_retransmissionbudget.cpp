// SPDX-License-Identifier: EUPL-1.2
// The bound on retransmissions: a storm of NACKs on a full line gets a share of the target
// rate, a few lost packets are always repaired, and the budget follows the target.

#include "retransmissionbudget.h"

#include <QTest>

using namespace relais::media;

class TestRetransmissionBudget : public QObject
{
    Q_OBJECT
private slots:
    void aStormIsHeldToAShareOfTheTarget();
    void aFewLostPacketsAreRepaired();
    void theBudgetFollowsTheTarget();
    void aSlowLineKeepsAFloor();
};

namespace {
constexpr int kPacket = 1200;

// Bytes let through when `asked` packets a second are asked for, over `seconds`.
qint64 sentUnderStorm(RetransmissionBudget &budget, int asked, int seconds, qint64 startUs = 0)
{
    qint64 sent = 0;
    const qint64 step = 1'000'000 / asked;
    for (qint64 t = startUs; t < startUs + seconds * 1'000'000LL; t += step)
        if (budget.spend(t, kPacket))
            sent += kPacket;
    return sent;
}
} // namespace

void TestRetransmissionBudget::aStormIsHeldToAShareOfTheTarget()
{
    RetransmissionBudget budget;
    budget.setTargetKbps(800);
    // 3,000 packets a second asked for (what a full 1 Mbit/s line drew before the bound):
    // 28.8 Mbit/s. Over 10 s the budget lets through a quarter of 800 kbit/s, plus one burst.
    const qint64 sent = sentUnderStorm(budget, 3000, 10);
    const double kbps = double(sent) * 8 / 1000 / 10;
    QVERIFY2(kbps <= 800 * RetransmissionBudget::kShareOfTarget * 1.1,
             qPrintable(QString::number(kbps)));
    QVERIFY2(kbps >= 800 * RetransmissionBudget::kShareOfTarget * 0.9,
             qPrintable(QString::number(kbps)));
}

void TestRetransmissionBudget::aFewLostPacketsAreRepaired()
{
    RetransmissionBudget budget;
    budget.setTargetKbps(800);
    // 3 % of 800 kbit/s lost and asked for again: 2.5 packets a second, all sent.
    int refused = 0;
    for (qint64 t = 0; t < 20'000'000; t += 400'000)
        refused += budget.spend(t, kPacket) ? 0 : 1;
    QCOMPARE(refused, 0);
}

void TestRetransmissionBudget::theBudgetFollowsTheTarget()
{
    RetransmissionBudget budget;
    budget.setTargetKbps(2000);
    sentUnderStorm(budget, 3000, 1); // the first burst
    const double high = double(sentUnderStorm(budget, 3000, 5, 1'000'000)) * 8 / 1000 / 5;
    budget.setTargetKbps(400);
    sentUnderStorm(budget, 3000, 1, 6'000'000); // the burst left from the higher rate
    const double low = double(sentUnderStorm(budget, 3000, 5, 7'000'000)) * 8 / 1000 / 5;
    QVERIFY2(qAbs(high - 2000 * RetransmissionBudget::kShareOfTarget) < 25 &&
                 qAbs(low - 400 * RetransmissionBudget::kShareOfTarget) < 10,
             qPrintable(QStringLiteral("%1 then %2 kbit/s").arg(high).arg(low)));
}

void TestRetransmissionBudget::aSlowLineKeepsAFloor()
{
    RetransmissionBudget budget;
    budget.setTargetKbps(0); // the picture stopped: the voice's losses may still be repaired
    const double kbps = double(sentUnderStorm(budget, 3000, 10)) * 8 / 1000 / 10;
    QVERIFY2(kbps >= RetransmissionBudget::kFloorKbps * 0.9 &&
                 kbps <= RetransmissionBudget::kFloorKbps * 1.2,
             qPrintable(QString::number(kbps)));
}

QTEST_GUILESS_MAIN(TestRetransmissionBudget)
#include "tst_retransmissionbudget.moc"
