// SPDX-License-Identifier: EUPL-1.2
#include "nonvisualmode.h"

#include "kiosk.h"
#include "readaloud.h"
#include "screennavigator.h"

#include <QAccessible>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QQuickWindow>
#include <QStyleHints>

#include <utility>

Q_LOGGING_CATEGORY(lcNonVisual, "relais.nonvisual")

namespace relais {

namespace {

// A finger that moves more than this while held is not the start gesture.
constexpr qreal kHoldSlackPx = 40;

} // namespace

NonVisualMode::NonVisualMode(QQuickItem *parent) : QQuickItem(parent)
{
    if (Kiosk *kiosk = Kiosk::instance()) {
        m_keys = kiosk->config().keypad;
        kiosk->session()->addWipeStep(QStringLiteral("non-visual mode"), [self = QPointer(this)] {
            if (self)
                self->stop();
        });
    }
    m_holdTimer.setSingleShot(true);
    m_holdTimer.setInterval(kHoldMs);
    connect(&m_holdTimer, &QTimer::timeout, this, [this] {
        m_holdStart.clear();
        start();
    });
    m_sceneTimer.setSingleShot(true);
    m_sceneTimer.setInterval(100);
    connect(&m_sceneTimer, &QTimer::timeout, this, &NonVisualMode::sceneChanged);
}

NonVisualMode::~NonVisualMode()
{
    if (m_window)
        m_window->removeEventFilter(this);
}

void NonVisualMode::itemChange(ItemChange change, const ItemChangeData &value)
{
    if (change == ItemSceneChange) {
        if (m_window)
            m_window->removeEventFilter(this);
        m_window = value.window;
        if (m_window) {
            m_window->installEventFilter(this);
            connect(m_window, &QQuickWindow::afterAnimating, this, [this] {
                if (m_active && !m_sceneTimer.isActive())
                    m_sceneTimer.start();
            });
        }
    }
    QQuickItem::itemChange(change, value);
}

QRectF NonVisualMode::focusRect() const
{
    if (!m_focus)
        return {};
    return mapRectFromItem(m_focus, QRectF(0, 0, m_focus->width(), m_focus->height()));
}

void NonVisualMode::setScreen(QQuickItem *screen)
{
    if (m_screen == screen)
        return;
    m_screen = screen;
    emit screenChanged();
    if (m_active) {
        m_screenPending = true;
        m_sceneTimer.start();
    }
}

void NonVisualMode::start()
{
    if (m_active)
        return;
    m_active = true;
    qCInfo(lcNonVisual) << "non-visual mode on";
    emit activeChanged();
    // What is already on screen when the mode starts is not news.
    announceAppearances(false);
    say(tr("Mode sans écran activé.") + QLatin1Char(' ') + helpText());
}

void NonVisualMode::stop()
{
    m_holdTimer.stop();
    m_holdStart.clear();
    m_sceneTimer.stop();
    m_announced.clear();
    m_lastTouched = nullptr;
    m_screenPending = false;
    setFocus(nullptr);
    if (m_speech)
        m_speech->setVolume(1.0);
    if (!m_active)
        return;
    m_active = false;
    qCInfo(lcNonVisual) << "non-visual mode off";
    emit activeChanged();
}

QString NonVisualMode::spokenKey(KeypadAction action) const
{
    const QList<int> keys = m_keys.keys(action);
    if (keys.isEmpty())
        return {};
    switch (keys.constFirst()) {
    case Qt::Key_Asterisk:
        return tr("étoile");
    case Qt::Key_Plus:
        return tr("plus");
    case Qt::Key_Minus:
        return tr("moins");
    case Qt::Key_Slash:
        return tr("barre oblique");
    case Qt::Key_Period:
        return tr("point");
    case Qt::Key_Enter:
    case Qt::Key_Return:
        return tr("Entrée");
    default:
        return KeypadMap::keyName(keys.constFirst());
    }
}

QString NonVisualMode::helpText() const
{
    return QStringList{
        tr("Touche %1 : élément suivant.").arg(spokenKey(KeypadAction::Down)),
        tr("Touche %1 : élément précédent.").arg(spokenKey(KeypadAction::Up)),
        tr("Touche %1 : choisir.").arg(spokenKey(KeypadAction::Activate)),
        tr("Touche %1 : retour.").arg(spokenKey(KeypadAction::Back)),
        tr("Touches %1 et %2 : volume.")
            .arg(spokenKey(KeypadAction::VolumeUp), spokenKey(KeypadAction::VolumeDown)),
        tr("Touche %1 : cette aide.").arg(spokenKey(KeypadAction::Help)),
        tr("Sur l'écran, un toucher lit ce qui est sous le doigt, deux touchers rapides le "
           "choisissent."),
    }
        .join(QLatin1Char(' '));
}

void NonVisualMode::say(const QString &text)
{
    if (!m_speech || text.isEmpty())
        return;
    // The last thing asked is what the resident needs now: it cuts what was being said.
    m_speech->stop();
    m_speech->read(text, m_language);
}

void NonVisualMode::perform(KeypadAction action)
{
    if (!m_active)
        return;
    switch (action) {
    case KeypadAction::Up:
        moveFocus(-1);
        break;
    case KeypadAction::Down:
        moveFocus(1);
        break;
    case KeypadAction::Activate:
        if (m_focus && screennav::isActionable(m_focus))
            activate(m_focus);
        else
            say(tr("Rien n'est choisi. Touche %1 pour aller au premier élément.")
                    .arg(spokenKey(KeypadAction::Down)));
        break;
    case KeypadAction::Back:
        goBack();
        break;
    case KeypadAction::Help:
        say(helpText());
        break;
    case KeypadAction::VolumeUp:
    case KeypadAction::VolumeDown:
        if (m_speech) {
            m_speech->setVolume(m_speech->volume() +
                                (action == KeypadAction::VolumeUp ? 0.1 : -0.1));
            say(tr("Volume %1 sur 10.").arg(qRound(m_speech->volume() * 10)));
        }
        break;
    }
}

void NonVisualMode::moveFocus(int step)
{
    const QList<QQuickItem *> items = screennav::actionableItems(reachable());
    if (items.isEmpty()) {
        setFocus(nullptr);
        say(tr("Rien à choisir sur cet écran."));
        return;
    }
    qsizetype index = items.indexOf(m_focus.data());
    if (index < 0)
        index = step > 0 ? 0 : items.size() - 1;
    else
        index = (index + step + items.size()) % items.size();
    setFocus(items.at(index));
    say(screennav::describe(items.at(index)));
}

QQuickItem *NonVisualMode::reachable() const
{
    if (QQuickItem *popup = screennav::openPopup(window() ? window()->contentItem() : nullptr))
        return popup;
    return parentItem();
}

void NonVisualMode::setFocus(QQuickItem *item)
{
    if (item) {
        // An item below the fold is scrolled into view, as a reader's eyes would move.
        const qreal margin = 24;
        for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
            if (!p->inherits("QQuickFlickable"))
                continue;
            const QRectF rect = item->mapRectToItem(p, QRectF(0, 0, item->width(), item->height()));
            qreal contentY = p->property("contentY").toReal();
            if (rect.top() < 0)
                contentY += rect.top() - margin;
            else if (rect.bottom() > p->height())
                contentY += std::min(rect.bottom() - p->height() + margin, rect.top() - margin);
            const qreal maxY = p->property("contentHeight").toReal() - p->height() +
                               p->property("originY").toReal();
            p->setProperty("contentY", std::clamp(contentY, p->property("originY").toReal(),
                                                  std::max(maxY, p->property("originY").toReal())));
        }
    }
    m_focus = item;
    m_hadFocus = item != nullptr;
    m_focusRect = focusRect();
    emit focusChanged();
}

void NonVisualMode::activate(QQuickItem *item)
{
    m_spokenBefore = m_screen ? m_screen->property("spokenText").toString() : QString();
    if (item->inherits("QQuickTextInput") || item->inherits("QQuickTextEdit")) {
        item->forceActiveFocus();
    } else if (m_window) {
        // Pressed where a finger would, in its middle: the screen cannot tell the difference.
        const QPointF scene = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        const QPointF global = m_window->mapToGlobal(scene);
        m_synthesizing = true;
        QMouseEvent press(QEvent::MouseButtonPress, scene, scene, global, Qt::LeftButton,
                          Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window, &press);
        QMouseEvent release(QEvent::MouseButtonRelease, scene, scene, global, Qt::LeftButton,
                            Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window, &release);
        m_synthesizing = false;
    }
    // What the choice did is said at the next look at the scene (sceneChanged).
    m_activated = true;
    m_sceneTimer.start();
}

void NonVisualMode::goBack()
{
    // The screen's own "Retour", whatever it does there (PageHeader's back, the dialogs'
    // way back).
    for (QQuickItem *item : screennav::actionableItems(reachable())) {
        if (item->objectName() == QLatin1String("backButton") ||
            item->objectName().endsWith(QLatin1String("BackButton")) ||
            item->property("pictogram").toString() == QLatin1String("back")) {
            setFocus(item);
            activate(item);
            return;
        }
    }
    say(tr("Pas de retour sur cet écran."));
}

void NonVisualMode::touchAt(QPointF scenePoint)
{
    QQuickItem *hit = screennav::itemAt(screennav::actionableItems(reachable()), scenePoint);
    if (!hit) {
        m_lastTouched = nullptr;
        return;
    }
    const int doubleTapMs =
        std::max(500, QGuiApplication::styleHints()->mouseDoubleClickInterval());
    if (hit == m_lastTouched && m_lastTouch.isValid() && m_lastTouch.elapsed() < doubleTapMs) {
        m_lastTouched = nullptr;
        setFocus(hit);
        activate(hit);
        return;
    }
    m_lastTouched = hit;
    m_lastTouch.start();
    setFocus(hit);
    say(screennav::describe(hit));
}

void NonVisualMode::watchHold(const QList<QEventPoint> &points, bool ended)
{
    QList<QPointF> held;
    for (const QEventPoint &point : points) {
        if (point.state() != QEventPoint::Released)
            held << point.scenePosition();
    }
    if (ended || held.size() != 2) {
        m_holdTimer.stop();
        m_holdStart.clear();
        return;
    }
    if (m_holdStart.isEmpty()) {
        m_holdStart = held;
        m_holdTimer.start();
        return;
    }
    for (qsizetype i = 0; i < held.size(); ++i) {
        if (QLineF(held[i], m_holdStart[i]).length() > kHoldSlackPx) {
            m_holdTimer.stop();
            return;
        }
    }
}

bool NonVisualMode::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease: {
        auto *key = static_cast<QKeyEvent *>(event);
        const std::optional<KeypadAction> action = m_keys.action(key->key());
        if (!action)
            break;
        // Typing in a field is typing, until the resident asked for the keypad.
        if (!m_active && m_window && m_window->activeFocusItem() &&
            (m_window->activeFocusItem()->inherits("QQuickTextInput") ||
             m_window->activeFocusItem()->inherits("QQuickTextEdit")))
            break;
        event->accept();
        if (event->type() == QEvent::KeyRelease || key->isAutoRepeat())
            return true;
        if (m_active)
            perform(*action);
        else
            start();
        return true;
    }
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TouchCancel: {
        auto *touch = static_cast<QTouchEvent *>(event);
        if (!m_active) {
            watchHold(touch->points(),
                      event->type() == QEvent::TouchEnd || event->type() == QEvent::TouchCancel);
            break;
        }
        if (event->type() == QEvent::TouchBegin && touch->pointCount() == 1)
            touchAt(touch->points().constFirst().scenePosition());
        event->accept();
        return true;
    }
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove: {
        if (!m_active || m_synthesizing)
            break;
        if (event->type() == QEvent::MouseButtonPress)
            touchAt(static_cast<QMouseEvent *>(event)->scenePosition());
        event->accept();
        return true;
    }
    default:
        break;
    }
    return QQuickItem::eventFilter(watched, event);
}

void NonVisualMode::sceneChanged()
{
    if (!m_active)
        return;
    // The item in focus went away with what the resident chose: a new screen, or a new
    // page of the same screen (the guided procedures' list, then "before you start").
    const bool lost = m_hadFocus && (!m_focus || !screennav::isActionable(m_focus));
    if (lost)
        setFocus(nullptr);
    else if (m_focus && focusRect() != m_focusRect)
        setFocus(m_focus);
    // A choice that changed what the screen says (the survey's next question on the same
    // buttons) is a new page too.
    const QString screenText = m_screen ? m_screen->property("spokenText").toString() : QString();
    const bool activated = std::exchange(m_activated, false);
    QString text;
    if (m_screenPending || lost || (activated && screenText != m_spokenBefore)) {
        m_screenPending = false;
        setFocus(nullptr);
        text = screennav::clean(screenText);
    } else if (activated && m_focus) {
        // A choice that leaves the screen as it was (text size, a toggle) says its new state.
        text = screennav::describe(m_focus);
    }
    const QString news = announceAppearances(true);
    if (!news.isEmpty())
        text = text.isEmpty() ? news : text + QLatin1Char(' ') + news;
    say(text);
}

QString NonVisualMode::announceAppearances(bool speak)
{
    QHash<QQuickItem *, QString> shown;
    QStringList news;
    QList<QQuickItem *> stack{parentItem()};
    while (!stack.isEmpty()) {
        QQuickItem *item = stack.takeLast();
        if (!item || !item->isVisible() || item->opacity() <= 0)
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(item);
        const QAccessible::Role role = iface ? iface->role() : QAccessible::NoRole;
        if (role == QAccessible::Dialog || role == QAccessible::AlertMessage) {
            const QString name = screennav::accessibleName(item);
            const QString description = screennav::clean(iface->text(QAccessible::Description));
            // A dialog is said when it opens (its countdown would otherwise be said every
            // second); a live message each time it says something new.
            const QString key = role == QAccessible::Dialog ? QString() : name;
            shown.insert(item, key);
            const auto said = m_announced.constFind(item);
            if (!name.isEmpty() && (said == m_announced.constEnd() || *said != key)) {
                news << name;
                if (role == QAccessible::Dialog && !description.isEmpty())
                    news << description;
                if (role == QAccessible::Dialog)
                    setFocus(nullptr);
            }
        }
        const QList<QQuickItem *> children = item->childItems();
        for (auto it = children.crbegin(); it != children.crend(); ++it)
            stack << *it;
    }
    m_announced = shown;
    return speak ? news.join(QLatin1Char(' ')) : QString();
}

} // namespace relais
