// SPDX-License-Identifier: EUPL-1.2
#include "pinlock.h"

#include "passwordhash.h"

namespace relais {

PinLock::PinLock(Database &database, QString pinHash, Clock clock)
    : m_database(database), m_pinHash(std::move(pinHash)), m_clock(std::move(clock))
{
    if (!m_clock)
        m_clock = [] { return QDateTime::currentDateTimeUtc(); };
}

PinLock::State PinLock::read() const
{
    Statement query = m_database.prepare(
        "SELECT failures, coalesce(locked_until, '') FROM pin_lock WHERE id = 1");
    if (!query.step())
        return {};
    return {static_cast<int>(query.integer(0)),
            QDateTime::fromString(query.text(1), Qt::ISODateWithMs)};
}

void PinLock::write(const State &state)
{
    m_database.transaction([&] {
        m_database
            .prepare(
                "INSERT INTO pin_lock (id, failures, locked_until) VALUES (1, ?, nullif(?, '')) "
                "ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, "
                "locked_until = excluded.locked_until")
            .bind(1, static_cast<qint64>(state.failures))
            .bind(2, state.lockedUntil.isValid() ? state.lockedUntil.toString(Qt::ISODateWithMs)
                                                 : QString())
            .run();
    });
}

int PinLock::secondsLocked() const
{
    const State state = read();
    if (!state.lockedUntil.isValid())
        return 0;
    const qint64 left = m_clock().msecsTo(state.lockedUntil);
    // A lock further ahead than its length means the clock was set back: honour the length.
    return left <= 0 ? 0 : static_cast<int>(std::min<qint64>((left + 999) / 1000, kLockSeconds));
}

int PinLock::triesLeft() const
{
    return locked() ? 0 : kMaxTries - read().failures;
}

PinLock::Result PinLock::tryPin(const QString &pin)
{
    if (m_pinHash.isEmpty())
        return Result::NoPin;
    if (locked())
        return Result::Locked;
    State state = read();
    if (state.lockedUntil.isValid()) {
        // The lock has run out: a fresh set of tries.
        state = {};
    }
    if (provisioning::verifyPassword(pin.toUtf8(), m_pinHash)) {
        write({});
        return Result::Accepted;
    }
    ++state.failures;
    if (state.failures >= kMaxTries)
        state = {0, m_clock().addSecs(kLockSeconds)};
    write(state);
    return state.lockedUntil.isValid() ? Result::Locked : Result::Wrong;
}

} // namespace relais
