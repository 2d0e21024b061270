// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "database.h"

#include <QDateTime>
#include <QString>

#include <functional>

namespace relais {

// The mediator's PIN: checked against its salted PBKDF2 hash; 5 wrong tries in a row lock the
// pad for 5 minutes. Tries and lock live in the store, so a restart neither resets the count
// nor lifts the lock.
class PinLock
{
public:
    static constexpr int kMaxTries = 5;
    static constexpr int kLockSeconds = 5 * 60;

    enum class Result { Accepted, Wrong, Locked, NoPin };

    using Clock = std::function<QDateTime()>; // UTC now; tests move it
    PinLock(Database &database, QString pinHash, Clock clock = {});

    Result tryPin(const QString &pin);
    bool hasPin() const { return !m_pinHash.isEmpty(); }
    bool locked() const { return secondsLocked() > 0; }
    int secondsLocked() const;
    int triesLeft() const;

private:
    struct State
    {
        int failures = 0;
        QDateTime lockedUntil;
    };
    State read() const;
    void write(const State &state);

    Database &m_database;
    QString m_pinHash;
    Clock m_clock;
};

} // namespace relais
