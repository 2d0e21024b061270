// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// "C'est à quel sujet ?": asked once, between the picture check and the queue, so that the
// adviser knows why she calls before answering. Each choice joins the queue at once; "Passer"
// joins it without saying. One wide button per choice, paged at large text like every column.
PageColumn {
    id: reason

    required property string agency
    required property string agencyName
    // The question and its choices, for the screen's reading aloud.
    readonly property string spokenText: {
        let parts = [question.text];
        for (let i = 0; i < choices.count; ++i) {
            const choice = choices.itemAt(i) as KioskButton;
            if (choice)
                parts.push(choice.text);
        }
        parts.push(otherButton.text, skipButton.text);
        return parts.join(". ");
    }

    // The procedure's id, "other", or "" for "Passer".
    signal chosen(string reason)
    signal backRequested

    ProcedureModel {
        id: procedures

        agency: reason.agency
    }

    PageHeader {
        titleColor: Theme.primary
        title: reason.agencyName
        pictogram: "video"
        backName: "reasonBackButton"
        Layout.fillWidth: true
        onBackRequested: reason.backRequested()
    }

    ScreenTitle {
        id: question

        objectName: "reasonQuestion"
        text: qsTr("C'est à quel sujet ?")
        font.pixelSize: Math.round(Theme.titleSize * 0.8)
        Layout.fillWidth: true
    }

    Repeater {
        id: choices

        model: procedures

        KioskButton {
            required property string procedureId
            required property string title
            required pictogram

            objectName: "reason-" + procedureId
            text: title
            Layout.fillWidth: true
            onClicked: reason.chosen(procedureId)
        }
    }

    // The two ways that name no procedure, side by side when they fit.
    Flow {
        spacing: Theme.targetGap
        Layout.fillWidth: true

        KioskButton {
            id: otherButton

            objectName: "reason-other"
            text: qsTr("Autre question")
            pictogram: "help"
            onClicked: reason.chosen("other")
        }

        KioskButton {
            id: skipButton

            objectName: "reasonSkipButton"
            text: qsTr("Passer")
            pictogram: "next"
            onClicked: reason.chosen("")
        }
    }
}
