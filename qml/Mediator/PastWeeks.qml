// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// The last weeks and where each stands: open, closed (waiting to be sent), sent, refused, or
// closed on another kiosk of the site. A page at a time when they do not all fit, never
// scrolled.
PageColumn {
    id: weeks

    objectName: "pastWeeks"
    spacing: Theme.targetGap / 2

    Repeater {
        model: Kiosk.mediator.pastWeeks

        delegate: Rectangle {
            id: entry

            required property var modelData

            implicitHeight: line.implicitHeight + 24
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius
            Layout.fillWidth: true

            RowLayout {
                id: line

                anchors.fill: parent
                anchors.margins: 12
                spacing: 16

                Text {
                    text: qsTr("Semaine %1, du %2 au %3").arg(entry.modelData.number).arg(entry.modelData.from).arg(entry.modelData.to)
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: 22
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }

                Text {
                    objectName: "weekState-" + entry.modelData.week
                    text: {
                        if (entry.modelData.closedBy !== "")
                            return qsTr("Close sur « %1 »").arg(entry.modelData.closedBy);
                        switch (entry.modelData.state) {
                        case "closed":
                            return qsTr("Clôturée");
                        case "sent":
                            return qsTr("Envoyée");
                        case "correcting":
                            return qsTr("Correction en cours");
                        case "refused":
                            return qsTr("Refusée");
                        default:
                            return qsTr("Ouverte");
                        }
                    }
                    color: entry.modelData.state === "open" && entry.modelData.closedBy === "" ? Theme.danger : Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: 22
                    Layout.preferredWidth: 240
                }

                KioskButton {
                    objectName: "showWeek-" + entry.modelData.week
                    text: qsTr("Voir")
                    font.pixelSize: 22
                    onClicked: Kiosk.mediator.showWeek(entry.modelData.week)
                }
            }
        }
    }
}
