// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "keypadmap.h"
#include "readaloud.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QQuickItem>
#include <QTimer>

namespace relais {

// The non-visual mode (EN 301 549 §5.1, the EZ Access convention): the tactile keypad moves a
// focus through the actionable items of what its parent shows, in reading order, and each
// item is spoken as its accessibility properties describe it (screennavigator.h); a finger
// explores the screen (one touch speaks the item under it, a double tap activates it); dialogs
// and live messages (Accessible.AlertMessage) are spoken when they appear or change.
//
// Started by any key of the keypad, or by two fingers held still on the screen for three
// seconds. It belongs to the resident's session: the session's wipe ends it.
class NonVisualMode : public QQuickItem
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    // Where the focus ring is drawn, in this item's coordinates; null when no item has focus.
    Q_PROPERTY(QRectF focusRect READ focusRect NOTIFY focusChanged)
    Q_PROPERTY(QQuickItem *focusItem READ focusItem NOTIFY focusChanged)
    Q_PROPERTY(relais::ReadAloud *speech MEMBER m_speech NOTIFY speechChanged)
    Q_PROPERTY(QString language MEMBER m_language NOTIFY languageChanged)
    // The screen shown (a KioskScreen): its spokenText is said when it appears.
    Q_PROPERTY(QQuickItem *screen MEMBER m_screen WRITE setScreen NOTIFY screenChanged)

public:
    explicit NonVisualMode(QQuickItem *parent = nullptr);
    ~NonVisualMode() override;

    bool active() const { return m_active; }
    QRectF focusRect() const;
    QQuickItem *focusItem() const { return m_focus; }
    void setScreen(QQuickItem *screen);

    // How long two fingers are held still to start the mode.
    static constexpr int kHoldMs = 3000;

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();
    // The keypad's actions, also for the screenshot tour.
    void perform(relais::KeypadAction action);

    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void activeChanged();
    void focusChanged();
    void speechChanged();
    void languageChanged();
    void screenChanged();

protected:
    void itemChange(ItemChange change, const ItemChangeData &value) override;

private:
    void say(const QString &text);
    void moveFocus(int step);
    void setFocus(QQuickItem *item);
    // What the keypad and the finger reach: the open popup, else the shell.
    QQuickItem *reachable() const;
    void activate(QQuickItem *item);
    void goBack();
    void touchAt(QPointF scenePoint);
    void watchHold(const QList<QEventPoint> &points, bool ended);
    void sceneChanged();
    // The dialogs and live messages new since the last look, as one text to say.
    QString announceAppearances(bool speak);
    QString helpText() const;
    QString spokenKey(KeypadAction action) const;

    QPointer<ReadAloud> m_speech;
    QPointer<QQuickItem> m_screen;
    QPointer<QQuickItem> m_focus;
    QRectF m_focusRect;
    bool m_hadFocus = false;
    // A choice was made: what the screen said before it, to hear whether it changed.
    bool m_activated = false;
    QString m_spokenBefore;
    QPointer<QQuickWindow> m_window;
    QString m_language = QStringLiteral("fr");
    KeypadMap m_keys;
    bool m_active = false;
    bool m_synthesizing = false;
    bool m_screenPending = false;
    // Two fingers held: where they went down.
    QTimer m_holdTimer;
    QList<QPointF> m_holdStart;
    // Explore by touch: the last item touched, and when.
    QPointer<QQuickItem> m_lastTouched;
    QElapsedTimer m_lastTouch;
    // The scene is looked at again after it changed, once per burst of frames.
    QTimer m_sceneTimer;
    // What was spoken of dialogs and live messages, so that each is said once per change.
    QHash<QQuickItem *, QString> m_announced;
};

} // namespace relais
