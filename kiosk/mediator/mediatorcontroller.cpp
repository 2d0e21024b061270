// SPDX-License-Identifier: EUPL-1.2
#include "mediatorcontroller.h"

#include "sync/syncstatus.h"

#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMediator, "relais.mediator")

namespace relais {

namespace {
constexpr int kIdleMs = 3 * 60 * 1000;
constexpr int kMaxDigits = 8;
constexpr int kPastWeeks = 8;
} // namespace

MediatorController::MediatorController(Sources sources, QObject *parent)
    : QObject(parent), m_sources(std::move(sources)), m_model(m_sources.grid),
      m_week(IsoWeek::containing(m_sources.today()))
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(kIdleMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        cancelPad();
        leave();
    });
    connect(this, &MediatorController::unlockedChanged, this, &MediatorController::resultsChanged);
}

void MediatorController::languageChanged()
{
    emit weekChanged();
    emit resultsChanged();
}

void MediatorController::userActivity()
{
    if (m_idle.isActive())
        m_idle.start();
}

void MediatorController::openPad()
{
    if (m_unlocked || m_padOpen)
        return;
    m_pin.clear();
    m_padProblem = m_sources.pin->locked() ? QStringLiteral("locked") : QString();
    m_padOpen = true;
    m_idle.start();
    emit padChanged();
}

void MediatorController::cancelPad()
{
    if (!m_padOpen)
        return;
    m_pin.clear();
    m_padOpen = false;
    emit padChanged();
}

void MediatorController::digit(int value)
{
    if (!m_padOpen || value < 0 || value > 9 || m_pin.size() >= kMaxDigits)
        return;
    m_pin.append(QChar(u'0' + value));
    emit padChanged();
}

void MediatorController::eraseDigit()
{
    if (!m_padOpen || m_pin.isEmpty())
        return;
    m_pin.chop(1);
    emit padChanged();
}

void MediatorController::submitPin()
{
    if (!m_padOpen || m_pin.isEmpty())
        return;
    PinLock::Result result = PinLock::Result::Locked;
    try {
        result = m_sources.pin->tryPin(m_pin);
    } catch (const DatabaseError &error) {
        qCCritical(lcMediator) << "could not record a PIN try:" << error.what();
    }
    m_pin.clear();
    switch (result) {
    case PinLock::Result::Accepted:
        qCInfo(lcMediator) << "mediator mode opened";
        m_padOpen = false;
        m_padProblem.clear();
        m_unlocked = true;
        setPage(QStringLiteral("grid"));
        load(IsoWeek::containing(m_sources.today()));
        emit padChanged();
        emit unlockedChanged();
        return;
    case PinLock::Result::Wrong:
        m_padProblem = QStringLiteral("wrong");
        break;
    case PinLock::Result::Locked:
        qCWarning(lcMediator) << "PIN pad locked after too many wrong tries";
        m_padProblem = QStringLiteral("locked");
        break;
    case PinLock::Result::NoPin:
        m_padProblem = QStringLiteral("no-pin");
        break;
    }
    emit padChanged();
}

void MediatorController::setPage(const QString &page)
{
    if (page == m_page)
        return;
    m_page = page;
    if (m_unlocked && page == QLatin1String("weeks")) {
        // The past weeks say which were closed on another kiosk of the site.
        IsoWeek week = IsoWeek::containing(m_sources.today());
        for (int i = 0; i < kPastWeeks; ++i, week = week.previous())
            if (!m_sites.contains(week.label()))
                askSite(week);
    }
    emit pageChanged();
}

void MediatorController::unlockForReview()
{
    m_padOpen = false;
    m_unlocked = true;
    m_idle.start();
    setPage(QStringLiteral("grid"));
    load(IsoWeek::containing(m_sources.today()));
    emit padChanged();
    emit unlockedChanged();
}

void MediatorController::leave()
{
    if (!m_unlocked)
        return;
    m_unlocked = false;
    m_idle.stop();
    m_row = -1;
    m_sites.clear();
    emit unlockedChanged();
    emit selectionChanged();
}

void MediatorController::load(IsoWeek week)
{
    m_week = week;
    m_row = -1;
    m_model.load(week);
    showDesk();
    askSite(week);
    emit weekChanged();
    emit selectionChanged();
}

void MediatorController::askSite(IsoWeek week)
{
    if (!m_sources.checkSite)
        return;
    m_asking.insert(week.label());
    m_sources.checkSite(week);
}

void MediatorController::siteChecked(const QString &week, const SiteWeekCheck &result)
{
    m_asking.remove(week);
    if (!m_unlocked)
        return;
    m_sites.insert(week, result);
    if (week == m_week.label())
        showDesk();
    emit weekChanged();
    emit selectionChanged();
}

void MediatorController::recordsMoved()
{
    // The week's state is read from the store each time: the screen only needs telling.
    if (m_unlocked)
        emit weekChanged();
}

void MediatorController::recheckSite()
{
    if (!m_unlocked)
        return;
    askSite(m_week);
    emit weekChanged();
}

const SiteWeek *MediatorController::site(IsoWeek week) const
{
    const auto found = m_sites.constFind(week.label());
    if (found == m_sites.cend() || found->outcome != SiteWeekCheck::Outcome::Answered)
        return nullptr;
    return &found->site;
}

bool MediatorController::closedElsewhere(IsoWeek week) const
{
    const SiteWeek *known = site(week);
    return known && m_sources.grid->closedElsewhere(week, *known);
}

void MediatorController::showDesk()
{
    if (!closedElsewhere(m_week) || m_sources.grid->state(m_week) == WeekState::Correcting)
        return;
    m_model.showDesk(site(m_week)->desk.value_or(WeekCounts()));
}

QString MediatorController::siteCheck() const
{
    if (!m_sources.checkSite)
        return QStringLiteral("none");
    if (m_asking.contains(m_week.label()))
        return QStringLiteral("checking");
    const auto found = m_sites.constFind(m_week.label());
    if (found == m_sites.cend() || found->outcome == SiteWeekCheck::Outcome::NotEnrolled)
        return QStringLiteral("none");
    return found->outcome == SiteWeekCheck::Outcome::Answered ? QStringLiteral("answered")
                                                              : QStringLiteral("unreachable");
}

bool MediatorController::closedElsewhere() const
{
    return closedElsewhere(m_week);
}

QString MediatorController::closedBy() const
{
    const SiteWeek *known = site(m_week);
    return known ? known->kiosk : QString();
}

QString MediatorController::closedWhen() const
{
    const SiteWeek *known = site(m_week);
    return known && known->closed
               ? SyncStatusText::when(known->closedAt, QDateTime::currentDateTime())
               : QString();
}

int MediatorController::closedVersion() const
{
    const SiteWeek *known = site(m_week);
    return known ? known->version : 0;
}

bool MediatorController::correctableHere() const
{
    const SiteWeek *known = site(m_week);
    return !closedElsewhere() || known->desk.has_value();
}

void MediatorController::showWeek(const QString &label)
{
    const auto week = IsoWeek::parse(label);
    if (!m_unlocked || !week || *week > IsoWeek::containing(m_sources.today()))
        return;
    load(*week);
    // "Voir" on the past weeks: the week is shown where it can be read and corrected.
    setPage(QStringLiteral("grid"));
}

void MediatorController::previousWeek()
{
    if (m_unlocked)
        load(m_week.previous());
}

void MediatorController::nextWeek()
{
    if (m_unlocked && !isCurrentWeek())
        load(m_week.next());
}

bool MediatorController::isCurrentWeek() const
{
    return m_week >= IsoWeek::containing(m_sources.today());
}

QString MediatorController::dateText(QDate date, const QString &format) const
{
    const QLocale locale(m_sources.language() == QLatin1String("en") ? QLocale::English
                                                                     : QLocale::French);
    return locale.toString(date, format);
}

QString MediatorController::weekFrom() const
{
    return dateText(m_week.monday(), QStringLiteral("d MMMM"));
}

QString MediatorController::weekTo() const
{
    return dateText(m_week.day(7), QStringLiteral("d MMMM yyyy"));
}

QStringList MediatorController::dayNames() const
{
    QStringList names;
    for (int day = 1; day <= 7; ++day)
        names << dateText(m_week.day(day), QStringLiteral("ddd d"));
    return names;
}

QString MediatorController::weekState() const
{
    return weekStateName(m_sources.grid->state(m_week));
}

int MediatorController::weekVersion() const
{
    const auto report = m_sources.grid->latestReport(m_week);
    return report ? report->version : 0;
}

bool MediatorController::editable() const
{
    const WeekState state = m_sources.grid->state(m_week);
    return state == WeekState::Correcting || (state == WeekState::Open && !closedElsewhere());
}

bool MediatorController::closeEnabled() const
{
    // Not while the observatory is being asked whether another kiosk closed the week.
    return editable() && !m_asking.contains(m_week.label());
}

QString MediatorController::selectedKind() const
{
    return m_row < 0 ? QString() : m_sources.grid->rows().value(m_row).kind;
}

QString MediatorController::selectedAgency() const
{
    return m_row < 0 ? QString() : m_sources.grid->rows().value(m_row).agency;
}

void MediatorController::select(int row, int day)
{
    if (!m_unlocked || row < 0 || row >= m_sources.grid->rows().size() || day < 1 || day > 7)
        return;
    m_row = row;
    m_day = day;
    emit selectionChanged();
}

void MediatorController::step(int delta)
{
    if (!m_unlocked || m_row < 0 || !editable())
        return;
    const int count = std::max(0, selectedDesk() + delta);
    try {
        if (m_sources.grid->setDeskCount(m_week, m_sources.grid->rows().at(m_row), m_day, count) ==
            WeeklyGrid::Change::Done)
            m_model.refreshRow(m_row);
    } catch (const DatabaseError &error) {
        qCCritical(lcMediator) << "could not store a desk count:" << error.what();
    }
    emit selectionChanged();
}

void MediatorController::closeWeek()
{
    // A week the site closed on another kiosk is corrected, never closed a second time.
    if (!m_unlocked || !closeEnabled())
        return;
    try {
        if (const auto report = m_sources.grid->close(m_week))
            qCInfo(lcMediator) << "week" << m_week.label() << "closed, version" << report->version;
    } catch (const DatabaseError &error) {
        qCCritical(lcMediator) << "could not close the week:" << error.what();
    }
    load(m_week);
}

void MediatorController::correctWeek()
{
    if (!m_unlocked || !correctableHere())
        return;
    try {
        if (closedElsewhere())
            m_sources.grid->startCorrection(m_week, *site(m_week));
        else
            m_sources.grid->startCorrection(m_week);
    } catch (const DatabaseError &error) {
        qCCritical(lcMediator) << "could not start a correction:" << error.what();
    }
    m_model.load(m_week);
    emit weekChanged();
    emit selectionChanged();
}

QVariantList MediatorController::pastWeeks() const
{
    QVariantList list;
    if (!m_unlocked)
        return list;
    for (const WeekSummary &summary :
         m_sources.grid->recentWeeks(IsoWeek::containing(m_sources.today()), kPastWeeks)) {
        list.append(QVariantMap{
            {QStringLiteral("week"), summary.week.label()},
            {QStringLiteral("number"), summary.week.week},
            {QStringLiteral("from"), dateText(summary.week.monday(), QStringLiteral("d MMMM"))},
            {QStringLiteral("to"), dateText(summary.week.day(7), QStringLiteral("d MMMM yyyy"))},
            {QStringLiteral("state"), weekStateName(summary.state)},
            {QStringLiteral("version"), summary.version},
            {QStringLiteral("closedBy"),
             closedElsewhere(summary.week) ? site(summary.week)->kiosk : QString()},
        });
    }
    return list;
}

QVariantList MediatorController::results() const
{
    QVariantList list;
    const SurveyDefinition *survey = m_sources.resultsSurvey;
    if (!m_unlocked || !survey)
        return list;
    IsoWeek from = IsoWeek::containing(m_sources.today());
    for (int i = 1; i < kPastWeeks; ++i)
        from = from.previous();
    const SurveyTally tally = m_sources.responses->tally(survey->id, from);
    const QString language = m_sources.language();
    for (const SurveyQuestion &question : survey->questions) {
        if (question.kind == SurveyQuestion::Kind::FreeText)
            continue;
        const QMap<QString, int> counts = tally.value(question.id);
        QVariantList bars;
        const auto bar = [&](const QString &key, const QString &label) {
            bars.append(QVariantMap{{QStringLiteral("key"), key},
                                    {QStringLiteral("label"), label},
                                    {QStringLiteral("count"), counts.value(key)}});
        };
        if (question.kind == SurveyQuestion::Kind::Recommendation) {
            for (int n = 10; n >= 0; --n)
                bar(QString::number(n), QString::number(n));
        }
        for (const SurveyOption &choice : question.choices()) {
            // The store tallies yes and no as they are kept: true and false.
            const bool yesNo = question.kind == SurveyQuestion::Kind::YesNo;
            const QString key = !yesNo                        ? choice.id
                                : choice.id == yesAnswer().id ? QStringLiteral("true")
                                                              : QStringLiteral("false");
            bar(key, choice.label.in(language));
        }
        int total = 0;
        int most = 1;
        for (const int n : counts) {
            total += n;
            most = std::max(most, n);
        }
        for (QVariant &entry : bars) {
            QVariantMap map = entry.toMap();
            map.insert(QStringLiteral("most"), most);
            entry = map;
        }
        list.append(QVariantMap{{QStringLiteral("id"), question.id},
                                {QStringLiteral("kind"), surveyKindName(question.kind)},
                                {QStringLiteral("text"), question.text.in(language)},
                                {QStringLiteral("total"), total},
                                {QStringLiteral("bars"), bars}});
    }
    return list;
}

} // namespace relais
