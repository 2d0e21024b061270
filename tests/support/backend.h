// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "postgresserver.h"

#include <memory>

namespace relais::observatory::test {

// The store a test runs against: SQLite by default, a real PostgreSQL started for the test
// when RELAIS_TEST_BACKEND=postgresql (ctest registers both variants).
class Backend
{
public:
    Backend()
    {
        if (qEnvironmentVariable("RELAIS_TEST_BACKEND") == QLatin1String("postgresql")) {
            m_postgres = std::make_unique<PostgresServer>();
            if (!m_postgres->start())
                qFatal("PostgreSQL did not start");
        }
    }
    bool isPostgres() const { return m_postgres != nullptr; }
    // Empty for SQLite: the observatory's folder holds the file.
    QString database() const { return m_postgres ? m_postgres->url() : QString(); }
    PostgresServer *postgres() const { return m_postgres.get(); }

private:
    std::unique_ptr<PostgresServer> m_postgres;
};

} // namespace relais::observatory::test
