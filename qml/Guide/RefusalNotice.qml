// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Theme
import Relais.Guide

// Over the site when the guided browser refused something: says so plainly, and the way back.
Rectangle {
    id: notice

    readonly property bool page: GuideSession.refusedHost !== ""

    objectName: "refusalNotice"
    visible: page || GuideSession.refusedDownload !== ""
    color: Theme.scrim
    Accessible.role: Accessible.Dialog
    Accessible.name: refusalText.text
    Accessible.description: afterRefusal.text

    // Touches stay on the notice, not on the site under it.
    MouseArea {
        anchors.fill: parent
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.touchTarget * 12)
        height: content.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface

        ColumnLayout {
            id: content

            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            spacing: Theme.margin * 0.6

            Pictogram {
                name: "stop"
                size: Theme.touchTarget
                Layout.alignment: Qt.AlignHCenter
            }

            Text {
                id: refusalText

                objectName: "refusalText"
                text: notice.page ? qsTr("Cette page ne fait pas partie de la démarche. La borne ne l'ouvre pas.") : qsTr("Ce fichier ne peut pas être ouvert sur la borne. Seuls les documents PDF sont acceptés.")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize * 0.8
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }

            Text {
                id: afterRefusal

                text: qsTr("Vous pouvez continuer votre démarche là où vous étiez.")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }

            KioskButton {
                objectName: "refusalBackButton"
                text: qsTr("Revenir à la démarche")
                pictogram: "back"
                kind: KioskButton.Primary
                Layout.alignment: Qt.AlignHCenter
                Layout.maximumWidth: parent.width
                onClicked: GuideSession.dismissRefusal()
            }
        }
    }
}
