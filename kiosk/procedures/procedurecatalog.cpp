// SPDX-License-Identifier: EUPL-1.2
#include "procedurecatalog.h"

#include "journey.h"
#include "jsonfields.h"
#include "searchtext.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace relais {

namespace {

constexpr auto kFormat = "relais-procedures/1";

using json::require;

QString readIdentifier(const QJsonObject &parent, const QString &key, const QString &path)
{
    const QString id = json::string(parent, key, path, 64);
    require(json::isIdentifier(id), json::child(path, key),
            QStringLiteral("must be lowercase letters, digits and '-' (1 to 64)"));
    return id;
}

bool isDomainName(const QString &text)
{
    static const QRegularExpression name(
        QStringLiteral("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$"));
    return text.size() <= 253 && name.match(text).hasMatch();
}

QList<GuideLine> readLines(const QJsonObject &parent, const QString &key, const QString &path,
                           int maxLines)
{
    using namespace json;
    const QJsonArray list = array(parent, key, path);
    const QString listPath = child(path, key);
    require(!list.isEmpty() && list.size() <= maxLines, listPath,
            QStringLiteral("must list 1 to %1 entries, found %2").arg(maxLines).arg(list.size()));
    QList<GuideLine> lines;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString linePath = element(listPath, i);
        const QJsonObject entry = objectAt(list, i, listPath);
        rejectUnknownKeys(entry, {QStringLiteral("pictogram"), QStringLiteral("text")}, linePath);
        // Easy-to-read French: one short sentence or two per line, never a paragraph.
        lines.append({readIdentifier(entry, QStringLiteral("pictogram"), linePath),
                      readLocalizedText(entry, QStringLiteral("text"), linePath, 160)});
    }
    return lines;
}

Procedure readProcedure(const QJsonObject &entry, const QString &path, const QString &agency)
{
    using namespace json;
    rejectUnknownKeys(entry,
                      {QStringLiteral("id"), QStringLiteral("pictogram"), QStringLiteral("title"),
                       QStringLiteral("summary"), QStringLiteral("minutes"),
                       QStringLiteral("start_url"), QStringLiteral("domains"),
                       QStringLiteral("keywords"), QStringLiteral("before"),
                       QStringLiteral("steps")},
                      path);
    Procedure procedure;
    procedure.agency = agency;
    procedure.id = readIdentifier(entry, QStringLiteral("id"), path);
    procedure.pictogram = readIdentifier(entry, QStringLiteral("pictogram"), path);
    procedure.title = readLocalizedText(entry, QStringLiteral("title"), path, 80);
    procedure.summary = readLocalizedText(entry, QStringLiteral("summary"), path, 200);
    procedure.minutes = integer(entry, QStringLiteral("minutes"), path, 1, 120);

    const QString domainsPath = child(path, QStringLiteral("domains"));
    const QJsonArray domains = array(entry, QStringLiteral("domains"), path);
    require(!domains.isEmpty() && domains.size() <= 10, domainsPath,
            QStringLiteral("must list 1 to 10 domains, found %1").arg(domains.size()));
    for (qsizetype i = 0; i < domains.size(); ++i) {
        const QString domain = stringAt(domains, i, domainsPath, 253);
        require(isDomainName(domain), element(domainsPath, i),
                QStringLiteral("\"%1\" is not a lowercase domain name").arg(domain));
        require(!procedure.domains.contains(domain), element(domainsPath, i),
                QStringLiteral("repeats domain \"%1\"").arg(domain));
        procedure.domains << domain;
    }

    const QString urlPath = child(path, QStringLiteral("start_url"));
    const QString url = string(entry, QStringLiteral("start_url"), path, 500);
    procedure.startUrl = QUrl(url, QUrl::StrictMode);
    require(procedure.startUrl.isValid() && procedure.startUrl.scheme() == QLatin1String("https") &&
                !procedure.startUrl.host().isEmpty(),
            urlPath, QStringLiteral("\"%1\" is not an https:// address").arg(url));
    const QString host = procedure.startUrl.host();
    require(std::any_of(procedure.domains.cbegin(), procedure.domains.cend(),
                        [&](const QString &domain) { return hostInDomain(host, domain); }),
            urlPath, QStringLiteral("host \"%1\" is not in the procedure's domains").arg(host));

    if (entry.contains(QStringLiteral("keywords"))) {
        const QString keywordsPath = child(path, QStringLiteral("keywords"));
        const QJsonArray keywords = array(entry, QStringLiteral("keywords"), path);
        require(keywords.size() <= 40, keywordsPath,
                QStringLiteral("must list at most 40 keywords, found %1").arg(keywords.size()));
        for (qsizetype i = 0; i < keywords.size(); ++i) {
            const QString keyword = stringAt(keywords, i, keywordsPath, 60);
            require(!foldForSearch(keyword).isEmpty(), element(keywordsPath, i),
                    QStringLiteral("has no letter or digit"));
            procedure.keywords << keyword;
        }
    }
    procedure.before = readLines(entry, QStringLiteral("before"), path, 8);
    procedure.steps = readLines(entry, QStringLiteral("steps"), path, journey::kMaxSteps);
    return procedure;
}

ProcedureFile parse(const QJsonObject &root, const AgencyCatalog &agencies)
{
    using namespace json;
    rejectUnknownKeys(root,
                      {QStringLiteral("format"), QStringLiteral("agency"),
                       QStringLiteral("version"), QStringLiteral("procedures")},
                      QString());
    require(string(root, QStringLiteral("format"), QString()) == QLatin1String(kFormat),
            QStringLiteral("format"), QStringLiteral("must be \"%1\"").arg(QLatin1String(kFormat)));
    ProcedureFile file;
    file.agency = string(root, QStringLiteral("agency"), QString(), 64);
    require(agencies.find(file.agency), QStringLiteral("agency"),
            QStringLiteral("\"%1\" is not a known agency (known: %2)")
                .arg(file.agency, agencies.ids().join(QStringLiteral(", "))));
    file.version = integer(root, QStringLiteral("version"), QString(), 1, 1000000);
    const QJsonArray list = array(root, QStringLiteral("procedures"), QString());
    require(!list.isEmpty() && list.size() <= 50, QStringLiteral("procedures"),
            QStringLiteral("must list 1 to 50 procedures, found %1").arg(list.size()));
    QSet<QString> ids;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = element(QStringLiteral("procedures"), i);
        Procedure procedure =
            readProcedure(objectAt(list, i, QStringLiteral("procedures")), path, file.agency);
        require(!ids.contains(procedure.id), child(path, QStringLiteral("id")),
                QStringLiteral("repeats procedure \"%1\"").arg(procedure.id));
        ids.insert(procedure.id);
        file.procedures.append(procedure);
    }
    return file;
}

// "impôts" finds "impôt" and "retraites" "retraite": a plural's last letter is not compared.
QString stem(const QString &word)
{
    if (word.size() > 3 && (word.endsWith(QLatin1Char('s')) || word.endsWith(QLatin1Char('x'))))
        return word.chopped(1);
    return word;
}

QStringList stems(const QString &folded)
{
    QStringList result;
    for (const QString &word : folded.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        result << stem(word);
    return result;
}

// How well a procedure answers the words: 0 when a word is missing anywhere, 2 when every
// word is in its title, 1 otherwise.
int relevance(const Procedure &procedure, const QStringList &words, const QStringList &names)
{
    const QString title = foldForSearch(procedure.title.fr + QLatin1Char(' ') + procedure.title.en);
    QString everything = title;
    for (const QString &text : procedure.keywords + names)
        everything += QLatin1Char(' ') + foldForSearch(text);
    const QStringList titleWords = stems(title);
    const QStringList allWords = stems(everything);
    // A word of the query matches the start of a word of the text: "retrait" finds
    // "retraite", "vital" finds "vitale", but "art" does not find "carte".
    const auto found = [](const QStringList &text, const QString &word) {
        return std::any_of(text.cbegin(), text.cend(),
                           [&](const QString &w) { return w.startsWith(word); });
    };
    bool inTitle = true;
    for (const QString &queryWord : words) {
        const QString word = stem(queryWord);
        if (!found(allWords, word))
            return 0;
        inTitle = inTitle && found(titleWords, word);
    }
    return inTitle ? 2 : 1;
}

} // namespace

bool hostInDomain(const QString &host, const QString &domain)
{
    const QString h = host.toLower();
    return h == domain || (h.endsWith(domain) && h.size() > domain.size() &&
                           h.at(h.size() - domain.size() - 1) == QLatin1Char('.'));
}

ProcedureFileResult parseProcedureFile(const QByteArray &bytes, const QString &fileName,
                                       const AgencyCatalog &agencies)
{
    try {
        return parse(json::parseObject(bytes), agencies);
    } catch (const json::FieldError &error) {
        return ConfigError{fileName, error.field, error.problem};
    }
}

ProcedureFileResult loadProcedureFile(const QString &fileName, const AgencyCatalog &agencies)
{
    try {
        return parse(json::parseFile(fileName), agencies);
    } catch (const json::FieldError &error) {
        return ConfigError{fileName, error.field, error.problem};
    }
}

ProcedureCatalog ProcedureCatalog::shipped(const AgencyCatalog &agencies)
{
    ProcedureCatalog catalog;
    const QList<ConfigError> refused =
        catalog.installDirectory(QStringLiteral(":/relais/data/procedures"), agencies);
    if (!refused.isEmpty())
        qFatal("shipped procedure file refused: %s", qPrintable(refused.first().message()));
    return catalog;
}

std::optional<ConfigError> ProcedureCatalog::install(const ProcedureFileResult &loaded)
{
    if (const auto *error = std::get_if<ConfigError>(&loaded))
        return *error;
    const auto &file = std::get<ProcedureFile>(loaded);
    qsizetype replaced = -1;
    for (qsizetype i = 0; i < m_files.size(); ++i) {
        if (m_files.at(i).agency == file.agency)
            replaced = i;
    }
    if (replaced >= 0 && m_files.at(replaced).version > file.version)
        return ConfigError{QString(), QStringLiteral("version"),
                           QStringLiteral("%1 of the \"%2\" procedures is older than the one in "
                                          "use (%3)")
                               .arg(file.version)
                               .arg(file.agency)
                               .arg(m_files.at(replaced).version)};
    // Procedure ids are global: the guide and the journal name a procedure by its id alone.
    for (const Procedure &procedure : file.procedures) {
        const Procedure *other = find(procedure.id);
        if (other && other->agency != file.agency)
            return ConfigError{QString(), QStringLiteral("procedures"),
                               QStringLiteral("procedure \"%1\" is already one of \"%2\"")
                                   .arg(procedure.id, other->agency)};
    }
    if (replaced >= 0)
        m_files[replaced] = file;
    else
        m_files.append(file);
    return std::nullopt;
}

std::optional<ConfigError> ProcedureCatalog::installFile(const QString &fileName,
                                                         const AgencyCatalog &agencies)
{
    auto error = install(loadProcedureFile(fileName, agencies));
    if (error && error->file.isEmpty())
        error->file = fileName;
    return error;
}

QList<ConfigError> ProcedureCatalog::installDirectory(const QString &directory,
                                                      const AgencyCatalog &agencies)
{
    QList<ConfigError> refused;
    const QDir dir(directory);
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (const auto error = installFile(dir.filePath(name), agencies))
            refused.append(*error);
    }
    return refused;
}

const Procedure *ProcedureCatalog::find(const QString &id) const
{
    for (const ProcedureFile &file : m_files) {
        for (const Procedure &procedure : file.procedures) {
            if (procedure.id == id)
                return &procedure;
        }
    }
    return nullptr;
}

QList<const Procedure *> ProcedureCatalog::forAgency(const QString &agency) const
{
    QList<const Procedure *> result;
    for (const ProcedureFile &file : m_files) {
        if (file.agency != agency)
            continue;
        for (const Procedure &procedure : file.procedures)
            result << &procedure;
    }
    return result;
}

QList<const Procedure *>
ProcedureCatalog::search(const QString &query, const QHash<QString, QStringList> &agencyNames) const
{
    const QStringList words = searchWords(query);
    if (words.isEmpty())
        return {};
    QList<const Procedure *> best;
    QList<const Procedure *> others;
    for (const ProcedureFile &file : m_files) {
        for (const Procedure &procedure : file.procedures) {
            const int score = relevance(procedure, words, agencyNames.value(file.agency));
            if (score == 2)
                best << &procedure;
            else if (score == 1)
                others << &procedure;
        }
    }
    return best + others;
}

int ProcedureCatalog::count() const
{
    int total = 0;
    for (const ProcedureFile &file : m_files)
        total += file.procedures.size();
    return total;
}

} // namespace relais
