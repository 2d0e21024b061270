// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// The weekly count grid: a row per kind of help (and agency), Monday to Sunday. Each cell
// shows what the kiosk counted (read only) and what the desk counted; touching a cell brings
// it into the stepper bar, whose − and + change the desk's count.
ColumnLayout {
    id: grid

    readonly property MediatorController mediator: Kiosk.mediator

    function stateLabel(state: string, version: int): string {
        if (grid.mediator.closedElsewhere && state !== "correcting")
            return qsTr("Close sur la borne « %1 »").arg(grid.mediator.closedBy);
        switch (state) {
        case "closed":
            return version > 1 ? qsTr("Clôturée (version %1), pas encore envoyée").arg(version) : qsTr("Clôturée, pas encore envoyée");
        case "sent":
            return version > 1 ? qsTr("Envoyée (version %1)").arg(version) : qsTr("Envoyée");
        case "correcting":
            return qsTr("Correction en cours");
        case "refused":
            return qsTr("Clôture refusée par l'observatoire");
        default:
            return qsTr("Ouverte");
        }
    }

    spacing: Theme.targetGap

    RowLayout {
        spacing: Theme.targetGap
        Layout.fillWidth: true

        KioskButton {
            objectName: "previousWeek"
            // Mediator mode's own controls grow like the session bar's, to 125 % only.
            font.pixelSize: Theme.barButtonSize
            text: "◀"
            Accessible.name: qsTr("Semaine précédente")
            onClicked: grid.mediator.previousWeek()
        }

        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true

            Text {
                objectName: "gridWeekTitle"
                text: qsTr("Semaine %1, du %2 au %3").arg(grid.mediator.weekNumber).arg(grid.mediator.weekFrom).arg(grid.mediator.weekTo)
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: 26
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Text {
                objectName: "gridWeekState"
                text: grid.stateLabel(grid.mediator.weekState, grid.mediator.weekVersion)
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: 20
                Layout.fillWidth: true
            }
        }

        KioskButton {
            objectName: "nextWeek"
            font.pixelSize: Theme.barButtonSize
            text: "▶"
            Accessible.name: qsTr("Semaine suivante")
            enabled: !grid.mediator.isCurrentWeek
            onClicked: grid.mediator.nextWeek()
        }

        KioskButton {
            objectName: "closeWeekButton"
            visible: grid.mediator.editable
            enabled: grid.mediator.closeEnabled
            text: grid.mediator.weekState === "correcting" ? qsTr("Clôturer la correction") : qsTr("Clôturer la semaine")
            kind: KioskButton.Primary
            font.pixelSize: 24
            onClicked: grid.mediator.closeWeek()
        }

        KioskButton {
            objectName: "correctWeekButton"
            // A week closed on another kiosk is corrected from the notice below.
            visible: !grid.mediator.editable && !grid.mediator.closedElsewhere
            text: qsTr("Corriger")
            font.pixelSize: 24
            onClicked: grid.mediator.correctWeek()
        }
    }

    SiteWeekNotice {
        Layout.fillWidth: true
        // Never squeezed under its words: the grid below shows fewer rows a page instead.
        Layout.minimumHeight: implicitHeight
        Layout.preferredHeight: implicitHeight
    }

    // The stepper bar for the chosen cell.
    Rectangle {
        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius
        // At least a button high: the row's own height lags when its texts change places.
        implicitHeight: Math.max(stepper.implicitHeight, Theme.touchTarget) + 16
        Layout.fillWidth: true
        // Never squeezed under its buttons: the table below shows fewer rows a page instead.
        Layout.minimumHeight: implicitHeight

        RowLayout {
            id: stepper

            anchors.fill: parent
            anchors.margins: 8
            anchors.leftMargin: 16
            spacing: 16

            Text {
                visible: grid.mediator.selectedRow < 0
                text: grid.mediator.editable ? qsTr("Touchez une case pour saisir le comptage de l'accueil.") : grid.mediator.closedElsewhere ? qsTr("Semaine close sur une autre borne : touchez « Corriger cette clôture » pour la modifier.") : qsTr("Semaine clôturée : touchez « Corriger » pour la modifier.")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: 22
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            HelpKindLabel {
                visible: grid.mediator.selectedRow >= 0
                kind: grid.mediator.selectedKind
                agency: grid.mediator.selectedAgency
                font.pixelSize: 22
                Layout.fillWidth: true
            }

            Text {
                visible: grid.mediator.selectedRow >= 0
                text: qsTr("%1 : borne %2, accueil").arg(grid.mediator.dayNames[grid.mediator.selectedDay - 1] ?? "").arg(grid.mediator.selectedAutomatic)
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: 22
            }

            KioskButton {
                objectName: "stepDown"
                visible: grid.mediator.selectedRow >= 0 && grid.mediator.editable
                text: "−"
                Accessible.name: qsTr("Un de moins")
                implicitWidth: Theme.touchTarget * 1.4
                font.pixelSize: 36
                onClicked: grid.mediator.step(-1)
            }

            Text {
                objectName: "stepValue"
                visible: grid.mediator.selectedRow >= 0
                text: String(grid.mediator.selectedDesk)
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: 36
                font.weight: Font.Bold
                horizontalAlignment: Text.AlignHCenter
                Layout.preferredWidth: 80
            }

            KioskButton {
                objectName: "stepUp"
                visible: grid.mediator.selectedRow >= 0 && grid.mediator.editable
                text: "+"
                Accessible.name: qsTr("Un de plus")
                implicitWidth: Theme.touchTarget * 1.4
                font.pixelSize: 36
                kind: KioskButton.Primary
                onClicked: grid.mediator.step(1)
            }
        }
    }

    // The rows, Monday to Sunday, a finger's gap between any two cells. What does not fit is
    // shown a page at a time with "Page précédente" / "Page suivante" under it, never with a
    // scroll bar: first every row of the days that fit across, then the next days.
    Item {
        id: table

        objectName: "gridTable"
        // The page asked for; the one shown stays within the pages there are.
        property int page: 0
        readonly property int shownPage: Math.max(0, Math.min(page, pageCount - 1))
        readonly property real gap: Theme.targetGap
        readonly property int labelWidth: Math.min(320, width * 0.26)
        // Wide enough for the two counts side by side.
        readonly property real smallestCell: Math.max(Theme.touchTarget, 88)
        readonly property real cellsWidth: width - labelWidth - gap
        readonly property int daysPerPage: Math.max(1, Math.min(7, Math.floor((cellsWidth + gap) / (smallestCell + gap))))
        readonly property real cellWidth: Math.floor((cellsWidth - (daysPerPage - 1) * gap) / daysPerPage)
        readonly property int dayPages: Math.ceil(7 / daysPerPage)
        readonly property int rowCount: lines.count
        readonly property real rowStep: Theme.touchTarget + gap
        readonly property real rowsTop: heading.height + Theme.targetGap / 2
        readonly property bool paged: dayPages > 1 || rowsTop + rowCount * rowStep - gap > height + 0.5
        readonly property real viewHeight: Math.max(0, height - rowsTop - (paged ? pageButtons.implicitHeight + gap : 0))
        readonly property int rowsPerPage: Math.max(1, Math.floor((viewHeight + gap) / rowStep))
        readonly property int rowPages: Math.max(1, Math.ceil(rowCount / rowsPerPage))
        readonly property int pageCount: rowPages * dayPages
        readonly property int rowPage: shownPage % rowPages
        readonly property int firstDay: Math.floor(shownPage / rowPages) * daysPerPage + 1
        readonly property int days: Math.min(daysPerPage, 8 - firstDay)

        // Each time the grid is opened it starts on its first page.
        onVisibleChanged: page = 0

        Connections {
            target: grid.mediator

            function onUnlockedChanged() {
                table.page = 0;
            }
        }

        Layout.fillWidth: true
        Layout.fillHeight: true
        // At least one row with the paging buttons under it.
        Layout.minimumHeight: rowsTop + Theme.touchTarget + gap + pageButtons.implicitHeight

        Item {
            id: heading

            width: table.width
            height: Math.max(legend.implicitHeight, dayNames.implicitHeight)

            Text {
                id: legend

                width: table.labelWidth
                text: qsTr("Gris : cette borne. Gras : accueil.")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: 18
                wrapMode: Text.WordWrap
            }

            Row {
                id: dayNames

                x: table.labelWidth + table.gap
                spacing: table.gap

                Repeater {
                    model: table.days

                    Text {
                        required property int index

                        width: table.cellWidth
                        text: grid.mediator.dayNames[table.firstDay - 1 + index] ?? ""
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: 20
                        font.weight: Font.DemiBold
                        horizontalAlignment: Text.AlignHCenter
                        elide: Text.ElideRight
                    }
                }
            }
        }

        Item {
            objectName: "gridRows"
            y: table.rowsTop
            width: table.width
            height: Math.min(table.viewHeight, table.rowsPerPage * table.rowStep - table.gap)
            // Out of the page, out of reach: clipped cells receive no touch.
            clip: true

            Column {
                y: -table.rowPage * table.rowsPerPage * table.rowStep
                width: parent.width
                spacing: table.gap

                Repeater {
                    id: lines

                    model: grid.mediator.grid

                    delegate: GridLine {
                        width: table.width
                        labelWidth: table.labelWidth
                        cellWidth: table.cellWidth
                        firstDay: table.firstDay
                        days: table.days
                    }
                }
            }
        }

        PageButtons {
            id: pageButtons

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: implicitHeight
            page: table.shownPage
            count: table.pageCount
            onPreviousRequested: table.page = table.shownPage - 1
            onNextRequested: table.page = table.shownPage + 1
        }
    }
}
