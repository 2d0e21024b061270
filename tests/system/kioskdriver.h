// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QStringList>

class QQuickItem;
class QQuickWindow;

namespace relais::test {

// Drives a running relais-kiosk through its screens as a finger would, for the system test
// (tests/system/): one command per line on standard input, one reply per line on standard
// output, prefixed "driver: ok" or "driver: error". Compiled only into relais-kiosk-driven,
// the test build of the kiosk; the product has no such door.
//
//   tap NAME             click the middle of the visible, enabled item named NAME (turning
//                        the pages of a paged screen to it first, as a finger would)
//   tapText TEXT         the same for the visible item whose text is TEXT
//   tapAt X Y            click the window at X, Y
//   pause MS             nothing for MS milliseconds
//   wait NAME MS         until an item named NAME is visible (error after MS)
//   waitText TEXT MS     until a visible item shows TEXT
//   text NAME            the text of the visible item named NAME
//   property NAME PROP   a property of the visible item named NAME
//   type TEXT            keys typed into the item that has the focus
//   state                the session's state (Attract, Home, …)
//   names                the visible items' object names, for writing a test
//   shot PATH            a PNG of the window
class KioskDriver : public QObject
{
    Q_OBJECT

public:
    explicit KioskDriver(QQuickWindow *window);

private:
    void readCommands();
    void run(const QString &line);
    void reply(bool ok, const QString &text = {});
    // Retries `done` every 50 ms until it returns true or `ms` have passed.
    void waitUntil(std::function<bool()> done, int ms, const QString &failure);
    QQuickItem *visibleNamed(const QString &name) const;
    QQuickItem *visibleWithText(const QString &text) const;
    // A finger's tap: scrolled or paged to the item first.
    bool click(QQuickItem *item);
    void press(QQuickItem *item);

    QPointer<QQuickWindow> m_window;
    QSocketNotifier m_input;
    QByteArray m_buffer;
    QStringList m_pending;
    bool m_busy = false;
};

// What relais-kiosk-driven's main.cpp calls once its window is up (it declares it itself, so
// that the product's sources include nothing of the tests): a driver on standard input.
void attachKioskDriver(QQuickWindow *window);

} // namespace relais::test
