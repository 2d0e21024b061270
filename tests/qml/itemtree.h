// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>
#include <QQuickItem>
#include <QString>
#include <QVariant>

#include <algorithm>

// The item tree of a screen as a finger and an eye meet it, for the screens' audits.
namespace itemtree {

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
