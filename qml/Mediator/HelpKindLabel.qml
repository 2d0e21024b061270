// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Core
import Relais.Theme

// The name of a grid row: the kind of help, and the agency when it is counted per agency.
Text {
    property string kind: ""
    property string agency: ""

    function kindText(): string {
        switch (kind) {
        case "information":
            return qsTr("Information");
        case "online":
            return qsTr("Démarche en ligne");
        case "visio":
            return qsTr("Visio");
        case "referral":
            return qsTr("Orientation");
        case "internet":
            return qsTr("Accès à internet");
        case "print":
            return qsTr("Impression, scan");
        default:
            return qsTr("Aide du médiateur");
        }
    }

    text: agency === "" ? kindText() : kindText() + " · " + Kiosk.agencyName(agency)
    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: 20
    wrapMode: Text.WordWrap
}
