// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// Under a screen's content when it does not fit (large text on a small screen): two large
// buttons, "Page précédente" and "Page suivante", with "Page 2 sur 3" between them, instead of
// a scroll bar that an older resident may not see or know how to move. Each button keeps its
// place whether or not the other is shown; in a narrow column the words go above the buttons,
// then the buttons under each other. Like the session bar, its text grows to 125 % only.
Item {
    id: pager

    property int page: 0
    property int count: 1

    signal previousRequested
    signal nextRequested

    objectName: "pageButtons"
    visible: count > 1

    readonly property real gap: Theme.targetGap
    // The page number's font, measured apart from the Text that shows it: a Text's font is
    // read again whenever the Text is laid out, which the arrangement itself decides.
    readonly property font wordsFont: Qt.font({
        family: Theme.fontFamily,
        pixelSize: Theme.barButtonSize,
        weight: Font.DemiBold
    })
    // From the words' widths, not the buttons' own: a stacked button is given the whole width.
    readonly property real buttonWidth: Math.ceil(Math.max(previousWords.advanceWidth, nextWords.advanceWidth) + Theme.barButtonSize * 1.5 + 14 + 40 + 2)
    // One row when the words fit between the buttons; else the words above the two buttons;
    // else (a narrow column) everything stacked, the buttons the whole width.
    readonly property int arrangement: {
        if (width >= 2 * (buttonWidth + gap) + Math.min(words.advanceWidth, buttonWidth))
            return 0;
        return width >= 2 * buttonWidth + gap ? 1 : 2;
    }
    readonly property real buttonHeight: Math.max(previous.implicitHeight, next.implicitHeight)
    // The same whether shown or not: a view decides to page before it shows the buttons.
    implicitHeight: {
        if (arrangement === 0)
            return Math.max(buttonHeight, where.implicitHeight);
        if (arrangement === 1)
            return where.implicitHeight + gap + buttonHeight;
        return where.implicitHeight + 2 * (gap + buttonHeight);
    }

    KioskButton {
        id: previous

        objectName: "previousPageButton"
        x: 0
        y: pager.arrangement === 0 ? (pager.height - height) / 2 : pager.height - height
        width: pager.arrangement === 2 ? pager.width : pager.buttonWidth
        height: pager.buttonHeight
        visible: pager.page > 0
        font.pixelSize: Theme.barButtonSize
        text: qsTr("Page précédente")
        pictogram: "back"
        onClicked: pager.previousRequested()
    }

    // The words' widths on one line, whatever width they are given. Measured on the widest
    // numbers a screen has rather than on the page shown: the number of pages depends on the
    // buttons' height, which depends on this.
    TextMetrics {
        id: words

        font: pager.wordsFont
        text: qsTr("Page %1 sur %2").arg(88).arg(88)
    }

    TextMetrics {
        id: previousWords

        font: previous.font
        text: previous.text
    }

    TextMetrics {
        id: nextWords

        font: next.font
        text: next.text
    }

    Text {
        id: where

        objectName: "pageNumber"
        x: pager.arrangement === 0 ? pager.buttonWidth + pager.gap : 0
        y: pager.arrangement === 0 ? (pager.height - height) / 2 : 0
        width: pager.arrangement === 0 ? pager.width - 2 * (pager.buttonWidth + pager.gap) : pager.width
        text: qsTr("Page %1 sur %2").arg(pager.page + 1).arg(pager.count)
        color: Theme.text
        font: pager.wordsFont
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
    }

    KioskButton {
        id: next

        objectName: "nextPageButton"
        x: pager.width - width
        y: {
            if (pager.arrangement === 0)
                return (pager.height - height) / 2;
            if (pager.arrangement === 1)
                return pager.height - height;
            return where.height + pager.gap;
        }
        width: pager.arrangement === 2 ? pager.width : pager.buttonWidth
        height: pager.buttonHeight
        visible: pager.page < pager.count - 1
        kind: KioskButton.Primary
        font.pixelSize: Theme.barButtonSize
        text: qsTr("Page suivante")
        pictogram: "next"
        onClicked: pager.nextRequested()
    }
}
