// SPDX-License-Identifier: EUPL-1.2
#include "itemtree.h"
#include "screennavigator.h"
#include "theme.h"
#include "tourwindow.h"

#include <QQuickItem>
#include <QSet>
#include <QTest>

using namespace relais;
using itemtree::same;
using itemtree::sceneRect;

// Walks every screen of the review tour (both screen sizes, both languages, 100 % and 200 %
// text) and measures what a resident meets on the item tree:
// - between any two targets a finger can press, at least the theme's gap (8 mm);
// - no text cut (elided, wider or taller than its item, or partly outside what clips it) and no
//   text drawn over another text or over a target it does not belong to;
// - every target on screen whole, or brought on screen whole by the screen's paging buttons:
//   the test presses "Page suivante" with the mouse until the last page and checks that each
//   press shows the next page, and that every target was shown whole on one of the pages.
class TestLayoutAudit : public QObject
{
    Q_OBJECT

    TourWindow m_tour;
    QQuickWindow *m_window = nullptr;
    qreal m_gap = 0;

    // What has been seen of one screen in one configuration, over its pages.
    struct Walk
    {
        QString where;
        QSet<QQuickItem *> targets;
        QSet<QQuickItem *> shownWhole;
        QStringList *failures = nullptr;
        int pages = 0;
    };

    // The part of `rect` (in the scene) left by the window and every clipping ancestor of `item`.
    QRectF visiblePart(const QQuickItem *item, const QRectF &rect) const
    {
        return itemtree::unclipped(item, rect & QRectF(QPointF(0, 0), QSizeF(m_window->size())));
    }

    static bool isAncestor(const QQuickItem *ancestor, const QQuickItem *item)
    {
        for (const QQuickItem *it = item->parentItem(); it; it = it->parentItem()) {
            if (it == ancestor)
                return true;
        }
        return false;
    }

    static bool related(const QQuickItem *a, const QQuickItem *b)
    {
        return isAncestor(a, b) || isAncestor(b, a);
    }

    // What is drawn over `rect` after `item` (a dialog's backdrop, the mediator's panel over the
    // screen): a target that takes the whole of it, or a filled rectangle, neither part of `item`.
    // What is under it cannot be pressed or read.
    static bool covered(const QQuickItem *item, const QRectF &rect,
                        const QList<QQuickItem *> &inPaintOrder)
    {
        for (qsizetype i = inPaintOrder.indexOf(item) + 1; i < inPaintOrder.size(); ++i) {
            const QQuickItem *later = inPaintOrder.at(i);
            if (related(item, later) || !sceneRect(later).contains(rect))
                continue;
            if (itemtree::isPressable(later))
                return true;
            if (later->inherits("QQuickRectangle") &&
                later->property("color").value<QColor>().alphaF() >= 0.5 && later->opacity() >= 0.5)
                return true;
        }
        return false;
    }

    // The distance between two rectangles, along the axis that separates them.
    static qreal gapBetween(const QRectF &a, const QRectF &b)
    {
        const qreal dx = std::max(a.left(), b.left()) - std::min(a.right(), b.right());
        const qreal dy = std::max(a.top(), b.top()) - std::min(a.bottom(), b.bottom());
        return std::max(dx, dy);
    }

    // Where a Text's glyphs are, from its content size, alignment and padding.
    static QRectF paintedRect(const QQuickItem *text)
    {
        const qreal left = text->property("leftPadding").toReal();
        const qreal right = text->property("rightPadding").toReal();
        const qreal top = text->property("topPadding").toReal();
        const qreal bottom = text->property("bottomPadding").toReal();
        const qreal width = text->property("contentWidth").toReal();
        const qreal height = text->property("contentHeight").toReal();
        const qreal roomX = text->width() - left - right;
        const qreal roomY = text->height() - top - bottom;
        const int horizontal = text->property("effectiveHorizontalAlignment").toInt();
        const int vertical = text->property("verticalAlignment").toInt();
        qreal x = left;
        if (horizontal & Qt::AlignRight)
            x += roomX - width;
        else if (horizontal & Qt::AlignHCenter)
            x += (roomX - width) / 2;
        qreal y = top;
        if (vertical & Qt::AlignBottom)
            y += roomY - height;
        else if (vertical & Qt::AlignVCenter)
            y += (roomY - height) / 2;
        return text->mapRectToScene(QRectF(x, y, width, height));
    }

    static QString textOf(const QQuickItem *item)
    {
        return QStringLiteral("Text \"%1\"").arg(item->property("text").toString().left(50));
    }

    // What a finger can reach: an open popup or dialog takes every touch, what is behind it
    // cannot be pressed (the same rule as the non-visual mode's, screennav).
    QQuickItem *reachable() const
    {
        QQuickItem *content = m_window->contentItem();
        if (QQuickItem *popup = screennav::openPopup(content))
            return popup;
        if (QQuickItem *dialog = screennav::openDialog(content))
            return dialog;
        return content;
    }

    // One page of one screen: the targets shown whole, the gaps between them, and the texts.
    void auditPage(Walk &walk)
    {
        ++walk.pages;
        const QString where = QStringLiteral("%1 page %2").arg(walk.where).arg(walk.pages);
        QStringList &failures = *walk.failures;
        QList<QQuickItem *> painted;
        itemtree::collect(m_window->contentItem(), painted,
                          [](const QQuickItem *) { return true; });
        const QList<QQuickItem *> all = itemtree::pressable(reachable());
        QList<QQuickItem *> whole;
        for (QQuickItem *item : all) {
            if (covered(item, sceneRect(item), painted))
                continue;
            walk.targets.insert(item);
            const QRectF rect = sceneRect(item);
            if (same(visiblePart(item, rect), rect)) {
                walk.shownWhole.insert(item);
                whole << item;
            }
        }
        for (qsizetype i = 0; i < whole.size(); ++i) {
            for (qsizetype j = i + 1; j < whole.size(); ++j) {
                const QQuickItem *a = whole.at(i);
                const QQuickItem *b = whole.at(j);
                const QRectF ra = sceneRect(a);
                const QRectF rb = sceneRect(b);
                // A target inside another (a backdrop that closes a dialog) is not its neighbour.
                if (related(a, b) || ra.contains(rb) || rb.contains(ra))
                    continue;
                const qreal gap = gapBetween(ra, rb);
                if (gap < m_gap - 0.5)
                    failures << QStringLiteral("%1: %2 px between %3 and %4 (at least %5)")
                                    .arg(where)
                                    .arg(gap)
                                    .arg(itemtree::describe(a), itemtree::describe(b))
                                    .arg(m_gap);
            }
        }

        QList<QQuickItem *> texts;
        itemtree::collect(m_window->contentItem(), texts, [](const QQuickItem *item) {
            return item->inherits("QQuickText") && !item->property("text").toString().isEmpty();
        });
        QList<QPair<QQuickItem *, QRectF>> drawn;
        for (QQuickItem *text : std::as_const(texts)) {
            const QRectF glyphs = paintedRect(text);
            const QRectF visible = visiblePart(text, glyphs);
            if (visible.isEmpty() || covered(text, glyphs, painted))
                continue; // on another page, or under a dialog
            if (text->property("truncated").toBool())
                failures << QStringLiteral("%1: %2 is cut short").arg(where, textOf(text));
            const qreal width = text->property("contentWidth").toReal();
            const qreal height = text->property("contentHeight").toReal();
            if (width > text->width() + 1 || height > text->height() + 1)
                failures << QStringLiteral("%1: %2 needs %3x%4, has %5x%6")
                                .arg(where, textOf(text))
                                .arg(width)
                                .arg(height)
                                .arg(text->width())
                                .arg(text->height());
            else if (!same(visible, glyphs))
                failures << QStringLiteral("%1: %2 is partly hidden").arg(where, textOf(text));
            drawn.append({text, visible});
        }
        for (qsizetype i = 0; i < drawn.size(); ++i) {
            for (qsizetype j = i + 1; j < drawn.size(); ++j) {
                const QRectF overlap = drawn.at(i).second & drawn.at(j).second;
                if (overlap.width() > 2 && overlap.height() > 2 &&
                    !related(drawn.at(i).first, drawn.at(j).first))
                    failures << QStringLiteral("%1: %2 is drawn over %3")
                                    .arg(where, textOf(drawn.at(i).first),
                                         textOf(drawn.at(j).first));
            }
            for (const QQuickItem *target : std::as_const(whole)) {
                const QRectF rect = sceneRect(target);
                const QRectF overlap = drawn.at(i).second & rect;
                if (overlap.width() > 2 && overlap.height() > 2 &&
                    !related(target, drawn.at(i).first) && !rect.contains(drawn.at(i).second))
                    failures << QStringLiteral("%1: %2 is drawn over %3")
                                    .arg(where, textOf(drawn.at(i).first),
                                         itemtree::describe(target));
            }
        }
    }

    static QQuickItem *child(QQuickItem *root, const QString &name)
    {
        QList<QQuickItem *> found;
        itemtree::collect(root, found,
                          [&name](const QQuickItem *item) { return item->objectName() == name; });
        return found.isEmpty() ? nullptr : found.constFirst();
    }

    void press(QQuickItem *button)
    {
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier,
                          sceneRect(button).center().toPoint());
        // Bindings place the page at once; a frame lets the layouts settle.
        QTest::qWait(20);
        m_window->grabWindow();
    }

    // Each set of paging buttons on the screen, from its first page to its last.
    void walkPages(Walk &walk)
    {
        QList<QQuickItem *> pagers;
        itemtree::collect(reachable(), pagers, [](const QQuickItem *item) {
            return item->objectName() == QLatin1String("pageButtons");
        });
        for (QQuickItem *pager : std::as_const(pagers)) {
            const int count = pager->property("count").toInt();
            for (int back = 0; back < count; ++back) {
                QQuickItem *previous = child(pager, QStringLiteral("previousPageButton"));
                if (!previous)
                    break;
                press(previous);
            }
            if (pager->property("page").toInt() != 0)
                walk.failures->append(
                    QStringLiteral("%1: \"Page précédente\" does not go back to the first page")
                        .arg(walk.where));
            for (int page = 1; page < count; ++page) {
                QQuickItem *next = child(pager, QStringLiteral("nextPageButton"));
                if (!next || !walk.shownWhole.contains(next)) {
                    walk.failures->append(
                        QStringLiteral("%1: no \"Page suivante\" on page %2 of %3")
                            .arg(walk.where)
                            .arg(page)
                            .arg(count));
                    break;
                }
                press(next);
                if (pager->property("page").toInt() != page) {
                    walk.failures->append(QStringLiteral("%1: \"Page suivante\" did not show "
                                                         "page %2 of %3")
                                              .arg(walk.where)
                                              .arg(page + 1)
                                              .arg(count));
                    break;
                }
                auditPage(walk);
            }
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tour.open());
        m_window = m_tour.window;
        auto *theme =
            m_tour.engine->singletonInstance<Theme *>(qmlTypeId("Relais.Theme", 1, 0, "Theme"));
        QVERIFY(theme);
        m_gap = theme->targetGap();
        QVERIFY(m_gap >= 24);
    }

    void cleanupTestCase()
    {
        m_window = nullptr;
        m_tour.close();
    }

    void everyScreenFitsAndCanBeReached()
    {
        QStringList failures;
        int targets = 0;
        int pagedScreens = 0;
        const int screens = m_tour.walk([&](const TourWindow::Place &place) {
            Walk walk;
            walk.where = place.name();
            walk.failures = &failures;
            auditPage(walk);
            walkPages(walk);
            if (walk.targets.isEmpty())
                failures << QStringLiteral("%1: nothing to press").arg(walk.where);
            for (QQuickItem *item : std::as_const(walk.targets)) {
                if (!walk.shownWhole.contains(item))
                    failures << QStringLiteral("%1: %2 is never shown whole, on any of %3 pages")
                                    .arg(walk.where, itemtree::describe(item))
                                    .arg(walk.pages);
            }
            targets += int(walk.targets.size());
            pagedScreens += walk.pages > 1 ? 1 : 0;
        });
        qInfo("%d screens, %d targets, %d screens shown in pages", screens, targets, pagedScreens);
        // One line each: Qt Test cuts a long message short.
        for (const QString &failure : std::as_const(failures))
            qWarning().noquote() << failure;
        QVERIFY2(failures.isEmpty(),
                 qPrintable(QStringLiteral("%1 failures, listed above").arg(failures.size())));
        QVERIFY(targets > 100);
    }
};

QTEST_MAIN(TestLayoutAudit)
#include "tst_layoutaudit.moc"
