import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Relais.Core
import Relais.Theme
import Relais.Attract
import Relais.Home
import Relais.App

// The kiosk's single window: the screen for the session's state, the session bar while a
// resident is served, the idle dialog over everything, and the on-screen keyboard.
Window {
    id: window

    readonly property bool inSession: Kiosk.session.state === SessionController.Home || Kiosk.session.state === SessionController.Activity
    readonly property KioskScreen currentScreen: screenLoader.item as KioskScreen

    width: 1280
    height: 800
    color: Theme.background
    title: qsTr("Relais – borne de services publics")

    Component.onCompleted: {
        VirtualKeyboardSettings.locale = "fr_FR";
    }

    Connections {
        target: Kiosk.session

        function onWipeRequested() {
            ReadAloud.stop();
            Qt.inputMethod.reset();
            Qt.inputMethod.hide();
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
        anchors.bottom: window.inSession ? sessionBar.top : parent.bottom
        focus: true
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

        visible: window.inSession
        spokenText: window.currentScreen ? window.currentScreen.spokenText : ""
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
    }

    IdleDialog {
        anchors.fill: parent
        visible: Kiosk.session.idleWarning
    }

    InputPanel {
        id: keyboard

        z: 10
        width: parent.width
        y: Qt.inputMethod.visible ? parent.height - height : parent.height
        visible: Qt.inputMethod.visible
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
        id: mediator

        MediatorHelpScreen {}
    }

    Component {
        id: goodbye

        GoodbyeScreen {}
    }
}
