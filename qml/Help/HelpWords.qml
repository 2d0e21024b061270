// SPDX-License-Identifier: EUPL-1.2
pragma Singleton

import QtQuick
import Relais.Help

// Where the call for the mediator stands, in plain French, the same words on every screen
// that calls the mediator.
QtObject {
    function state(state: int, mediatorName: string): string {
        switch (state) {
        case HelpCall.Calling:
            return qsTr("J'appelle le médiateur…");
        case HelpCall.Told:
            return qsTr("Le médiateur est prévenu. Il vient vous aider ici.");
        case HelpCall.Coming:
            return mediatorName.length > 0 ? qsTr("%1 arrive. Restez devant la borne.").arg(mediatorName) : qsTr("Le médiateur arrive. Restez devant la borne.");
        default:
            // No desk has the call (no network, nobody logged in at the desk): the mediator
            // works in the same room.
            return qsTr("Faites signe au médiateur, à l'accueil. Il vient vous aider ici.");
        }
    }
}
