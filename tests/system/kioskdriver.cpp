// SPDX-License-Identifier: EUPL-1.2
#include "kioskdriver.h"

#include "itemtree.h"
#include "kiosk.h"

#include <QMetaEnum>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace relais::test {

namespace {

QQuickItem *findItem(QQuickItem *parent, const std::function<bool(QQuickItem *)> &match)
{
    for (QQuickItem *child : parent->childItems()) {
        if (!child->isVisible())
            continue;
        if (match(child))
            return child;
        if (QQuickItem *found = findItem(child, match))
            return found;
    }
    return nullptr;
}

QQuickItem *findNamed(QQuickItem *parent, const QString &name)
{
    return findItem(parent, [&](QQuickItem *item) { return item->objectName() == name; });
}

void collectNames(QQuickItem *parent, QStringList *names)
{
    for (QQuickItem *child : parent->childItems()) {
        if (!child->isVisible())
            continue;
        if (!child->objectName().isEmpty())
            names->append(child->objectName());
        collectNames(child, names);
    }
}

} // namespace

KioskDriver::KioskDriver(QQuickWindow *window)
    : QObject(window), m_window(window), m_input(STDIN_FILENO, QSocketNotifier::Read)
{
    connect(&m_input, &QSocketNotifier::activated, this, &KioskDriver::readCommands);
    // Ready once a frame is on the screen: before it, a tap reaches nothing.
    auto first = std::make_shared<QMetaObject::Connection>();
    *first = connect(window, &QQuickWindow::frameSwapped, this, [this, first] {
        disconnect(*first);
        QTimer::singleShot(200, this, [this] { reply(true, QStringLiteral("ready")); });
    });
}

void KioskDriver::readCommands()
{
    char chunk[4096];
    const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (got <= 0) {
        // The test is gone: so is its kiosk.
        m_input.setEnabled(false);
        QCoreApplication::quit();
        return;
    }
    m_buffer.append(chunk, got);
    qsizetype end;
    while ((end = m_buffer.indexOf('\n')) >= 0) {
        m_pending << QString::fromUtf8(m_buffer.left(end)).trimmed();
        m_buffer.remove(0, end + 1);
    }
    if (!m_busy && !m_pending.isEmpty())
        run(m_pending.takeFirst());
}

void KioskDriver::reply(bool ok, const QString &text)
{
    QString line = (ok ? QStringLiteral("driver: ok") : QStringLiteral("driver: error"));
    if (!text.isEmpty())
        line += u' ' + QString(text).replace(u'\n', u' ');
    std::fprintf(stdout, "%s\n", line.toUtf8().constData());
    std::fflush(stdout);
    m_busy = false;
    if (!m_pending.isEmpty())
        QTimer::singleShot(0, this, [this] {
            if (!m_busy && !m_pending.isEmpty())
                run(m_pending.takeFirst());
        });
}

QQuickItem *KioskDriver::visibleNamed(const QString &name) const
{
    return m_window ? findItem(m_window->contentItem(),
                               [&](QQuickItem *item) { return item->objectName() == name; })
                    : nullptr;
}

QQuickItem *KioskDriver::visibleWithText(const QString &text) const
{
    return m_window ? findItem(m_window->contentItem(),
                               [&](QQuickItem *item) {
                                   const QVariant shown = item->property("text");
                                   return shown.isValid() && shown.toString() == text;
                               })
                    : nullptr;
}

bool KioskDriver::click(QQuickItem *item)
{
    if (!item || !item->isEnabled())
        return false;
    // A finger scrolls first to what is below the fold of a list or a panel.
    for (QQuickItem *view = item->parentItem(); view; view = view->parentItem()) {
        if (!view->inherits("QQuickFlickable"))
            continue;
        const qreal top = item->mapToItem(view, QPointF(0, 0)).y();
        const qreal contentY = view->property("contentY").toReal();
        const qreal most = qMax(0.0, view->property("contentHeight").toReal() - view->height());
        if (top < 0 || top + item->height() > view->height())
            view->setProperty(
                "contentY",
                qBound(0.0, contentY + top - (view->height() - item->height()) / 2, most));
    }
    // …and on a screen shown a page at a time, turns the pages to it.
    QQuickItem *pages = item->parentItem();
    while (pages && !pages->property("pageCount").isValid())
        pages = pages->parentItem();
    for (int turn = 0;
         pages && !itemtree::shownWhole(item) && turn < 2 * pages->property("pageCount").toInt();
         ++turn) {
        QQuickItem *button = findNamed(pages, QStringLiteral("nextPageButton"));
        if (!button)
            button = findNamed(pages, QStringLiteral("previousPageButton"));
        if (!button)
            break;
        press(button);
        QTest::qWait(50);
    }
    press(item);
    return true;
}

void KioskDriver::press(QQuickItem *item)
{
    const QPointF middle = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(m_window, Qt::LeftButton, {}, middle.toPoint());
}

void KioskDriver::waitUntil(std::function<bool()> done, int ms, const QString &failure)
{
    auto *timer = new QTimer(this);
    auto deadline = std::make_shared<QDeadlineTimer>(ms);
    timer->setInterval(50);
    connect(timer, &QTimer::timeout, this, [this, timer, done, deadline, failure] {
        if (done()) {
            timer->deleteLater();
            reply(true);
        } else if (deadline->hasExpired()) {
            timer->deleteLater();
            reply(false, failure);
        }
    });
    timer->start();
}

void KioskDriver::run(const QString &line)
{
    m_busy = true;
    const qsizetype space = line.indexOf(u' ');
    const QString command = line.left(space);
    const QString rest = space < 0 ? QString() : line.mid(space + 1);
    const QString last = rest.section(u' ', -1);
    const QString allButLast = rest.section(u' ', 0, -2);
    if (command == QLatin1String("tap")) {
        QQuickItem *item = visibleNamed(rest);
        if (!item)
            return reply(false, QStringLiteral("no visible item named %1").arg(rest));
        return click(item) ? reply(true) : reply(false, QStringLiteral("%1 is disabled").arg(rest));
    }
    if (command == QLatin1String("tapText")) {
        QQuickItem *item = visibleWithText(rest);
        if (!item)
            return reply(false, QStringLiteral("nothing visible shows \"%1\"").arg(rest));
        return click(item) ? reply(true) : reply(false, QStringLiteral("%1 is disabled").arg(rest));
    }
    if (command == QLatin1String("tapAt")) {
        // A place rather than an item: the mediator's corner, which shows nothing.
        const QPoint at(rest.section(u' ', 0, 0).toInt(), last.toInt());
        QTest::mouseClick(m_window, Qt::LeftButton, {}, at);
        return reply(true);
    }
    if (command == QLatin1String("pause")) {
        // Taps closer than a finger can make them count as one (CornerGesture).
        QTimer::singleShot(rest.toInt(), this, [this] { reply(true); });
        return;
    }
    if (command == QLatin1String("wait"))
        return waitUntil([this, allButLast] { return visibleNamed(allButLast) != nullptr; },
                         last.toInt(), QStringLiteral("no visible item named %1").arg(allButLast));
    if (command == QLatin1String("waitText"))
        return waitUntil([this, allButLast] { return visibleWithText(allButLast) != nullptr; },
                         last.toInt(),
                         QStringLiteral("nothing visible shows \"%1\"").arg(allButLast));
    if (command == QLatin1String("text") || command == QLatin1String("property")) {
        const QString name = command == QLatin1String("text") ? rest : allButLast;
        const QByteArray property = command == QLatin1String("text") ? "text" : last.toUtf8();
        QQuickItem *item = visibleNamed(name);
        if (!item)
            return reply(false, QStringLiteral("no visible item named %1").arg(name));
        return reply(true, item->property(property.constData()).toString());
    }
    if (command == QLatin1String("type")) {
        for (const QChar c : rest)
            QTest::sendKeyEvent(QTest::Click, m_window.data(), Qt::Key_unknown, QString(c),
                                Qt::NoModifier);
        return reply(true);
    }
    if (command == QLatin1String("state")) {
        const auto state = QMetaEnum::fromType<SessionController::State>();
        return reply(true,
                     QString::fromLatin1(state.valueToKey(Kiosk::instance()->session()->state())));
    }
    if (command == QLatin1String("names")) {
        QStringList names;
        collectNames(m_window->contentItem(), &names);
        return reply(true, names.join(u' '));
    }
    if (command == QLatin1String("shot"))
        return m_window->grabWindow().save(rest)
                   ? reply(true)
                   : reply(false, QStringLiteral("cannot write %1").arg(rest));
    reply(false, QStringLiteral("unknown command: %1").arg(line));
}

void attachKioskDriver(QQuickWindow *window)
{
    new KioskDriver(window); // a child of the window
}

} // namespace relais::test
