// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "counts/weeklygrid.h"

#include <QAbstractListModel>
#include <QQmlEngine>

namespace relais {

// One week of the count grid for the screen: a row per kind of help × agency, with the
// kiosk's automatic counts and the desk's counts for Monday to Sunday.
class CountGridModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the mediator mode: use Kiosk.mediator.grid")

public:
    enum Role { KindRole = Qt::UserRole + 1, AgencyRole, AutomaticRole, DeskRole };

    explicit CountGridModel(WeeklyGrid *grid, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void load(IsoWeek week);
    // Re-reads one row's desk counts after a change.
    void refreshRow(int row);
    // Shows other desk counts than this kiosk's (those of the site's version closed on another
    // kiosk), until the next load.
    void showDesk(const WeekCounts &desk);
    int automatic(int row, int day) const;
    int desk(int row, int day) const;

private:
    WeeklyGrid *m_grid;
    IsoWeek m_week;
    WeekCounts m_automatic;
    WeekCounts m_desk;
};

} // namespace relais
