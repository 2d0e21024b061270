// SPDX-License-Identifier: EUPL-1.2
#include "screennavigator.h"

#include <QAccessible>
#include <QCoreApplication>
#include <QQuickItem>
#include <QRegularExpression>

#include <algorithm>
#include <numeric>

namespace relais::screennav {

namespace {

QAccessibleInterface *accessible(QQuickItem *item)
{
    return QAccessible::queryAccessibleInterface(item);
}

bool isShown(const QQuickItem *item)
{
    return item->isVisible() && item->opacity() > 0;
}

QRectF sceneRect(const QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

// Items, or the items of a scrolled area as one block where the area stands: what is below
// its fold is read with the rest of the area, before what follows the area on screen.
struct Block
{
    QRectF rect;
    QList<QQuickItem *> items;
};

QList<QQuickItem *> inReadingOrder(const QList<Block> &blocks)
{
    QList<QRectF> rects;
    rects.reserve(blocks.size());
    for (const Block &block : blocks)
        rects << block.rect;
    QList<QQuickItem *> items;
    for (const int index : readingOrder(rects))
        items << blocks[index].items;
    return items;
}

// `clip`: what the clipping items above `item` let through, in the scene. A screen shown a page
// at a time clips away what is not on its page (PageColumn, TileGrid): out of sight, out of
// reach, as for a finger; its "Page suivante" is reachable instead.
void collect(QQuickItem *item, QList<Block> &found, const QRectF &clip)
{
    if (!isShown(item))
        return;
    const QRectF rect = sceneRect(item);
    if (isActionable(item)) {
        const QRectF seen = clip.intersected(rect);
        if (seen.width() > 1 && seen.height() > 1)
            found << Block{rect, {item}}; // a button's label is not a second stop
        return;
    }
    if (item->inherits("QQuickFlickable")) {
        // What is below its fold is read with it: its own clip does not hide it.
        QList<Block> inside;
        for (QQuickItem *child : item->childItems())
            collect(child, inside, clip);
        if (!inside.isEmpty())
            found << Block{rect, inReadingOrder(inside)};
        return;
    }
    const QRectF inner = item->clip() ? clip.intersected(rect) : clip;
    for (QQuickItem *child : item->childItems())
        collect(child, found, inner);
}

void findDialogs(QQuickItem *item, QList<QQuickItem *> &found)
{
    if (!isShown(item))
        return;
    if (QAccessibleInterface *iface = accessible(item);
        iface && iface->role() == QAccessible::Dialog)
        found << item;
    for (QQuickItem *child : item->childItems())
        findDialogs(child, found);
}

} // namespace

QString clean(const QString &text)
{
    static const QRegularExpression spaces(QStringLiteral("[ \\t\\r\\n]+"));
    return QString(text).replace(spaces, QStringLiteral(" ")).trimmed();
}

namespace {

QString roleName(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::Button:
        return QCoreApplication::translate("relais::NonVisualMode", "Bouton");
    case QAccessible::CheckBox:
        return QCoreApplication::translate("relais::NonVisualMode", "Case à cocher");
    case QAccessible::RadioButton:
        return QCoreApplication::translate("relais::NonVisualMode", "Choix");
    case QAccessible::EditableText:
        return QCoreApplication::translate("relais::NonVisualMode", "Zone de texte");
    case QAccessible::Link:
        return QCoreApplication::translate("relais::NonVisualMode", "Lien");
    default:
        return {};
    }
}

} // namespace

QList<int> readingOrder(const QList<QRectF> &rects)
{
    QList<int> byTop(rects.size());
    std::iota(byTop.begin(), byTop.end(), 0);
    std::stable_sort(byTop.begin(), byTop.end(), [&](int a, int b) {
        if (rects[a].top() != rects[b].top())
            return rects[a].top() < rects[b].top();
        return rects[a].left() < rects[b].left();
    });
    QList<int> order;
    qsizetype rowStart = 0;
    while (rowStart < byTop.size()) {
        const qreal rowBottom = rects[byTop[rowStart]].bottom();
        qsizetype rowEnd = rowStart + 1;
        while (rowEnd < byTop.size() && rects[byTop[rowEnd]].center().y() < rowBottom)
            ++rowEnd;
        QList<int> row(byTop.begin() + rowStart, byTop.begin() + rowEnd);
        std::stable_sort(row.begin(), row.end(),
                         [&](int a, int b) { return rects[a].left() < rects[b].left(); });
        order << row;
        rowStart = rowEnd;
    }
    return order;
}

QString accessibleName(QQuickItem *item)
{
    QAccessibleInterface *iface = accessible(item);
    return iface ? clean(iface->text(QAccessible::Name)) : QString();
}

bool isActionable(QQuickItem *item)
{
    if (!isShown(item) || !item->isEnabled())
        return false;
    const bool pressable = item->inherits("QQuickAbstractButton") ||
                           item->inherits("QQuickMouseArea") || item->inherits("QQuickTextInput") ||
                           item->inherits("QQuickTextEdit");
    if (!pressable)
        return false;
    // A touch area without a role is there to stop touches (behind a dialog, around a card).
    QAccessibleInterface *iface = accessible(item);
    if (!iface || iface->role() == QAccessible::NoRole || iface->role() == QAccessible::Client)
        return item->inherits("QQuickTextInput") && !accessibleName(item).isEmpty();
    return !accessibleName(item).isEmpty();
}

QQuickItem *openDialog(QQuickItem *root)
{
    QList<QQuickItem *> dialogs;
    findDialogs(root, dialogs);
    return dialogs.isEmpty() ? nullptr : dialogs.constLast();
}

QQuickItem *openPopup(QQuickItem *windowContent)
{
    if (!windowContent)
        return nullptr;
    // Qt Quick Controls put every popup's item in the window's overlay, a child of its
    // content item.
    for (QQuickItem *child : windowContent->childItems()) {
        if (!child->inherits("QQuickOverlay"))
            continue;
        const QList<QQuickItem *> popups = child->childItems();
        for (auto it = popups.crbegin(); it != popups.crend(); ++it) {
            if ((*it)->isVisible() && (*it)->inherits("QQuickPopupItem"))
                return *it;
        }
    }
    return nullptr;
}

QList<QQuickItem *> actionableItems(QQuickItem *root)
{
    QQuickItem *scope = openDialog(root);
    QList<Block> found;
    QQuickItem *top = scope ? scope : root;
    const QRectF everywhere(-1e6, -1e6, 2e6, 2e6);
    collect(top, found, everywhere);
    return inReadingOrder(found);
}

QQuickItem *itemAt(const QList<QQuickItem *> &items, QPointF scenePoint)
{
    // Later in the tree is drawn on top: search from the end of the tree order.
    QQuickItem *hit = nullptr;
    qreal smallest = 0;
    for (QQuickItem *item : items) {
        const QRectF rect = sceneRect(item);
        // The smallest item under the finger: a button on a screen-wide touch area.
        if (rect.contains(scenePoint) && (!hit || rect.width() * rect.height() < smallest)) {
            hit = item;
            smallest = rect.width() * rect.height();
        }
    }
    return hit;
}

QString describe(QQuickItem *item)
{
    QAccessibleInterface *iface = accessible(item);
    if (!iface)
        return {};
    QStringList parts;
    if (const QString role = roleName(iface->role()); !role.isEmpty())
        parts << role;
    parts << accessibleName(item);
    if (const QString description = clean(iface->text(QAccessible::Description));
        !description.isEmpty() && description != parts.constLast())
        parts << description;
    const QAccessible::State state = iface->state();
    if (state.checked)
        parts << QCoreApplication::translate("relais::NonVisualMode", "coché");
    if (state.selected)
        parts << QCoreApplication::translate("relais::NonVisualMode", "choisi");
    if (iface->role() == QAccessible::EditableText) {
        const QString value = iface->text(QAccessible::Value);
        parts << (value.isEmpty() ? QCoreApplication::translate("relais::NonVisualMode", "vide")
                                  : value);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace relais::screennav
