// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Basic
import Relais.Core
import Relais.Theme
import Relais.App

// Always on screen during a session: go home, end and erase, text size, language, listen.
// Always one row: when the text sizes and the other languages do not fit beside the rest
// (large text on a small screen), they go together behind "Plus", a panel that opens above
// the bar. Targets keep 8 mm between them; the bar's own text grows less than the content's so
// that it leaves the screen to what the resident reads.
Rectangle {
    id: bar

    property string spokenText: ""
    readonly property var textSizes: [{
            "label": "A",
            "scale": 1.0,
            "name": qsTr("Texte normal")
        }, {
            "label": "A+",
            "scale": 1.5,
            "name": qsTr("Texte plus grand")
        }, {
            "label": "A++",
            "scale": 2.0,
            "name": qsTr("Texte très grand")
        }]
    // Each other language is offered by its own name, in that language.
    readonly property list<string> otherLanguages: {
        let others = [];
        for (let i = 0; i < Kiosk.languages.length; ++i) {
            if (Kiosk.languages[i] !== Kiosk.language)
                others.push(Kiosk.languages[i]);
        }
        return others;
    }
    // The text sizes and languages go behind "Plus" when the whole row would not fit.
    readonly property real rowWidth: {
        let width = homeButton.implicitWidth + row.spacing + endButton.implicitWidth;
        if (readAloudButton.visible)
            width += row.spacing + readAloudButton.implicitWidth;
        for (const repeater of [sizesInRow, languagesInRow]) {
            for (let i = 0; i < repeater.count; ++i) {
                const item = repeater.itemAt(i);
                if (item)
                    width += row.spacing + item.implicitWidth;
            }
        }
        return width;
    }
    readonly property bool folded: rowWidth > width - row.x * 2

    implicitHeight: row.implicitHeight + 2 * 14
    color: Theme.surface
    border.color: Theme.border
    border.width: 1

    component BarButton: KioskButton {
        font.pixelSize: Theme.barButtonSize
        leftPadding: 16
        rightPadding: 16
    }

    component TextSizeButton: BarButton {
        required property var modelData

        objectName: "textScale-" + Math.round(modelData.scale * 100)
        text: modelData.label
        selected: Math.abs(Kiosk.textScale - modelData.scale) < 0.01
        Accessible.name: modelData.name
        onClicked: Kiosk.textScale = modelData.scale
    }

    component LanguageButton: BarButton {
        required property string modelData

        objectName: "language-" + modelData
        text: Kiosk.languageName(modelData)
        onClicked: Kiosk.language = modelData
    }

    Row {
        id: row

        x: 20
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.targetGap

        BarButton {
            id: homeButton

            objectName: "homeButton"
            text: qsTr("Accueil")
            pictogram: "home"
            enabled: Kiosk.session.state === SessionController.Activity
            onClicked: Kiosk.session.home()
        }

        BarButton {
            id: endButton

            objectName: "endSessionButton"
            text: qsTr("Terminer et effacer")
            kind: KioskButton.Danger
            // The survey is offered first, once per session; then everything is erased.
            onClicked: Kiosk.survey.endSession()
        }

        Repeater {
            id: sizesInRow

            model: bar.textSizes

            TextSizeButton {
                visible: !bar.folded
            }
        }

        Repeater {
            id: languagesInRow

            model: bar.otherLanguages

            LanguageButton {
                visible: !bar.folded
            }
        }

        BarButton {
            id: readAloudButton

            objectName: "readAloudButton"
            // As wide reading or not: the bar neither moves nor folds into "Plus" when the
            // reading starts.
            implicitWidth: Math.max(whileReading.implicitWidth, whileSilent.implicitWidth)
            visible: ReadAloud.available
            // Short, so that it takes no more room than "Écouter"; said in full.
            text: ReadAloud.speaking ? qsTr("Arrêter") : qsTr("Écouter")
            Accessible.name: ReadAloud.speaking ? qsTr("Arrêter la lecture") : qsTr("Écouter")
            pictogram: ReadAloud.speaking ? "stop" : "speaker"
            onClicked: ReadAloud.speaking ? ReadAloud.stop() : ReadAloud.read(bar.spokenText, Kiosk.language)
        }

        // The read-aloud button in its two states, never shown: their widths.
        BarButton {
            id: whileReading

            visible: false
            text: qsTr("Arrêter")
            pictogram: "stop"
            Accessible.ignored: true
        }

        BarButton {
            id: whileSilent

            visible: false
            text: qsTr("Écouter")
            pictogram: "speaker"
            Accessible.ignored: true
        }

        BarButton {
            id: moreButton

            objectName: "moreButton"
            visible: bar.folded
            text: qsTr("Plus")
            selected: more.opened
            Accessible.name: qsTr("Plus : taille du texte et langue")
            onClicked: more.opened ? more.close() : more.open()
        }
    }

    // A choice made in the panel is seen at once: the panel closes.
    Connections {
        target: Kiosk

        function onTextScaleChanged() {
            more.close();
        }

        function onLanguageChanged() {
            more.close();
        }
    }

    // What did not fit in the row, above the bar's right end, in the same large buttons.
    Popup {
        id: more

        objectName: "morePanel"
        x: bar.width - width - row.x
        y: -height - 14
        modal: true
        dim: false
        padding: Theme.margin
        closePolicy: Popup.CloseOnPressOutside | Popup.CloseOnEscape

        background: Rectangle {
            color: Theme.surface
            radius: Theme.radius
            border.color: Theme.border
            border.width: 2
        }

        contentItem: Column {
            spacing: Theme.targetGap

            Text {
                text: qsTr("Taille du texte")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.barButtonSize
                font.weight: Font.DemiBold
            }

            Row {
                spacing: Theme.targetGap

                Repeater {
                    model: bar.textSizes

                    TextSizeButton {}
                }
            }

            Text {
                visible: bar.otherLanguages.length > 0
                text: qsTr("Langue")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.barButtonSize
                font.weight: Font.DemiBold
            }

            Row {
                spacing: Theme.targetGap

                Repeater {
                    model: bar.otherLanguages

                    LanguageButton {}
                }
            }
        }
    }
}
