import QtWebEngine

// The warm-up's page (WebEngineWarmUp.qml): nothing but about:blank, in a profile of its own
// that no resident ever uses.
WebEngineView {
    url: "about:blank"
    profile: WebEngineProfile {
        offTheRecord: true
    }
}
