// SPDX-License-Identifier: EUPL-1.2
#include "itemtree.h"
#include "theme.h"
#include "tourwindow.h"

#include <QAccessible>
#include <QImage>
#include <QQmlComponent>
#include <QQuickItem>
#include <QTest>

#include <algorithm>

using namespace relais;

// Two audits of every screen of the screenshot tour, at both sizes, both languages, 100 % and
// 200 % text (qml/README.md, "Audits"):
// - the contrast of each visible text against what is drawn behind it, in the rendered window;
// - every item a finger can act on has an accessible name and a role that says it can be
//   pressed or typed into, as a screen reader (and the kiosk's speech) would read them.
class TestScreenAudit : public QObject
{
    Q_OBJECT

    TourWindow m_tour;

    static QString describe(const QQuickItem *item)
    {
        return QStringLiteral("%1 \"%2\" (%3)")
            .arg(QString::fromLatin1(item->metaObject()->className()), item->objectName(),
                 item->property("text").toString().left(40).replace(u'\n', u' '));
    }

    // Opacity as drawn: the item's own times every ancestor's.
    static qreal drawnOpacity(const QQuickItem *item)
    {
        qreal opacity = 1;
        for (; item; item = item->parentItem())
            opacity *= item->opacity();
        return opacity;
    }

    static qreal drawnScale(const QQuickItem *item)
    {
        qreal scale = 1;
        for (; item; item = item->parentItem())
            scale *= item->scale();
        return scale;
    }

    static bool isText(const QQuickItem *item)
    {
        return item->inherits("QQuickText") || item->inherits("QQuickTextInput") ||
               item->inherits("QQuickTextEdit");
    }

    // A translucent layer over the whole window (the idle warning's scrim): what is behind it
    // is deliberately dimmed and out of reach, so its texts are not measured.
    static bool isScrim(const QQuickItem *item)
    {
        if (!item->inherits("QQuickRectangle"))
            return false;
        const QColor color = item->property("color").value<QColor>();
        const QRectF area = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        return color.alpha() > 0 && color.alpha() < 255 &&
               area.contains(QRectF(QPointF(0, 0), item->window()->size()));
    }

    // Depth first, in drawing order for siblings of equal z (the tree's order); a scrim met
    // later in that order hides what was collected before it.
    void collectTexts(QQuickItem *item, QList<QQuickItem *> &texts, int &behindScrim)
    {
        if (!item->isVisible() || item->opacity() == 0)
            return;
        if (isScrim(item)) {
            behindScrim += int(texts.size());
            texts.clear();
        }
        if (isText(item) && !item->property("text").toString().trimmed().isEmpty() &&
            item->width() > 0 && item->height() > 0)
            texts << item;
        QList<QQuickItem *> children = item->childItems();
        std::stable_sort(children.begin(), children.end(),
                         [](const QQuickItem *a, const QQuickItem *b) { return a->z() < b->z(); });
        for (QQuickItem *child : std::as_const(children))
            collectTexts(child, texts, behindScrim);
    }

    struct Measure
    {
        double ratio = 0; // 0: nothing of the text is drawn (covered, clipped, scrolled away)
        QColor background;
    };

    // Whether `drawn` is `behind` with some of `color` laid over it: a pixel of the text's
    // glyphs, not one that changed for another reason between the two pictures (a cursor that
    // blinks, the wait indicator's step, another text overlapping this one's rectangle).
    static bool isGlyphOver(QRgb drawn, QRgb behind, const QColor &color)
    {
        const int fg[] = {color.red(), color.green(), color.blue()};
        const int bg[] = {qRed(behind), qGreen(behind), qBlue(behind)};
        const int px[] = {qRed(drawn), qGreen(drawn), qBlue(drawn)};
        if (qAbs(px[0] - bg[0]) + qAbs(px[1] - bg[1]) + qAbs(px[2] - bg[2]) < 8)
            return false;
        int widest = 0;
        for (int c = 1; c < 3; ++c)
            widest = qAbs(fg[c] - bg[c]) > qAbs(fg[widest] - bg[widest]) ? c : widest;
        if (qAbs(fg[widest] - bg[widest]) < 4)
            return false;
        const double coverage = double(px[widest] - bg[widest]) / (fg[widest] - bg[widest]);
        if (coverage < 0.05 || coverage > 1.05)
            return false;
        for (int c = 0; c < 3; ++c) {
            if (qAbs(bg[c] + coverage * (fg[c] - bg[c]) - px[c]) > 12)
                return false;
        }
        return true;
    }

    // How the contrast is measured, and why so:
    // The window is rendered twice, once as it is and once with every text made transparent.
    // The pixels that differ inside a text's drawn rectangle are its glyphs; the second picture
    // gives, at each of those pixels, exactly what is behind the text there, whatever it is (a
    // tinted panel, a picture, a gradient, a layer drawn over the theme's background), with no
    // guess about which colour of the rectangle is "the background". The text's colour is its
    // own (the item's colour, with its alpha and the opacity of its ancestors laid over that
    // background, as the renderer blends it): antialiased glyphs have no pixel of the pure
    // colour at small sizes, so taking the drawn glyph pixel farthest from the background would
    // make thin text look fainter than it is, and WCAG's ratio is between the text's colour and
    // the background's. Glyphs that cross a one-pixel rule do not make a text unreadable: the
    // ratio kept is the lowest one still met at 2 % of the glyph pixels.
    static Measure measure(const QQuickItem *item, const QImage &drawn, const QImage &bare)
    {
        // Only what its clipping ancestors leave of it (a page's end): glyphs found beyond
        // would be another text's, drawn there (a page button over the next page's rows).
        const QRect area =
            itemtree::unclipped(item,
                                item->mapRectToScene(item->boundingRect()).adjusted(-2, -2, 2, 2))
                .toAlignedRect()
                .intersected(drawn.rect());
        const QColor color = item->property("color").value<QColor>();
        const qreal alpha = color.alphaF() * drawnOpacity(item);
        QList<double> ratios;
        QList<QRgb> behind;
        for (int y = area.top(); y <= area.bottom(); ++y) {
            const auto *withText = reinterpret_cast<const QRgb *>(drawn.constScanLine(y));
            const auto *without = reinterpret_cast<const QRgb *>(bare.constScanLine(y));
            for (int x = area.left(); x <= area.right(); ++x) {
                const QRgb a = withText[x], b = without[x];
                if (!isGlyphOver(a, b, color))
                    continue;
                const auto blend = [&](int fg, int bg) {
                    return qRound(alpha * fg + (1 - alpha) * bg);
                };
                const QColor background(b);
                const QColor text(blend(color.red(), qRed(b)), blend(color.green(), qGreen(b)),
                                  blend(color.blue(), qBlue(b)));
                ratios << Theme::contrastRatio(text, background);
                behind << b;
            }
        }
        if (ratios.isEmpty())
            return {};
        QList<double> sorted = ratios;
        const qsizetype kept = sorted.size() / 50;
        std::nth_element(sorted.begin(), sorted.begin() + kept, sorted.end());
        const double ratio = sorted.at(kept);
        return {ratio, QColor(behind.at(ratios.indexOf(ratio)))};
    }

    // WCAG's large text, at the size it is drawn: 24 px, or 18.66 px bold.
    static bool isLarge(const QQuickItem *item)
    {
        const QFont font = item->property("font").value<QFont>();
        const qreal pixels = (font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * 4 / 3) *
                             drawnScale(item);
        return pixels >= 24 || (pixels >= 18.66 && font.weight() >= QFont::Bold);
    }

    // What a finger can act on: buttons, mouse areas, fields to type into, items with a tap
    // handler.
    static bool isActionable(const QQuickItem *item)
    {
        if (item->inherits("QQuickAbstractButton") || item->inherits("QQuickMouseArea"))
            return true;
        if (item->inherits("QQuickTextInput") || item->inherits("QQuickTextEdit"))
            return !item->property("readOnly").toBool();
        const QObjectList children = item->children();
        return std::any_of(children.cbegin(), children.cend(), [](const QObject *child) {
            return child->inherits("QQuickTapHandler");
        });
    }

    // Accessible.ignored: the screen says the item is not one to reach (a layer that takes the
    // touches beside a dialog so that nothing behind it is pressed by accident).
    static bool isIgnored(const QQuickItem *item)
    {
        for (const QObject *child : item->children()) {
            if (child->inherits("QQuickAccessibleAttached"))
                return child->property("ignored").toBool();
        }
        return false;
    }

    static bool isPressableRole(QAccessible::Role role)
    {
        switch (role) {
        case QAccessible::Button:
        case QAccessible::CheckBox:
        case QAccessible::RadioButton:
        case QAccessible::Link:
        case QAccessible::MenuItem:
        case QAccessible::PageTab:
        case QAccessible::ListItem:
        case QAccessible::ButtonMenu:
        case QAccessible::ButtonDropDown:
        case QAccessible::ComboBox:
        case QAccessible::SpinBox:
        case QAccessible::Slider:
        case QAccessible::EditableText:
            return true;
        default:
            return false;
        }
    }

    void collectActionable(QQuickItem *item, QList<QQuickItem *> &found)
    {
        if (!item->isVisible() || item->opacity() == 0)
            return;
        if (isActionable(item) && item->isEnabled())
            found << item;
        for (QQuickItem *child : item->childItems())
            collectActionable(child, found);
    }

    // Each failure on its own line (a Qt Test message is cut after a few lines).
    static void report(const QStringList &failures)
    {
        for (const QString &failure : failures)
            qWarning("%s", qPrintable(failure));
        QVERIFY2(failures.isEmpty(),
                 qPrintable(QStringLiteral("%1 failures, listed above").arg(failures.size())));
    }

private slots:
    void initTestCase()
    {
        // As with a screen reader running: Qt Quick Controls then give their accessible role
        // and name (from their text) to the accessibility tree.
        QAccessible::setActive(true);
        QVERIFY(m_tour.open());
    }

    void cleanupTestCase() { m_tour.close(); }

    // The measure itself, on a text whose colours are known: grey on the theme's background,
    // then the same under half opacity. It finds the ratio of the two colours, and a faded
    // text fainter.
    void measureFindsTheRatioOfAKnownText()
    {
        QQmlComponent component(m_tour.engine.get());
        component.setData("import QtQuick\n"
                          "Rectangle { color: '#f6f4ef'; width: 600; height: 120; z: 1000\n"
                          "  Text { anchors.centerIn: parent; text: 'Essai de contraste';\n"
                          "         color: '#8a8a8a'; font.pixelSize: 22 } }",
                          QUrl());
        std::unique_ptr<QQuickItem> probe(qobject_cast<QQuickItem *>(component.create()));
        QVERIFY2(probe, qPrintable(component.errorString()));
        probe->setParentItem(m_tour.window->contentItem());
        QQuickItem *text = probe->childItems().constFirst();
        const auto measured = [&] {
            const QImage drawn = m_tour.window->grabWindow().convertToFormat(QImage::Format_RGB32);
            text->setOpacity(0);
            const QImage bare = m_tour.window->grabWindow().convertToFormat(QImage::Format_RGB32);
            text->setOpacity(1);
            return measure(text, drawn, bare).ratio;
        };
        const double expected =
            Theme::contrastRatio(QColor(0x8a, 0x8a, 0x8a), QColor(0xf6, 0xf4, 0xef));
        QVERIFY(expected < 4.5);
        QVERIFY2(qAbs(measured() - expected) < 0.05, qPrintable(QString::number(measured())));
        QVERIFY(!isLarge(text));
        probe->setOpacity(0.5);
        QVERIFY(measured() < expected - 0.5);
    }

    void everyTextIsReadableWhereItIsDrawn()
    {
        int measured = 0, hidden = 0, behindScrim = 0;
        double lowest = 21;
        QString lowestWhere;
        QStringList failures;
        // Where the pictures of the places that fail go, to look at them.
        const QString pictures = qEnvironmentVariable("RELAIS_AUDIT_PICTURES");
        const int places = m_tour.walk([&](const TourWindow::Place &place) {
            QList<QQuickItem *> texts;
            collectTexts(m_tour.window->contentItem(), texts, behindScrim);
            const QImage drawn = m_tour.window->grabWindow().convertToFormat(QImage::Format_RGB32);
            QList<qreal> opacities;
            for (QQuickItem *text : std::as_const(texts)) {
                opacities << text->opacity();
                text->setOpacity(0);
            }
            const QImage bare = m_tour.window->grabWindow().convertToFormat(QImage::Format_RGB32);
            for (qsizetype i = 0; i < texts.size(); ++i)
                texts.at(i)->setOpacity(opacities.at(i));
            QCOMPARE(drawn.size(), bare.size());

            for (const QQuickItem *text : std::as_const(texts)) {
                const Measure found = measure(text, drawn, bare);
                if (found.ratio == 0) {
                    ++hidden;
                    continue;
                }
                ++measured;
                const double required = isLarge(text) ? 3.0 : 4.5;
                const QString where = QStringLiteral("%1: %2").arg(place.name(), describe(text));
                if (found.ratio < lowest) {
                    lowest = found.ratio;
                    lowestWhere = where;
                }
                if (found.ratio < required && !pictures.isEmpty())
                    drawn.save(QStringLiteral("%1/%2.png").arg(pictures, place.name()));
                if (found.ratio < required)
                    failures << QStringLiteral("%1 is %2:1 (needs %3:1), %4 on %5")
                                    .arg(where)
                                    .arg(found.ratio, 0, 'f', 2)
                                    .arg(required, 0, 'f', 1)
                                    .arg(text->property("color").value<QColor>().name(
                                             QColor::HexArgb),
                                         found.background.name());
            }
        });
        qInfo("%d places: %d texts measured, %d not drawn (covered or out of view), %d behind a "
              "scrim; lowest ratio %.2f:1 at %s",
              places, measured, hidden, behindScrim, lowest, qPrintable(lowestWhere));
        report(failures);
        QVERIFY(measured > places * 2);
    }

    void everyActionableItemHasANameAndRole()
    {
        int checked = 0, ignored = 0;
        QStringList failures;
        m_tour.walk([&](const TourWindow::Place &place) {
            QList<QQuickItem *> actionable;
            collectActionable(m_tour.window->contentItem(), actionable);
            for (QQuickItem *item : std::as_const(actionable)) {
                if (isIgnored(item)) {
                    ++ignored;
                    continue;
                }
                ++checked;
                QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(item);
                const QString name =
                    accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
                const QAccessible::Role role =
                    accessible ? accessible->role() : QAccessible::NoRole;
                if (name.isEmpty() || !isPressableRole(role))
                    failures << QStringLiteral("%1: %2 has name \"%3\", role 0x%4")
                                    .arg(place.name(), describe(item), name)
                                    .arg(int(role), 0, 16);
            }
        });
        qInfo("%d actionable items checked, %d ignored on purpose", checked, ignored);
        report(failures);
        QVERIFY(checked > 100);
    }
};

QTEST_MAIN(TestScreenAudit)
#include "tst_screenaudit.moc"
