// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Theme

// A screen's content as one column that scrolls when it does not fit (200 % text on a small
// screen) and can sit in the middle of the screen when it does.
Flickable {
    id: page

    default property alias content: column.data
    property alias spacing: column.spacing
    property bool centered: false
    readonly property bool scrolls: contentHeight > height + 1

    clip: true
    contentWidth: width
    contentHeight: column.implicitHeight + 2 * Theme.margin
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {
        policy: page.scrolls ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
        implicitWidth: 24
    }

    ColumnLayout {
        id: column

        x: Theme.margin
        y: page.centered && !page.scrolls ? Math.max(Theme.margin, (page.height - implicitHeight) / 2) : Theme.margin
        width: page.width - 2 * Theme.margin - (page.scrolls ? 40 : 0)
        spacing: Theme.margin
    }
}
