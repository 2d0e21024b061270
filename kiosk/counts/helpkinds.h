// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace relais {

// The kinds of help of the weekly count grid (seed 003). Some are counted per agency.
struct HelpKind
{
    QString id;
    bool perAgency;
};

const QList<HelpKind> &helpKinds();

// One row of the grid: a kind of help, and the agency for the kinds counted per agency.
struct GridRow
{
    QString kind;
    QString agency; // empty for kinds not counted per agency

    QString key() const { return kind + QLatin1Char('/') + agency; }
    bool operator==(const GridRow &) const = default;
};

// The grid's rows for a site offering `agencies`, in the grid's order.
QList<GridRow> gridRows(const QStringList &agencies);

} // namespace relais
