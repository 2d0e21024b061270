// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "agencycatalog.h"
#include "localizedtext.h"
#include "siteconfig.h"

#include <QList>
#include <QUrl>

#include <optional>
#include <variant>

namespace relais {

// One line of a guide: a short sentence in easy-to-read French (and English) beside its
// pictogram. Used for what to bring and for the steps.
struct GuideLine
{
    QString pictogram;
    LocalizedText text;
};

// An online procedure of an agency, as the guide shows it beside the agency's own website.
struct Procedure
{
    QString id;
    QString agency;
    QString pictogram;
    LocalizedText title;
    LocalizedText summary;
    int minutes = 0;      // the estimated time, start to finish, for someone helped
    QUrl startUrl;        // the official page the guide opens
    QStringList domains;  // the guided browser goes nowhere else (subdomains included)
    QStringList keywords; // words residents use, any language, matched with the titles
    QList<GuideLine> before;
    QList<GuideLine> steps;
};

// One catalog file: the procedures of one agency (format "relais-procedures/1").
struct ProcedureFile
{
    QString agency;
    int version = 0;
    QList<Procedure> procedures;
};

using ProcedureFileResult = std::variant<ProcedureFile, ConfigError>;

// Every field is checked; any mistake is refused with the file, the field and the problem.
ProcedureFileResult parseProcedureFile(const QByteArray &bytes, const QString &fileName,
                                       const AgencyCatalog &agencies);
ProcedureFileResult loadProcedureFile(const QString &fileName, const AgencyCatalog &agencies);

// True when `host` is `domain` or one of its subdomains ("www.caf.fr" is in "caf.fr").
bool hostInDomain(const QString &host, const QString &domain);

// The procedures in use, one file per agency. A file replaces the agency's procedures only
// once it is fully valid and not older; otherwise it is refused and nothing changes.
class ProcedureCatalog
{
public:
    // The catalog compiled into the kiosk (kiosk/data/procedures/).
    static ProcedureCatalog shipped(const AgencyCatalog &agencies);

    std::optional<ConfigError> install(const ProcedureFileResult &loaded);
    std::optional<ConfigError> installFile(const QString &fileName, const AgencyCatalog &agencies);
    QList<ConfigError> installDirectory(const QString &directory, const AgencyCatalog &agencies);

    const Procedure *find(const QString &id) const;
    QList<const Procedure *> forAgency(const QString &agency) const;
    // Procedures matching every word of `query` (accents and case ignored) in their titles,
    // keywords or agency names; those whose title matches come first. `agencyNames` gives the
    // names residents may type for each agency id ("CAF", "Impôts", "Health insurance").
    QList<const Procedure *> search(const QString &query,
                                    const QHash<QString, QStringList> &agencyNames) const;
    int count() const;

private:
    QList<ProcedureFile> m_files; // in agency order of installation
};

} // namespace relais
