// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Relais.Core
import Relais.Theme
import Relais.Attract
import Relais.Home
import Relais.Help
import Relais.Visio
import Relais.Survey
import Relais.Mediator
import Relais.Guide
import Relais.Print
import Relais.App

// Everything the kiosk shows: the screen for the session's state, the session bar while a
// resident is served, the idle dialog over everything, and the on-screen keyboard. The window
// around it is Main.qml; tests put the shell in their own window.
Rectangle {
    id: shell

    readonly property bool inSession: Kiosk.session.state === SessionController.Home || Kiosk.session.state === SessionController.Activity
    readonly property bool mediatorShown: Kiosk.mediator.padOpen || Kiosk.mediator.unlocked
    readonly property KioskScreen currentScreen: screenLoader.item as KioskScreen

    color: Theme.background

    Component.onCompleted: {
        VirtualKeyboardSettings.locale = "fr_FR";
    }

    Connections {
        target: Kiosk.session

        function onWipeRequested() {
            ReadAloud.stop();
            // Taking focus from any text field closes the keyboard with what was typed.
            shell.forceActiveFocus();
        }
    }

    Connections {
        target: Kiosk

        function onLanguageChanged() {
            ReadAloud.stop();
            VirtualKeyboardSettings.locale = Kiosk.language === "en" ? "en_GB" : "fr_FR";
        }
    }

    Loader {
        id: screenLoader

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        // The on-screen keyboard pushes the screen up: the field being typed in stays in view.
        anchors.bottom: keyboard.active ? keyboard.top : (shell.inSession ? sessionBar.top : parent.bottom)
        focus: true
        // Not drawn under the mediator's opaque overlay: what cannot be seen cannot be reached
        // (a pager or a tile underneath). Opacity, not visibility: the screen keeps its focus.
        opacity: shell.mediatorShown ? 0 : 1
        sourceComponent: {
            switch (Kiosk.session.state) {
            case SessionController.Attract:
                return attract;
            case SessionController.Home:
                return home;
            case SessionController.Activity:
                if (Kiosk.session.activity === "agency")
                    return agency;
                if (Kiosk.session.activity === "mediator")
                    return mediator;
                if (Kiosk.session.activity === "survey")
                    return survey;
                if (Kiosk.session.activity === "visio" && Kiosk.visioAvailable)
                    return visio;
                if (Kiosk.session.activity === "online")
                    return guide;
                if (Kiosk.session.activity === "print")
                    return print;
                return comingSoon;
            default:
                return goodbye;
            }
        }
        // A new screen starts where a reader would: at its top.
        onLoaded: ReadAloud.stop()
    }

    SessionBar {
        id: sessionBar

        visible: shell.inSession
        opacity: shell.mediatorShown ? 0 : 1
        spokenText: shell.currentScreen ? shell.currentScreen.spokenText : ""
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
    }

    IdleDialog {
        anchors.fill: parent
        visible: Kiosk.session.idleWarning
    }

    // Over everything but the keyboard; opened by three taps in the top-right corner.
    MediatorOverlay {
        objectName: "mediatorOverlay"
        typing: keyboard.active
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        // Like the screens, pushed up by the on-screen keyboard (the enrollment form types).
        anchors.bottom: keyboard.active ? keyboard.top : parent.bottom
        z: 5
    }

    // The tactile keypad and explore by touch (NonVisualMode), over everything: its ring is
    // drawn around the item being spoken, wherever it is.
    NonVisualMode {
        id: nonVisual

        objectName: "nonVisualMode"
        anchors.fill: parent
        z: 20
        speech: ReadAloud
        language: Kiosk.language
        screen: shell.currentScreen

        // Dark, orange and white rings: the focus shows on any colour. Over the whole window,
        // popups included (their overlay stands at z 1000001 in the window's content): the
        // panel a focused item is in does not hide its ring.
        Rectangle {
            readonly property point origin: parent ? nonVisual.mapToItem(parent, nonVisual.focusRect.x, nonVisual.focusRect.y) : Qt.point(0, 0)

            objectName: "nonVisualFocusRing"
            parent: nonVisual.Window.contentItem
            z: 2000000
            visible: nonVisual.active && nonVisual.focusItem !== null
            x: origin.x - 12
            y: origin.y - 12
            width: nonVisual.focusRect.width + 24
            height: nonVisual.focusRect.height + 24
            radius: Theme.radius + 12
            color: "transparent"
            border.width: 3
            border.color: Theme.text

            Rectangle {
                anchors.fill: parent
                anchors.margins: 3
                radius: Theme.radius + 9
                color: "transparent"
                border.width: 8
                border.color: Theme.focus

                Rectangle {
                    anchors.fill: parent
                    anchors.margins: 8
                    radius: Theme.radius + 1
                    color: "transparent"
                    border.width: 1
                    border.color: "white"
                }
            }
        }
    }

    InputPanel {
        id: keyboard

        objectName: "keyboard"
        z: 10
        width: parent.width
        y: keyboard.active ? parent.height - height : parent.height
        visible: keyboard.active
    }

    Component {
        id: attract

        AttractScreen {}
    }

    Component {
        id: home

        HomeScreen {}
    }

    Component {
        id: agency

        AgencyScreen {}
    }

    Component {
        id: comingSoon

        ComingSoonScreen {}
    }

    Component {
        id: visio

        VisioScreen {}
    }

    Component {
        id: guide

        GuideFlow {}
    }

    Component {
        id: print

        PrintScreen {}
    }

    Component {
        id: mediator

        HelpScreen {}
    }

    Component {
        id: survey

        SurveyScreen {}
    }

    Component {
        id: goodbye

        GoodbyeScreen {}
    }
}
