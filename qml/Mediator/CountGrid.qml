// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// The weekly count grid: a row per kind of help (and agency), Monday to Sunday. Each cell
// shows what the kiosk counted (read only) and what the desk counted; touching a cell brings
// it into the stepper bar, whose − and + change the desk's count.
ColumnLayout {
    id: grid

    readonly property MediatorController mediator: Kiosk.mediator
    readonly property int labelWidth: Math.min(320, (width - 24) * 0.26)

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

    spacing: 12

    RowLayout {
        spacing: 16
        Layout.fillWidth: true

        KioskButton {
            objectName: "previousWeek"
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
        // Never squeezed under its words: the grid below scrolls instead.
        Layout.minimumHeight: implicitHeight
        Layout.preferredHeight: implicitHeight
    }

    // The stepper bar for the chosen cell.
    Rectangle {
        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius
        implicitHeight: stepper.implicitHeight + 16
        Layout.fillWidth: true

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

    RowLayout {
        spacing: 0
        Layout.fillWidth: true

        Text {
            text: qsTr("Gris : cette borne. Gras : accueil.")
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: 18
            wrapMode: Text.WordWrap
            Layout.preferredWidth: grid.labelWidth
        }

        Repeater {
            model: grid.mediator.dayNames

            Text {
                required property string modelData

                text: modelData
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: 20
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
                Layout.preferredWidth: 1
            }
        }

        // Room for the rows' scroll bar.
        Item {
            implicitWidth: 24
        }
    }

    ListView {
        id: rows

        objectName: "gridRows"
        clip: true
        model: grid.mediator.grid
        boundsBehavior: Flickable.StopAtBounds
        Layout.fillWidth: true
        Layout.fillHeight: true
        ScrollBar.vertical: ScrollBar {
            policy: ScrollBar.AlwaysOn
            implicitWidth: 20
        }

        delegate: GridLine {
            width: ListView.view.width - 24
            labelWidth: Math.min(320, width * 0.26)
        }
    }
}
