// SPDX-License-Identifier: EUPL-1.2
#include "surveycatalog.h"

#include "configbundle.h"
#include "ingest/records.h"
#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace relais::observatory {

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(4 * 1024 * 1024) : QByteArray();
}

} // namespace

SurveyCatalog::SurveyCatalog(Store &store, QString bundlesDirectory)
    : m_store(store), m_bundlesDirectory(std::move(bundlesDirectory))
{
    QList<std::pair<QString, QByteArray>> stored;
    {
        QSqlQuery q = m_store.prepare(QStringLiteral(
            "SELECT survey, version, definition FROM survey_definitions ORDER BY survey, version"));
        Store::run(q);
        while (q.next())
            stored.append({QStringLiteral("survey_definitions %1 version %2")
                               .arg(q.value(0).toString())
                               .arg(q.value(1).toInt()),
                           q.value(2).toString().toUtf8()});
    }
    for (const auto &[origin, json] : stored)
        add(json, origin);
    for (const QString &file : shippedSurveyFiles())
        add(readFile(file), file);
    refresh();
}

SurveyCatalog::~SurveyCatalog() = default;

QString SurveyCatalog::add(const QByteArray &json, const QString &origin)
{
    SurveyResult parsed = parseSurveyDefinition(json, origin);
    if (const auto *error = std::get_if<ConfigError>(&parsed)) {
        qWarning("relais-observatory: survey definition left out: %s",
                 qPrintable(error->message()));
        return error->message();
    }
    auto definition = std::make_unique<SurveyDefinition>(std::get<SurveyDefinition>(parsed));
    const auto key = std::make_pair(definition->id, definition->version);
    // An indicator is one figure: every question feeding it must read the same scale.
    for (const CatalogIndicator &known : indicators()) {
        for (const SurveyQuestion &question : definition->questions) {
            if (!question.indicator || question.indicator->id != known.id ||
                question.indicator->scale == known.scale)
                continue;
            const bool onlyItself =
                std::all_of(known.sources.cbegin(), known.sources.cend(), [&](const auto &s) {
                    return s.survey == key.first && s.version == key.second;
                });
            if (onlyItself)
                continue;
            const QString refusal =
                QStringLiteral("%1: question \"%2\" feeds indicator \"%3\" as \"%4\", which "
                               "other definitions read as \"%5\"")
                    .arg(origin, question.id, known.id,
                         indicatorScaleName(question.indicator->scale),
                         indicatorScaleName(known.scale));
            qWarning("relais-observatory: survey definition left out: %s", qPrintable(refusal));
            return refusal;
        }
    }
    keep(key.first, key.second, json);
    m_definitions[key] = std::move(definition);
    return {};
}

void SurveyCatalog::keep(const QString &survey, int version, const QByteArray &json)
{
    // The first sight is kept; a newer text for the same version (a corrected label) replaces
    // the stored one, as kiosks install it.
    m_store.execute(
        QStringLiteral("INSERT INTO survey_definitions (survey, version, definition, first_seen) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (survey, version) DO UPDATE SET "
                       "definition = excluded.definition WHERE survey_definitions.definition <> "
                       "excluded.definition"),
        {survey, version, QString::fromUtf8(json),
         QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
}

void SurveyCatalog::refresh()
{
    if (m_bundlesDirectory.isEmpty())
        return;
    const QDir dir(m_bundlesDirectory);
    for (const QFileInfo &info :
         dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QPair<QDateTime, qint64> seen{info.lastModified(), info.size()};
        if (m_bundleFiles.value(info.fileName()) == seen)
            continue;
        m_bundleFiles.insert(info.fileName(), seen);
        try {
            const provisioning::BundlePayload payload =
                provisioning::readPublishedPayload(readFile(info.filePath()));
            const QJsonArray surveys = payload.content.value(QStringLiteral("surveys")).toArray();
            for (qsizetype i = 0; i < surveys.size(); ++i)
                add(QJsonDocument(surveys.at(i).toObject()).toJson(QJsonDocument::Compact),
                    QStringLiteral("%1: surveys[%2]").arg(info.filePath()).arg(i));
        } catch (const provisioning::BundleError &e) {
            qWarning("relais-observatory: bundle %s not read for its surveys: %s",
                     qPrintable(info.filePath()), e.what());
        }
    }
}

const SurveyDefinition *SurveyCatalog::find(const QString &survey, int version) const
{
    const auto it = m_definitions.find({survey, version});
    return it == m_definitions.end() ? nullptr : it->second.get();
}

QList<const SurveyDefinition *> SurveyCatalog::definitions() const
{
    QList<const SurveyDefinition *> all;
    for (const auto &[key, definition] : m_definitions)
        all << definition.get();
    return all;
}

std::optional<SurveyRefusal> SurveyCatalog::check(const SurveyResponse &response) const
{
    const SurveyDefinition *definition = find(response.survey, response.version);
    if (!definition)
        return SurveyRefusal{QStringLiteral("unknown_survey"),
                             QStringLiteral("survey \"%1\" version %2 is not a definition the "
                                            "observatory has (shipped or in a published bundle)")
                                 .arg(response.survey)
                                 .arg(response.version)};
    for (const auto &[key, code] : response.answers) {
        const auto read = definition->readRecorded(key, code);
        if (const auto *refusal = std::get_if<AnswerRefusal>(&read))
            return SurveyRefusal{refusal->why == AnswerRefusal::Why::UnknownQuestion
                                     ? QStringLiteral("unknown_question")
                                     : QStringLiteral("unknown_answer"),
                                 refusal->detail};
    }
    return std::nullopt;
}

QList<CatalogIndicator> SurveyCatalog::indicators() const
{
    QList<CatalogIndicator> list;
    QHash<QString, qsizetype> index;
    for (const auto &[key, definition] : m_definitions) {
        for (const SurveyQuestion &question : definition->questions) {
            if (!question.indicator)
                continue;
            const SurveyIndicator &named = *question.indicator;
            if (!index.contains(named.id)) {
                index.insert(named.id, list.size());
                list.append({named.id, named.label, named.scale, {}});
            }
            CatalogIndicator &indicator = list[index.value(named.id)];
            indicator.label = named.label; // definitions come oldest first
            indicator.sources.append({key.first, key.second, &question});
        }
    }
    return list;
}

QList<CatalogIndicator> SurveyCatalog::indicators(SurveyIndicator::Scale scale) const
{
    QList<CatalogIndicator> list = indicators();
    list.removeIf([scale](const CatalogIndicator &i) { return i.scale != scale; });
    return list;
}

} // namespace relais::observatory
