// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Core
import Relais.Theme

// Above the grid, what the observatory says of the site's week: closed on another kiosk of the
// site (to be corrected, never closed again), or that the kiosk could not ask. Nothing when
// the week is simply open or closed here.
Rectangle {
    id: notice

    readonly property MediatorController mediator: Kiosk.mediator
    readonly property bool elsewhere: mediator.closedElsewhere && mediator.weekState !== "correcting"
    readonly property bool takingOver: mediator.closedElsewhere && mediator.weekState === "correcting"
    readonly property bool unchecked: mediator.siteCheck === "unreachable" && (mediator.weekState === "open" || mediator.weekState === "refused")
    readonly property bool refusedHere: mediator.weekState === "refused" && !mediator.closedElsewhere
    readonly property bool checking: mediator.siteCheck === "checking" && mediator.weekState === "open"
    readonly property bool alarming: elsewhere || unchecked || refusedHere
    // The grid's width, not the one its layout gives the notice: text wrapped to the latter
    // while the layout polishes would change the notice's height too late for the layout.
    readonly property real gridWidth: parent ? parent.width : width

    objectName: "siteWeekNotice"
    visible: elsewhere || takingOver || unchecked || refusedHere || checking
    color: alarming ? Theme.notice : Theme.primarySoft
    border.color: Theme.border
    radius: Theme.radius
    // From the texts themselves: the column's own height lags behind their wrapping.
    implicitHeight: Math.max(title.implicitHeight + (explanation.visible ? texts.spacing + explanation.implicitHeight : 0), actions.implicitHeight) + 40

    // The texts beside the action, plain positioners rather than layouts: wrapped text whose
    // height follows its width would make a layout polish in a loop.
    Column {
        id: texts

        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: 20
        width: notice.gridWidth - 40 - (actions.width > 0 ? actions.width + 24 : 0)
        spacing: 8

        // Sizes as the grid's own, whatever the resident's text size: the grid stays in view.
        Text {
            id: title

            objectName: "siteWeekTitle"
            text: {
                if (notice.elsewhere)
                    return notice.mediator.closedVersion > 1 ? qsTr("Semaine corrigée %1 sur la borne « %2 » (version %3).").arg(notice.mediator.closedWhen).arg(notice.mediator.closedBy).arg(notice.mediator.closedVersion) : qsTr("Semaine close %1 sur la borne « %2 ».").arg(notice.mediator.closedWhen).arg(notice.mediator.closedBy);
                if (notice.takingOver)
                    return qsTr("Correction de la clôture faite sur la borne « %1 ».").arg(notice.mediator.closedBy);
                if (notice.refusedHere)
                    return qsTr("L'observatoire a refusé la clôture faite sur cette borne.");
                if (notice.unchecked)
                    return qsTr("Impossible de vérifier si la semaine est déjà close sur une autre borne.");
                return qsTr("Vérification auprès de l'observatoire…");
            }
            color: notice.alarming ? Theme.onNotice : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: 32
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
            width: texts.width
        }

        Text {
            id: explanation

            objectName: "siteWeekExplanation"
            visible: !notice.checking
            text: {
                if (notice.elsewhere && !notice.mediator.correctableHere)
                    return qsTr("Cette borne ne peut pas reprendre les chiffres de cette clôture : corrigez-la sur la borne « %1 ».").arg(notice.mediator.closedBy);
                if (notice.elsewhere)
                    return (notice.mediator.weekState === "refused" ? qsTr("La clôture faite ensuite sur cette borne a été refusée et n'est pas comptée.") + " " : "") + qsTr("En gras, les chiffres de l'accueil de cette clôture. Ne clôturez pas la semaine une seconde fois : pour changer ces chiffres, corrigez cette clôture.");
                if (notice.takingOver)
                    return qsTr("Les chiffres de l'accueil sont repris de cette clôture. Votre correction la remplacera.");
                if (notice.refusedHere)
                    return qsTr("La semaine était sans doute déjà close sur une autre borne. Vérifiez à nouveau quand l'observatoire répond.");
                return qsTr("L'observatoire ne répond pas. Si la semaine est déjà close ailleurs, une seconde clôture sera refusée et gardée de côté.");
            }
            color: notice.alarming ? Theme.onNotice : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: 24
            wrapMode: Text.WordWrap
            width: texts.width
        }
    }

    Row {
        id: actions

        anchors.right: parent.right
        anchors.rightMargin: 20
        anchors.verticalCenter: parent.verticalCenter

        // The question to the observatory can take a while on a slow line: the ring turns
        // until it answers.
        WaitIndicator {
            objectName: "siteCheckWaitIndicator"
            visible: notice.checking
            size: Theme.touchTarget
            // The theme's track would not show on the notice's own blue.
            trackColor: Theme.surface
            label: title.text
        }

        KioskButton {
            objectName: "correctSiteWeekButton"
            visible: notice.elsewhere && notice.mediator.correctableHere
            width: Math.min(implicitWidth, notice.gridWidth / 3)
            text: qsTr("Corriger cette clôture")
            kind: KioskButton.Primary
            font.pixelSize: 26
            onClicked: notice.mediator.correctWeek()
        }

        KioskButton {
            objectName: "recheckSiteButton"
            visible: notice.unchecked || notice.refusedHere
            width: Math.min(implicitWidth, notice.gridWidth / 3)
            text: qsTr("Vérifier à nouveau")
            font.pixelSize: 26
            onClicked: notice.mediator.recheckSite()
        }
    }
}
