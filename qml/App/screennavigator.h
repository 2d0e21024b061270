// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

class QQuickItem;

// What the non-visual mode walks: the actionable items of the screen as Qt Quick's
// accessibility properties describe them (Accessible.role, .name, .description), in reading
// order. The screens and the speech have one source: an item without an accessible name is not
// reachable, and is a bug of its screen.
namespace relais::screennav {

// Reading order of rectangles (scene coordinates): rows from top to bottom, left to right in
// a row. An item belongs to the row of the item above it when its middle is above that
// item's bottom, so that a tile a few pixels lower than its neighbour stays in their row.
QList<int> readingOrder(const QList<QRectF> &rects);

// A button, a touch area or a text field, with an accessible name, shown and enabled.
bool isActionable(QQuickItem *item);

// The items a resident can reach under `root`, in reading order. When a dialog is open
// (Accessible.role: Accessible.Dialog, visible), only its items: what is behind it cannot be
// pressed either.
QList<QQuickItem *> actionableItems(QQuickItem *root);

// The open dialog under `root` that navigation is limited to, or nullptr.
QQuickItem *openDialog(QQuickItem *root);

// The topmost open popup of a window (the session bar's "Plus", the mediator's list of pages),
// given the window's content item, or nullptr. The kiosk's popups are modal: while one is
// open, what is behind it cannot be pressed, and navigation is limited to it.
QQuickItem *openPopup(QQuickItem *windowContent);

// The last (topmost) of `items` under a point in scene coordinates, or nullptr.
QQuickItem *itemAt(const QList<QQuickItem *> &items, QPointF scenePoint);

// What is said when the focus reaches an item: role, name, description and state, e.g.
// "Bouton, CAF, Allocations familiales" (in the kiosk's current language).
QString describe(QQuickItem *item);

// Text as it is said: line breaks and runs of spaces made one space, no-break spaces kept.
QString clean(const QString &text);

// The accessible name of an item, empty when it has none.
QString accessibleName(QQuickItem *item);

} // namespace relais::screennav
