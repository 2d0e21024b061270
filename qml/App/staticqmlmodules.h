// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The kiosk's QML modules are static libraries: each executable that loads the screens
// (relais-kiosk and the screens' tests) includes this header once, in its main file, so that
// the modules register themselves.
#include <QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Relais_CorePlugin)
Q_IMPORT_QML_PLUGIN(Relais_ThemePlugin)
Q_IMPORT_QML_PLUGIN(Relais_AttractPlugin)
Q_IMPORT_QML_PLUGIN(Relais_HomePlugin)
Q_IMPORT_QML_PLUGIN(Relais_CameraPlugin)
Q_IMPORT_QML_PLUGIN(Relais_VisioPlugin)
Q_IMPORT_QML_PLUGIN(Relais_HelpPlugin)
Q_IMPORT_QML_PLUGIN(Relais_SurveyPlugin)
Q_IMPORT_QML_PLUGIN(Relais_MediatorPlugin)
Q_IMPORT_QML_PLUGIN(Relais_GuidePlugin)
Q_IMPORT_QML_PLUGIN(Relais_AppPlugin)
Q_IMPORT_QML_PLUGIN(Relais_PrintPlugin)
