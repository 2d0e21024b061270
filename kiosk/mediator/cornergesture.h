// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointF>
#include <QSizeF>

namespace relais {

// The discreet way into mediator mode: three taps in the top-right corner of the screen
// within two seconds. It only watches presses (it never takes one), so nothing is hidden
// under the corner and a resident's taps elsewhere start the count again.
class CornerGesture : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTaps = 3;
    static constexpr int kWindowMs = 2000;
    static constexpr qreal kCornerPixels = 80;

    explicit CornerGesture(QObject *parent = nullptr);

    // A press at `position` in a window of `size`, `ms` on a monotonic clock.
    void press(QPointF position, QSizeF size, qint64 ms);
    // Whether `position` is in the corner the gesture watches, in a window of `size`.
    static bool inCorner(QPointF position, QSizeF size);
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void triggered();
    // Any press anywhere: the mediator mode closes itself after a while without one.
    void pressed();

private:
    int m_taps = 0;
    qint64 m_firstMs = 0;
    qint64 m_lastMs = 0;
    QPointF m_lastPosition;
    QElapsedTimer m_clock;
};

} // namespace relais
