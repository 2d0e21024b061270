// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "agencycatalog.h"
#include "procedures/procedurecatalog.h"
#include "siteconfig.h"
#include "surveydefinition.h"

#include <QJsonObject>
#include <QList>

#include <variant>

namespace relais {

// What a signed configuration bundle carries, every part checked by the same validators as
// the kiosk's own files: the site ("site", required), the agency catalog ("catalog", the
// shipped one when absent), procedure files ("procedures", each "relais-procedures/1") and
// survey definitions ("surveys", each "relais-survey/1").
// Procedures and surveys installed over the shipped ones, each only when not older.
struct BundledDefinitions
{
    QList<ProcedureFile> procedures;
    QList<SurveyDefinition> surveys;
};

struct BundleContent
{
    AgencyCatalog agencies;
    SiteConfig site;
    BundledDefinitions definitions;
};

// The content, or why it cannot be used (one message, naming the part and the field).
using BundleContentResult = std::variant<BundleContent, QString>;

BundleContentResult parseBundleContent(const QJsonObject &content, const QString &origin);

} // namespace relais
