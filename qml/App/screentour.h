// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>
#include <QSize>
#include <QString>

#include <functional>

class QQuickWindow;

namespace relais {

class Kiosk;

// One screen of the kiosk, reached from the attract screen by driving the session.
struct TourStop
{
    QString name;
    std::function<void(Kiosk &)> reach;
    // For pages inside a screen (a search, a procedure chosen): what a finger does next.
    std::function<void(QQuickWindow &)> then = {};
};

// The screens, sizes, languages and text sizes every review (and the touch-target test)
// walks through.
QList<TourStop> tourStops();
QList<QSize> tourSizes();
QList<qreal> tourTextScales();

// Brings the kiosk back to the attract screen, whatever state it is in.
void returnToAttract(Kiosk &kiosk);
// Puts the window in the given configuration and reaches the stop; waits for the frame.
void showStop(QQuickWindow &window, Kiosk &kiosk, const TourStop &stop, QSize size,
              const QString &language, qreal textScale);

// Writes one PNG per screen × size × language × text size into `directory`.
// Returns the number of files written, or -1 on failure (with `error` set).
int writeScreenshots(QQuickWindow &window, Kiosk &kiosk, const QString &directory, QString *error);

} // namespace relais
