// SPDX-License-Identifier: EUPL-1.2
#include "screennavigator.h"

#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QTest>

using namespace relais;

// The non-visual mode's order and words: reading order of rectangles, and the walk of an item
// tree by its accessibility properties (what is reachable, in which order, said how).
class TestScreenNavigator : public QObject
{
    Q_OBJECT

    QQmlEngine m_engine;

    std::unique_ptr<QQuickItem> load(const QByteArray &qml)
    {
        QQmlComponent component(&m_engine);
        component.setData(qml, QUrl(QStringLiteral("qrc:/test.qml")));
        std::unique_ptr<QQuickItem> item(qobject_cast<QQuickItem *>(component.create()));
        if (!item)
            qWarning() << component.errors();
        return item;
    }

    static QStringList names(const QList<QQuickItem *> &items)
    {
        QStringList list;
        for (QQuickItem *item : items)
            list << screennav::accessibleName(item);
        return list;
    }

private slots:
    void readingOrder_data()
    {
        QTest::addColumn<QList<QRectF>>("rects");
        QTest::addColumn<QList<int>>("order");
        QTest::newRow("empty") << QList<QRectF>{} << QList<int>{};
        // A 2×2 grid given column by column reads row by row.
        QTest::newRow("grid") << QList<QRectF>{{0, 0, 100, 50},
                                               {0, 60, 100, 50},
                                               {110, 0, 100, 50},
                                               {110, 60, 100, 50}}
                              << QList<int>{0, 2, 1, 3};
        // A tile a few pixels lower than its neighbour is still in its row.
        QTest::newRow("uneven row") << QList<QRectF>{{300, 0, 100, 80},
                                                     {0, 6, 100, 80},
                                                     {150, 3, 100, 80},
                                                     {0, 100, 400, 60}}
                                    << QList<int>{1, 2, 0, 3};
        // A tall item and the buttons beside it: the tall one, then the buttons top down.
        QTest::newRow("side column") << QList<QRectF>{{200, 90, 100, 60},
                                                      {200, 10, 100, 60},
                                                      {0, 0, 150, 300},
                                                      {0, 320, 300, 60}}
                                     << QList<int>{2, 1, 0, 3};
        // An item whose middle is below the first of a row starts the next row.
        QTest::newRow("stairs") << QList<QRectF>{{0, 0, 100, 50}, {120, 30, 100, 50}}
                                << QList<int>{0, 1};
        QTest::newRow("stairs, right first")
            << QList<QRectF>{{120, 30, 100, 50}, {0, 0, 100, 50}} << QList<int>{1, 0};
    }

    void readingOrder()
    {
        QFETCH(QList<QRectF>, rects);
        QFETCH(QList<int>, order);
        QCOMPARE(screennav::readingOrder(rects), order);
    }

    void walksTheTreeInReadingOrder()
    {
        // Declared out of order, with what must be left out: hidden, transparent, disabled,
        // nameless buttons, a touch area that only stops touches, and plain text.
        const auto root = load(R"(
import QtQuick
import QtQuick.Controls.Basic
Item {
    width: 800; height: 600
    Button { x: 400; y: 0; width: 100; height: 80; text: "Deux"; Accessible.name: text }
    Button { x: 0; y: 0; width: 100; height: 80; text: "Un"; Accessible.name: text
             Accessible.description: "Le premier" }
    MouseArea { anchors.fill: parent }
    Column {
        y: 200
        Button { width: 100; height: 80; text: "Trois"; Accessible.name: text }
        Button { width: 100; height: 80; text: "Caché"; visible: false; Accessible.name: text }
        Button { width: 100; height: 80; text: "Effacé"; opacity: 0; Accessible.name: text }
        Button { width: 100; height: 80; text: "Éteint"; enabled: false; Accessible.name: text }
        Button { width: 100; height: 80; text: "Sans nom"; Accessible.name: "" }
        Text { text: "Un texte"; Accessible.name: text }
    }
    MouseArea { x: 0; y: 500; width: 800; height: 100
                Accessible.role: Accessible.Button; Accessible.name: "Zone" }
    Button { x: 200; y: 200; width: 100; height: 80; text: "Quatre"; checkable: true
             checked: true; Accessible.name: text }
}
)");
        QVERIFY(root);
        const QList<QQuickItem *> items = screennav::actionableItems(root.get());
        QCOMPARE(names(items),
                 (QStringList{QStringLiteral("Un"), QStringLiteral("Deux"), QStringLiteral("Trois"),
                              QStringLiteral("Quatre"), QStringLiteral("Zone")}));
        QCOMPARE(screennav::describe(items[0]), QStringLiteral("Bouton, Un, Le premier"));
        QCOMPARE(screennav::describe(items[1]), QStringLiteral("Bouton, Deux"));
        QCOMPARE(screennav::describe(items[3]), QStringLiteral("Case à cocher, Quatre, coché"));
        QCOMPARE(screennav::describe(items[4]), QStringLiteral("Bouton, Zone"));
        // Explore by touch: the smallest item under the finger, not the area behind it.
        QCOMPARE(screennav::itemAt(items, {50, 40}), items[0]);
        QCOMPARE(screennav::itemAt(items, {700, 550}), items[4]);
        QCOMPARE(screennav::itemAt(items, {700, 100}), nullptr);
    }

    void anOpenDialogIsAllThereIs()
    {
        const auto root = load(R"(
import QtQuick
import QtQuick.Controls.Basic
Item {
    width: 800; height: 600
    property alias dialogShown: dialog.visible
    Button { width: 100; height: 80; text: "Derrière"; Accessible.name: text }
    Rectangle {
        id: dialog
        anchors.fill: parent
        Accessible.role: Accessible.Dialog
        Accessible.name: "Êtes-vous là ?"
        Button { y: 300; width: 100; height: 80; text: "Non"; Accessible.name: text }
        Button { y: 200; width: 100; height: 80; text: "Oui"; Accessible.name: text }
    }
}
)");
        QVERIFY(root);
        QVERIFY(screennav::openDialog(root.get()));
        QCOMPARE(names(screennav::actionableItems(root.get())),
                 (QStringList{QStringLiteral("Oui"), QStringLiteral("Non")}));
        root->setProperty("dialogShown", false);
        QCOMPARE(screennav::openDialog(root.get()), nullptr);
        QCOMPARE(names(screennav::actionableItems(root.get())),
                 QStringList{QStringLiteral("Derrière")});
    }

    void aTextFieldSaysWhatItHolds()
    {
        const auto root = load(R"(
import QtQuick
import QtQuick.Controls.Basic
Item {
    width: 800; height: 600
    TextField { width: 300; height: 80; Accessible.name: "Votre message" }
    TextField { y: 100; width: 300; height: 80; text: "Bonjour"; Accessible.name: "Nom" }
    TextField { y: 200; width: 300; height: 80; placeholderText: "Sans nom" }
}
)");
        QVERIFY(root);
        const QList<QQuickItem *> items = screennav::actionableItems(root.get());
        QCOMPARE(items.size(), 2);
        QCOMPARE(screennav::describe(items[0]),
                 QStringLiteral("Zone de texte, Votre message, vide"));
        QCOMPARE(screennav::describe(items[1]), QStringLiteral("Zone de texte, Nom, Bonjour"));
    }
};

QTEST_MAIN(TestScreenNavigator)
#include "tst_screennavigator.moc"
