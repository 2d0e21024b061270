// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// What has reached the observatory, in plain words: all sent, or how many wait and since
// when, and why the last try failed. The kiosk retries by itself; nothing here needs a touch.
// A page at a time at large text, never scrolled.
PageColumn {
    id: page

    readonly property SyncService sync: Kiosk.sync
    readonly property bool troubled: sync.failure !== "" || sync.setAside !== ""

    objectName: "syncState"
    spacing: 20

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: Math.max(summary.implicitHeight, firstSend.visible ? firstSend.height : 0) + 48
        radius: Theme.radius
        color: page.troubled ? Theme.notice : Theme.primarySoft
        border.color: Theme.border

        // Nothing sent yet: the first batch is on its way.
        WaitIndicator {
            id: firstSend

            objectName: "syncWaitIndicator"
            anchors.left: parent.left
            anchors.leftMargin: 24
            anchors.verticalCenter: parent.verticalCenter
            visible: page.sync.enabled && page.sync.summary === ""
            size: Theme.touchTarget
            label: summary.text
            trackColor: Theme.surface
        }

        Text {
            id: summary

            objectName: "syncSummary"
            anchors.fill: parent
            anchors.margins: 24
            anchors.leftMargin: firstSend.visible ? firstSend.width + 48 : 24
            text: !page.sync.enabled ? qsTr("Cette borne n'envoie rien : aucun observatoire n'est configuré.") : page.sync.summary !== "" ? page.sync.summary : qsTr("Premier envoi en préparation…")
            color: page.troubled ? Theme.onNotice : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
        }
    }

    Text {
        objectName: "syncFailure"
        visible: page.sync.failure !== ""
        text: qsTr("Dernier problème : %1").arg(page.sync.failure)
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    Text {
        objectName: "syncSetAside"
        visible: page.sync.setAside !== ""
        text: page.sync.setAside
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    Text {
        visible: page.sync.enabled
        text: qsTr("Les comptages, les avis et le journal partent tout seuls dès que l'observatoire répond. Rien n'est perdu en attendant.")
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.smallSize
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
}
