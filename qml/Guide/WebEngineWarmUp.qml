import QtQuick
import QtWebEngine
import Relais.Guide

// The first web page after the kiosk starts takes seconds: Chromium's processes start then.
// This starts them once, a moment after the first screen is up, with a profile of its own
// that never sees a resident (it loads nothing but about:blank), so that the first guide of
// the day opens as fast as the next. Off where nothing should start behind the screens (the
// screenshot tour, the start-up benchmark, the tests): see GuideSession::warmUp.
Item {
    id: warmUp

    // The engine is up: its first page is shown.
    property bool ready: false

    objectName: "webEngineWarmUp"
    width: 1
    height: 1
    opacity: 0

    Timer {
        interval: 2000
        running: GuideSession.warmUp
        onTriggered: view.setSource(Qt.resolvedUrl("WarmUpView.qml"))
    }

    Loader {
        id: view

        anchors.fill: parent
        onLoaded: {
            const page = item as WebEngineView;
            page.loadProgressChanged.connect(() => {
                if (page.loadProgress === 100)
                    warmUp.ready = true;
            });
        }
    }
}
