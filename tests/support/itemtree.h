// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>
#include <QQuickItem>
#include <QRectF>
#include <QString>
#include <QVariant>

#include <algorithm>
#include <cmath>

// The item tree of a screen as a finger and an eye meet it, for the screens' audits and the
// system test's driver.
namespace itemtree {

inline QRectF sceneRect(const QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

// Within a pixel: layouts place items on fractions.
inline bool same(const QRectF &a, const QRectF &b)
{
    return std::abs(a.left() - b.left()) < 1 && std::abs(a.top() - b.top()) < 1 &&
           std::abs(a.right() - b.right()) < 1 && std::abs(a.bottom() - b.bottom()) < 1;
}

// The part of `rect` (in the scene) that every clipping ancestor of `item` leaves.
inline QRectF unclipped(const QQuickItem *item, QRectF rect)
{
    for (const QQuickItem *ancestor = item->parentItem(); ancestor;
         ancestor = ancestor->parentItem()) {
        if (ancestor->clip())
            rect &= sceneRect(ancestor);
    }
    return rect;
}

// Whether `item` lies whole inside every clipping item above it: a paged screen clips away
// what is not on its page (qml/Theme/PageColumn.qml, qml/Home/TileGrid.qml).
inline bool shownWhole(const QQuickItem *item)
{
    const QRectF rect = sceneRect(item);
    return same(unclipped(item, rect), rect);
}

inline bool isPressable(const QQuickItem *item)
{
    return item->inherits("QQuickAbstractButton") || item->inherits("QQuickMouseArea");
}

inline QString describe(const QQuickItem *item)
{
    const QVariant text = item->property("text");
    return QStringLiteral("%1 \"%2\" (%3) %4x%5")
        .arg(QString::fromLatin1(item->metaObject()->className()), item->objectName(),
             text.toString().left(40))
        .arg(item->width())
        .arg(item->height());
}

inline bool isShown(const QQuickItem *item)
{
    return item->isVisible() && item->opacity() > 0;
}

// Children in the order they are painted: by z, then as declared.
inline QList<QQuickItem *> paintOrder(const QQuickItem *item)
{
    QList<QQuickItem *> children = item->childItems();
    std::stable_sort(children.begin(), children.end(),
                     [](const QQuickItem *a, const QQuickItem *b) { return a->z() < b->z(); });
    return children;
}

// Every shown item under `item` that `keep` accepts, in paint order (last painted last).
template<typename Keep> void collect(QQuickItem *item, QList<QQuickItem *> &found, Keep keep)
{
    if (!isShown(item))
        return;
    if (keep(item))
        found << item;
    for (QQuickItem *child : paintOrder(item))
        collect(child, found, keep);
}

// Everything a finger can press now.
inline QList<QQuickItem *> pressable(QQuickItem *root)
{
    QList<QQuickItem *> found;
    collect(root, found,
            [](const QQuickItem *item) { return isPressable(item) && item->isEnabled(); });
    return found;
}

} // namespace itemtree
