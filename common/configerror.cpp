// SPDX-License-Identifier: EUPL-1.2
#include "configerror.h"

namespace relais {

QString ConfigError::message() const
{
    if (field.isEmpty())
        return QStringLiteral("%1: %2").arg(file, problem);
    return QStringLiteral("%1: field \"%2\" %3").arg(file, field, problem);
}

} // namespace relais
