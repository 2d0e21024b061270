// SPDX-License-Identifier: EUPL-1.2
#include "screentour.h"

#include "helpcall.h"
#include "kiosk.h"
#include "printdesk.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

namespace relais {

namespace {

void settle(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

QString firstAgency(Kiosk &kiosk)
{
    return kiosk.config().agencies.isEmpty() ? QString() : kiosk.config().agencies.first().id;
}

// A session at the first agency that reaches question `skipped + 1` of `surveyId`.
void reachSurveyQuestion(Kiosk &k, const QString &surveyId, int skipped, bool afterCall = false)
{
    k.session()->begin();
    k.session()->openAgency(firstAgency(k));
    const SurveyChannel channel{afterCall ? QStringLiteral("visio") : QStringLiteral("visit"),
                                afterCall ? firstAgency(k) : QString()};
    k.survey()->offer(surveyId, channel, !afterCall);
    settle(10); // the survey screen opens on the next turn of the event loop
    if (skipped < 0)
        return;
    k.survey()->start();
    for (int i = 0; i < skipped; ++i)
        k.survey()->skip();
}

void openMediator(Kiosk &k, const QString &page)
{
    k.mediator()->unlockForReview();
    k.mediator()->setPage(page);
    k.mediator()->select(0, QDate::currentDate().dayOfWeek());
}

// The week shown as the observatory answers for a site with two kiosks: closed yesterday at
// 17:00 on the other one, with the desk's counts of that closing.
void showClosedElsewhere(Kiosk &k)
{
    SiteWeekCheck check;
    check.outcome = SiteWeekCheck::Outcome::Answered;
    check.site.closed = true;
    check.site.id = newRecordId();
    check.site.version = 1;
    check.site.closedAt = QDateTime(QDate::currentDate().addDays(-1), QTime(17, 0));
    check.site.kiosk = QStringLiteral("borne-1");
    WeekCounts desk;
    const QList<GridRow> &rows = k.weeklyGrid()->rows();
    for (qsizetype i = 0; i < rows.size(); i += 3)
        desk[rows.at(i).key()] = {int(i % 4), 2, 0, int(i % 3), 1, 0, 0};
    check.site.desk = desk;
    k.mediator()->siteChecked(k.mediator()->week(), check);
}

// The first visible item whose objectName starts with `prefix`, depth first.
QQuickItem *findVisible(QQuickItem *item, const QString &prefix)
{
    if (!item || !item->isVisible())
        return nullptr;
    if (item->objectName().startsWith(prefix))
        return item;
    for (QQuickItem *child : item->childItems()) {
        if (QQuickItem *found = findVisible(child, prefix))
            return found;
    }
    return nullptr;
}

void tapFirst(QQuickWindow &window, const QString &prefix)
{
    if (QQuickItem *item = findVisible(window.contentItem(), prefix))
        QMetaObject::invokeMethod(item, "clicked");
}

// A two-page form like those residents download, for the print preview.
QString writeSampleForm(PrintDesk &desk)
{
    const QString path = desk.folder().newFile(QStringLiteral("exemple"), QStringLiteral("pdf"));
    QPdfWriter pdf(path);
    pdf.setResolution(72);
    QPainter painter(&pdf);
    for (int page = 1; page <= 2; ++page) {
        if (page > 1)
            pdf.newPage();
        painter.setFont(QFont(QStringLiteral("Noto Sans"), 22, QFont::Bold));
        painter.drawText(QPointF(60, 90), QStringLiteral("Attestation de droits"));
        painter.setFont(QFont(QStringLiteral("Noto Sans"), 12));
        painter.drawText(QPointF(60, 120), QStringLiteral("Page %1 sur 2").arg(page));
        painter.setBrush(QColor(0xd0, 0xd4, 0xdc));
        painter.setPen(Qt::NoPen);
        for (int line = 0; line < 22; ++line)
            painter.drawRect(QRectF(60, 160 + line * 26, line % 4 == 3 ? 300 : 470, 10));
        painter.setPen(Qt::black);
    }
    return path;
}

void showHelpState(QQuickWindow &window, HelpCall::State state)
{
    QQmlEngine *engine = qmlEngine(&window);
    const int typeId = qmlTypeId("Relais.Help", 1, 0, "HelpCall");
    if (auto *call = engine ? engine->singletonInstance<HelpCall *>(typeId) : nullptr)
        call->showStateForReview(state);
}

void openPrint(Kiosk &k)
{
    k.session()->begin();
    k.session()->openActivity(QStringLiteral("print"));
    settle(10); // the print screen opens on the next turn of the event loop
}

} // namespace

QList<TourStop> tourStops()
{
    QList<TourStop> stops = {
        {QStringLiteral("attract"), [](Kiosk &) {}},
        {QStringLiteral("home"), [](Kiosk &k) { k.session()->begin(); }},
        {QStringLiteral("agency"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openAgency(firstAgency(k));
         }},
        {QStringLiteral("visio-check"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openAgency(firstAgency(k));
             k.session()->openActivity(QStringLiteral("visio"));
         }},
        {QStringLiteral("visio-reason"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openAgency(firstAgency(k));
             k.session()->openActivity(QStringLiteral("visio"));
         },
         [](QQuickWindow &window) { tapFirst(window, QStringLiteral("callButton")); }},
        {QStringLiteral("online-procedures"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openAgency(firstAgency(k));
             k.session()->openActivity(QStringLiteral("online"));
         }},
        {QStringLiteral("online-before-start"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openAgency(firstAgency(k));
             k.session()->openActivity(QStringLiteral("online"));
         },
         [](QQuickWindow &window) { tapFirst(window, QStringLiteral("procedure-")); }},
        {QStringLiteral("online-search"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openActivity(QStringLiteral("online"));
         },
         [](QQuickWindow &window) { tapFirst(window, QStringLiteral("example-")); }},
        {QStringLiteral("mediator-help"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openActivity(QStringLiteral("mediator"));
         }},
        // Waiting for the mediator, the indicator turning.
        {QStringLiteral("mediator-help-told"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openActivity(QStringLiteral("mediator"));
         },
         [](QQuickWindow &window) { showHelpState(window, HelpCall::Told); }},
        {QStringLiteral("print"), [](Kiosk &k) { openPrint(k); }},
        {QStringLiteral("print-preview"),
         [](Kiosk &k) {
             openPrint(k);
             if (PrintDesk *desk = PrintDesk::instance())
                 desk->presentDocument(writeSampleForm(*desk),
                                       QStringLiteral("attestation-droits.pdf"));
             settle(300); // the page is rendered off the interface's thread
         }},
        {QStringLiteral("scan"),
         [](Kiosk &k) {
             openPrint(k);
             if (PrintDesk *desk = PrintDesk::instance())
                 desk->presentScanner();
         }},
        {QStringLiteral("idle-dialog"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openAgency(firstAgency(k));
             k.session()->idleElapsed();
         }},
        {QStringLiteral("goodbye"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->endSession();
         }},
        {QStringLiteral("survey-offer"),
         [](Kiosk &k) {
             k.session()->begin();
             k.session()->openAgency(firstAgency(k));
             k.survey()->endSession();
         }},
        {QStringLiteral("survey-offer-after-call"),
         [](Kiosk &k) { reachSurveyQuestion(k, k.survey()->settings().afterCall, -1, true); }},
        {QStringLiteral("survey-satisfaction"),
         [](Kiosk &k) { reachSurveyQuestion(k, k.survey()->settings().afterSession, 0); }},
        {QStringLiteral("survey-single-choice"),
         [](Kiosk &k) { reachSurveyQuestion(k, k.survey()->settings().afterSession, 2); }},
        {QStringLiteral("survey-yes-no"),
         [](Kiosk &k) { reachSurveyQuestion(k, k.survey()->settings().afterSession, 3); }},
        {QStringLiteral("survey-multiple-choice"),
         [](Kiosk &k) {
             reachSurveyQuestion(k, k.survey()->settings().afterSession, 5);
             k.survey()->toggle(QStringLiteral("organisme"));
         }},
        {QStringLiteral("survey-age"),
         [](Kiosk &k) { reachSurveyQuestion(k, k.survey()->settings().afterSession, 8); }},
        {QStringLiteral("survey-thanks"),
         [](Kiosk &k) { reachSurveyQuestion(k, k.survey()->settings().afterCall, 20, true); }},
        {QStringLiteral("survey-accessibility-service"),
         [](Kiosk &k) { reachSurveyQuestion(k, QStringLiteral("grille-accessibilite"), 0); }},
        {QStringLiteral("survey-accessibility-criterion"),
         [](Kiosk &k) { reachSurveyQuestion(k, QStringLiteral("grille-accessibilite"), 1); }},
        {QStringLiteral("survey-recommendation"),
         [](Kiosk &k) { reachSurveyQuestion(k, QStringLiteral("grille-accessibilite"), 12); }},
        {QStringLiteral("mediator-pin"), [](Kiosk &k) { k.mediator()->openPad(); }},
        {QStringLiteral("mediator-grid"),
         [](Kiosk &k) { openMediator(k, QStringLiteral("grid")); }},
        {QStringLiteral("mediator-grid-closed-elsewhere"),
         [](Kiosk &k) {
             openMediator(k, QStringLiteral("grid"));
             showClosedElsewhere(k);
         }},
        {QStringLiteral("mediator-grid-unchecked"),
         [](Kiosk &k) {
             // A kiosk that could not ask the observatory before its mediator closes the week.
             openMediator(k, QStringLiteral("grid"));
             k.mediator()->siteChecked(k.mediator()->week(),
                                       {SiteWeekCheck::Outcome::Unreachable, {}});
         }},
        {QStringLiteral("mediator-pages"),
         [](Kiosk &k) { openMediator(k, QStringLiteral("grid")); },
         [](QQuickWindow &window) { tapFirst(window, QStringLiteral("mediatorPages")); }},
        {QStringLiteral("mediator-weeks"),
         [](Kiosk &k) { openMediator(k, QStringLiteral("weeks")); }},
        {QStringLiteral("mediator-results"),
         [](Kiosk &k) { openMediator(k, QStringLiteral("results")); }},
        {QStringLiteral("mediator-devices"),
         [](Kiosk &k) { openMediator(k, QStringLiteral("devices")); }},
        {QStringLiteral("mediator-sync-waiting"),
         [](Kiosk &k) {
             // A kiosk offline since yesterday afternoon.
             SyncSnapshot waiting;
             waiting.pending = 42;
             waiting.oldestPending = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
             waiting.lastSuccessAt = QDateTime(QDate::currentDate().addDays(-1), QTime(17, 0))
                                         .toUTC()
                                         .toString(Qt::ISODate);
             waiting.lastFailure = QStringLiteral("unreachable");
             waiting.failures = 9;
             waiting.setAside = 1;
             k.sync()->show(waiting);
             openMediator(k, QStringLiteral("sync"));
         }},
        {QStringLiteral("mediator-sync-sent"),
         [](Kiosk &k) {
             SyncSnapshot sent;
             sent.lastSuccessAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
             k.sync()->show(sent);
             openMediator(k, QStringLiteral("sync"));
         }},
        {QStringLiteral("mediator-enrollment"),
         [](Kiosk &k) { openMediator(k, QStringLiteral("enrollment")); }},
    };
    // The outcomes the enrollment page words, each as the mediator sees it.
    for (const char *result :
         {"enrolled", "token_used", "token_expired", "unreachable", "wrong_authority"})
        stops.append(TourStop{QStringLiteral("mediator-enrollment-") +
                                  QString::fromLatin1(result).replace(u'_', u'-'),
                              [result](Kiosk &k) {
                                  openMediator(k, QStringLiteral("enrollment"));
                                  k.enrollment()->showResultForReview(QString::fromLatin1(result));
                              }});
    return stops;
}

QList<QSize> tourSizes()
{
    return {QSize(1920, 1080), QSize(1280, 800)};
}

QList<qreal> tourTextScales()
{
    return {1.0, 2.0};
}

void returnToAttract(Kiosk &kiosk)
{
    kiosk.enrollment()->showResultForReview(QString());
    kiosk.mediator()->cancelPad();
    kiosk.mediator()->leave();
    SessionController *session = kiosk.session();
    if (session->state() == SessionController::Home ||
        session->state() == SessionController::Activity)
        session->endSession();
    session->acknowledgeGoodbye();
}

void showStop(QQuickWindow &window, Kiosk &kiosk, const TourStop &stop, QSize size,
              const QString &language, qreal textScale)
{
    returnToAttract(kiosk);
    window.resize(size);
    stop.reach(kiosk);
    if (stop.then) {
        settle(20); // the screen's page loads on the next turn of the event loop
        stop.then(window);
    }
    // Set after reaching: ending a session (the goodbye stop) resets both.
    kiosk.setLanguage(language);
    kiosk.setTextScale(textScale);
    // Layouts settle over a few polish passes (wrapped text changes heights, which changes
    // rows); grabbing renders a frame, so render until two frames in a row are the same.
    QImage last;
    for (int pass = 0; pass < 10; ++pass) {
        settle(40);
        QImage frame = window.grabWindow();
        if (pass >= 2 && frame == last)
            break;
        last = std::move(frame);
    }
}

int writeScreenshots(QQuickWindow &window, Kiosk &kiosk, const QString &directory, QString *error)
{
    if (!QDir().mkpath(directory)) {
        *error = QStringLiteral("cannot create %1").arg(directory);
        return -1;
    }
    int written = 0;
    for (const QSize size : tourSizes()) {
        for (const QString &language : kiosk.languages()) {
            for (const qreal scale : tourTextScales()) {
                for (const TourStop &stop : tourStops()) {
                    showStop(window, kiosk, stop, size, language, scale);
                    const QString file =
                        QDir(directory).filePath(QStringLiteral("%1x%2-%3-%4pct-%5.png")
                                                     .arg(size.width())
                                                     .arg(size.height())
                                                     .arg(language)
                                                     .arg(qRound(scale * 100))
                                                     .arg(stop.name));
                    const QImage image = window.grabWindow();
                    if (image.isNull() || !image.save(file)) {
                        *error = QStringLiteral("cannot write %1").arg(file);
                        return -1;
                    }
                    ++written;
                }
            }
        }
    }
    returnToAttract(kiosk);
    return written;
}

} // namespace relais
