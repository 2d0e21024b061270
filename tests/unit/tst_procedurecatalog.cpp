// SPDX-License-Identifier: EUPL-1.2
#include "procedures/procedurecatalog.h"
#include "procedures/searchtext.h"

#include "brokencorpus.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace relais;

// The catalog of online procedures: every shipped file is valid and complete, every file of
// the broken corpus is refused with its own message, a refused or older file leaves the
// procedures in use, and search finds what residents type.
class TestProcedureCatalog : public QObject
{
    Q_OBJECT

    static QString corpus() { return QStringLiteral(RELAIS_TEST_SOURCE_DIR "/procedures"); }

    AgencyCatalog m_agencies = AgencyCatalog::shipped();

    QHash<QString, QStringList> agencyNames() const
    {
        QHash<QString, QStringList> names;
        for (const QString &id : m_agencies.ids())
            names.insert(id, QStringList{id} + m_agencies.find(id)->name.values());
        return names;
    }

    QStringList ids(const QList<const Procedure *> &procedures) const
    {
        QStringList result;
        for (const Procedure *procedure : procedures)
            result << procedure->id;
        return result;
    }

private slots:
    void shippedCatalogIsComplete()
    {
        const ProcedureCatalog catalog = ProcedureCatalog::shipped(m_agencies);
        const QDir pictograms(QStringLiteral(RELAIS_SOURCE_DIR "/qml/Theme/pictograms"));
        for (const QString agency :
             {"caf", "cpam", "carsat", "france-travail", "dgfip", "ants", "msa"}) {
            const auto procedures = catalog.forAgency(agency);
            QVERIFY2(procedures.size() >= 3, qPrintable(agency));
            for (const Procedure *p : procedures) {
                const QString name = p->id;
                QVERIFY2(pictograms.exists(p->pictogram + QStringLiteral(".svg")),
                         qPrintable(name));
                for (const GuideLine &line : p->before + p->steps) {
                    QVERIFY2(pictograms.exists(line.pictogram + QStringLiteral(".svg")),
                             qPrintable(name + QLatin1Char(' ') + line.pictogram));
                    // Easy-to-read: short lines, each in both languages.
                    QVERIFY2(line.text.fr.size() <= 100, qPrintable(line.text.fr));
                    QVERIFY(!line.text.en.isEmpty());
                }
                QVERIFY(p->steps.size() >= 3);
                QCOMPARE(p->startUrl.scheme(), QStringLiteral("https"));
                // Official sites only: every domain is a public service's.
                for (const QString &domain : p->domains)
                    QVERIFY2(domain.endsWith(QLatin1String(".gouv.fr")) ||
                                 QStringList({"caf.fr", "ameli.fr", "lassuranceretraite.fr",
                                              "info-retraite.fr", "francetravail.fr", "msa.fr"})
                                     .contains(domain),
                             qPrintable(domain));
            }
        }
        QCOMPARE(catalog.count(), 21);
    }

    void brokenCorpus_data() { test::addBrokenCorpusRows(corpus()); }

    void brokenCorpus()
    {
        test::verifyBrokenCorpusRow(
            corpus(), [this](const QString &path) { return loadProcedureFile(path, m_agencies); });
    }

    void refusedFileKeepsThePreviousProcedures()
    {
        ProcedureCatalog catalog;
        QVERIFY(!catalog.installFile(corpus() + QStringLiteral("/valid.json"), m_agencies));
        QCOMPARE(catalog.count(), 1);
        QVERIFY(
            catalog.installFile(corpus() + QStringLiteral("/broken/http-start.json"), m_agencies));
        const Procedure *kept = catalog.find(QStringLiteral("essai-attestation"));
        QVERIFY(kept);
        QCOMPARE(kept->startUrl, QUrl(QStringLiteral("https://www.caf.fr/allocataires")));

        // A directory with good and bad files installs the good ones and names the bad ones.
        ProcedureCatalog fromDirectory;
        const QList<ConfigError> refused =
            fromDirectory.installDirectory(corpus() + QStringLiteral("/broken"), m_agencies);
        QCOMPARE(refused.size(),
                 QDir(corpus() + QStringLiteral("/broken")).entryList(QDir::Files).size());
        QCOMPARE(fromDirectory.count(), 0);

        // An older version is refused; a newer one replaces the agency's procedures.
        QFile file(corpus() + QStringLiteral("/valid.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject older = QJsonDocument::fromJson(file.readAll()).object();
        older.insert(QStringLiteral("version"), 1);
        const auto error = catalog.install(
            parseProcedureFile(QJsonDocument(older).toJson(), QStringLiteral("v1"), m_agencies));
        QVERIFY(error);
        QCOMPARE(error->problem,
                 QStringLiteral("1 of the \"caf\" procedures is older than the one in use (2)"));
        QJsonObject newer = older;
        newer.insert(QStringLiteral("version"), 3);
        QVERIFY(!catalog.install(
            parseProcedureFile(QJsonDocument(newer).toJson(), QStringLiteral("v3"), m_agencies)));
        QCOMPARE(catalog.count(), 1);

        // A procedure id belongs to one agency.
        QJsonObject other = newer;
        other.insert(QStringLiteral("agency"), QStringLiteral("msa"));
        const auto clash = catalog.install(
            parseProcedureFile(QJsonDocument(other).toJson(), QStringLiteral("msa"), m_agencies));
        QVERIFY(clash);
        QCOMPARE(clash->problem,
                 QStringLiteral("procedure \"essai-attestation\" is already one of \"caf\""));
        QVERIFY(catalog.forAgency(QStringLiteral("msa")).isEmpty());
    }

    void folding()
    {
        QCOMPARE(foldForSearch(QStringLiteral("Impôts")), QStringLiteral("impots"));
        QCOMPARE(foldForSearch(QStringLiteral("  CARTE   Vitale ! ")),
                 QStringLiteral("carte vitale"));
        QCOMPARE(foldForSearch(QStringLiteral("Pré-demande d'identité")),
                 QStringLiteral("pre demande d identite"));
        QCOMPARE(foldForSearch(QStringLiteral("Cœur")), QStringLiteral("coeur"));
        QCOMPARE(searchWords(QStringLiteral("Je veux ma carte d'identité")),
                 (QStringList{QStringLiteral("carte"), QStringLiteral("identite")}));
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QStringList>("agencies");
        QTest::newRow("carte vitale") << "carte vitale"
                                      << "cpam-carte-vitale" << QStringList{"cpam"};
        QTest::newRow("CARTE VITALE") << "CARTE VITALE"
                                      << "cpam-carte-vitale" << QStringList{"cpam"};
        QTest::newRow("vitale, prefix") << "vital"
                                        << "cpam-carte-vitale" << QStringList{"cpam"};
        QTest::newRow("retraite") << "retraite"
                                  << "carsat-demande-retraite" << QStringList{"carsat"};
        QTest::newRow("impôts") << "impôts"
                                << "dgfip-avis-impot" << QStringList{"dgfip"};
        QTest::newRow("impots") << "IMPOTS"
                                << "dgfip-avis-impot" << QStringList{"dgfip"};
        QTest::newRow("CAF") << "CAF"
                             << "caf-changement-situation" << QStringList{"caf"};
        QTest::newRow("ANTS") << "ants"
                              << "ants-carte-identite" << QStringList{"ants"};
        QTest::newRow("passeport") << "Passeport"
                                   << "ants-passeport" << QStringList{"ants"};
        QTest::newRow("pôle emploi") << "pole emploi"
                                     << "ft-inscription" << QStringList{"france-travail"};
        QTest::newRow("English") << "pension"
                                 << "carsat-demande-retraite" << QStringList{"carsat"};
        QTest::newRow("two agencies") << "prime d'activité"
                                      << "caf-declarer-ressources" << QStringList{"caf", "msa"};
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QString, first);
        QFETCH(QStringList, agencies);
        const ProcedureCatalog catalog = ProcedureCatalog::shipped(m_agencies);
        const auto found = catalog.search(query, agencyNames());
        QVERIFY2(!found.isEmpty(), qPrintable(query));
        QCOMPARE(found.first()->id, first);
        QStringList seen;
        for (const Procedure *p : found) {
            if (!seen.contains(p->agency))
                seen << p->agency;
        }
        seen.sort();
        agencies.sort();
        QCOMPARE(seen, agencies);
    }

    void searchFindsNothingForNoise()
    {
        const ProcedureCatalog catalog = ProcedureCatalog::shipped(m_agencies);
        QVERIFY(catalog.search(QString(), agencyNames()).isEmpty());
        QVERIFY(catalog.search(QStringLiteral("de la"), agencyNames()).isEmpty());
        QVERIFY(catalog.search(QStringLiteral("zzzz"), agencyNames()).isEmpty());
        // A word must start a word of the procedure: "art" is not "carte".
        QVERIFY(!ids(catalog.search(QStringLiteral("art"), agencyNames()))
                     .contains(QStringLiteral("cpam-carte-vitale")));
        // Every word must match.
        QVERIFY(catalog.search(QStringLiteral("carte vitale passeport"), agencyNames()).isEmpty());
    }

    void domains()
    {
        QVERIFY(hostInDomain(QStringLiteral("caf.fr"), QStringLiteral("caf.fr")));
        QVERIFY(hostInDomain(QStringLiteral("wwwd.CAF.fr"), QStringLiteral("caf.fr")));
        QVERIFY(!hostInDomain(QStringLiteral("evilcaf.fr"), QStringLiteral("caf.fr")));
        QVERIFY(!hostInDomain(QStringLiteral("caf.fr.evil.example"), QStringLiteral("caf.fr")));
        QVERIFY(!hostInDomain(QString(), QStringLiteral("caf.fr")));
    }
};

QTEST_GUILESS_MAIN(TestProcedureCatalog)

#include "tst_procedurecatalog.moc"
