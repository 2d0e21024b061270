// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtWebEngine
import Relais.Guide
import Relais.Theme

// The agency's website, locked down: the allow-list decides every navigation (redirects and
// scripts included), a new window opens in this view when allowed, no context menu, no file
// picker, no permission granted, downloads go through the guide (PDFs only). The profile and
// first address are given once, at creation (GuideScreen), never re-bound.
WebEngineView {
    id: view

    objectName: "guideWebView"
    // Sites are made for a desk at arm's length: on the kiosk they are shown larger, and
    // larger again with the resident's text size.
    zoomFactor: Theme.textScale * 1.25

    settings.javascriptCanOpenWindows: true
    settings.localContentCanAccessFileUrls: false
    settings.localContentCanAccessRemoteUrls: false
    settings.pluginsEnabled: false
    settings.pdfViewerEnabled: false
    settings.fullScreenSupportEnabled: false
    settings.screenCaptureEnabled: false
    settings.webRTCPublicInterfacesOnly: true
    settings.focusOnNavigationEnabled: true

    onNavigationRequested: request => GuideSession.decideNavigation(request)
    onNewWindowRequested: request => {
        const address = GuideSession.decideNewWindow(request);
        if (address.toString() !== "")
            view.url = address;
    }
    onContextMenuRequested: request => {
        request.accepted = true;
    }
    onFileDialogRequested: request => {
        request.accepted = true;
        request.dialogReject();
    }
    onFeaturePermissionRequested: (origin, feature) => view.grantFeaturePermission(origin, feature, false)

    Connections {
        target: view.profile

        function onDownloadRequested(download) {
            GuideSession.decideDownload(download);
        }
    }
}
