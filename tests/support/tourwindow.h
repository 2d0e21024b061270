// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "screentour.h"
#include "staticqmlmodules.h"
#include "testkiosk.h"

#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>

// The kiosk's whole window (Main.qml) on the demo configuration, and a walk through every stop
// of the screenshot tour at every size, language and text size, for the audits that look at
// each screen (tst_screenaudit, tst_layoutaudit, tst_touchtargets).
struct TourWindow
{
    // One configuration of the walk, as the failures name it: "home 1280x800 fr 200%".
    struct Place
    {
        const relais::TourStop &stop;
        QSize size;
        QString language;
        qreal textScale;

        QString name() const
        {
            return QStringLiteral("%1 %2x%3 %4 %5%")
                .arg(stop.name)
                .arg(size.width())
                .arg(size.height())
                .arg(language)
                .arg(qRound(textScale * 100));
        }
    };

    // False (with a Qt Test failure) when the window cannot be shown.
    bool open()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        kiosk = std::make_unique<TestKiosk>(relais::SessionController::Timing{});
        engine = std::make_unique<QQmlApplicationEngine>();
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->load(QUrl(QStringLiteral("qrc:/Relais/App/Main.qml")));
        window = engine->rootObjects().isEmpty()
                     ? nullptr
                     : qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
        if (!window)
            return false;
        window->show();
        return QTest::qWaitForWindowExposed(window);
    }

    void close()
    {
        window = nullptr;
        engine.reset();
        kiosk.reset();
    }

    // Shows each place in turn and hands it to `look`; returns the number of places shown.
    // RELAIS_AUDIT_STOPS=agency,print-preview walks only the stops whose names start so;
    // RELAIS_TOUR_PICTURES=dir saves each place as it is shown, to look at what an audit says.
    int walk(const std::function<void(const Place &)> &look)
    {
        int shown = 0;
        const QStringList only =
            qEnvironmentVariable("RELAIS_AUDIT_STOPS").split(QLatin1Char(','), Qt::SkipEmptyParts);
        const QString pictures = qEnvironmentVariable("RELAIS_TOUR_PICTURES");
        QList<relais::TourStop> stops = relais::tourStops();
        stops.removeIf([&only](const relais::TourStop &stop) {
            return !only.isEmpty() &&
                   std::none_of(only.cbegin(), only.cend(),
                                [&stop](const QString &o) { return stop.name.startsWith(o); });
        });
        for (const QSize size : relais::tourSizes()) {
            for (const QString &language : kiosk->kiosk->languages()) {
                for (const qreal scale : relais::tourTextScales()) {
                    for (const relais::TourStop &stop : stops) {
                        relais::showStop(*window, *kiosk->kiosk, stop, size, language, scale);
                        const Place place{stop, size, language, scale};
                        if (!pictures.isEmpty())
                            window->grabWindow().save(
                                pictures + QLatin1Char('/') +
                                place.name().replace(QLatin1Char(' '), QLatin1Char('_')) +
                                QStringLiteral(".png"));
                        look(place);
                        ++shown;
                    }
                }
            }
        }
        relais::returnToAttract(*kiosk->kiosk);
        return shown;
    }

    std::unique_ptr<TestKiosk> kiosk;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow *window = nullptr;
};
