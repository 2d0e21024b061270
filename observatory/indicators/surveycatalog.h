// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "surveydefinition.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <map>
#include <memory>
#include <optional>

namespace relais::observatory {

class Store;
struct SurveyResponse;

// A question of one survey version that feeds an indicator.
struct IndicatorSource
{
    QString survey;
    int version = 0;
    const SurveyQuestion *question = nullptr;
};

// One figure of the dashboard as the definitions name it: every question of every version
// that feeds it adds up into it.
struct CatalogIndicator
{
    QString id;
    QString label; // the newest definition's
    SurveyIndicator::Scale scale = SurveyIndicator::Scale::Satisfaction;
    QList<IndicatorSource> sources;
};

// Why a survey response does not fit the definitions (observatory/API.md's rejection reasons).
struct SurveyRefusal
{
    QString reason; // unknown_survey, unknown_question, unknown_answer
    QString detail;
};

// The survey definitions the observatory reads answers with: the shipped ones (surveys/data/),
// those of the signed bundles it publishes, and every (id, version) it has ever seen, kept in
// the store's survey_definitions so that a version no longer shipped or published stays
// readable. The definitions are the one vocabulary: their codes are what kiosks send and what
// survey_answers hold, their indicators and French texts what the dashboard shows.
class SurveyCatalog
{
public:
    // Reads the store's definitions, then the shipped ones and the bundles' (`bundlesDirectory`
    // may be empty), keeping each new or changed one in the store.
    SurveyCatalog(Store &store, QString bundlesDirectory);
    ~SurveyCatalog();
    SurveyCatalog(const SurveyCatalog &) = delete;
    SurveyCatalog &operator=(const SurveyCatalog &) = delete;

    // Adds a definition from its JSON text; empty on success, else why it was left out (logged
    // too). A definition for an (id, version) already known replaces it, as a kiosk installs it.
    QString add(const QByteArray &json, const QString &origin);
    // Reads the bundles folder again if a file in it changed since the last look: a bundle
    // published after the start brings its definitions before its kiosks' answers arrive.
    void refresh();

    const SurveyDefinition *find(const QString &survey, int version) const;
    QList<const SurveyDefinition *> definitions() const; // by id, then version

    // Every answer of `response` against the definition and version it names.
    std::optional<SurveyRefusal> check(const SurveyResponse &response) const;

    // In the order of the definitions (by id, then version), then of their questions.
    QList<CatalogIndicator> indicators() const;
    QList<CatalogIndicator> indicators(SurveyIndicator::Scale scale) const;

private:
    void keep(const QString &survey, int version, const QByteArray &json);

    Store &m_store;
    QString m_bundlesDirectory;
    std::map<std::pair<QString, int>, std::unique_ptr<SurveyDefinition>> m_definitions;
    QMap<QString, QPair<QDateTime, qint64>> m_bundleFiles; // name → (modified, size) last read
};

} // namespace relais::observatory
