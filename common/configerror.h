// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais {

// Why a data file (site configuration, catalog, survey definition…) was refused: the file, the
// field, and what is wrong with it.
struct ConfigError
{
    QString file;
    QString field;
    QString problem;

    QString message() const;
};

} // namespace relais
