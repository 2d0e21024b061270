#include "survey/surveydefinition.h"
#include "survey/surveylibrary.h"

#include "brokencorpus.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace relais;

// Survey definitions: the shipped ones are valid, every file of the broken corpus is refused
// with its own message, and a refused definition leaves the one in use in place.
class TestSurveyDefinition : public QObject
{
    Q_OBJECT

    static QString corpus() { return QStringLiteral(RELAIS_TEST_SOURCE_DIR "/surveys"); }

private slots:
    void shippedDefinitionsAreValid()
    {
        const SurveyLibrary library = SurveyLibrary::shipped();
        QCOMPARE(library.ids(), (QStringList{QStringLiteral("grille-accessibilite"),
                                             QStringLiteral("satisfaction-visite")}));
        const SurveyDefinition *visit = library.find(QStringLiteral("satisfaction-visite"));
        QVERIFY(visit);
        QCOMPARE(visit->questions.first().kind, SurveyQuestion::Kind::Satisfaction);
        QVERIFY(visit->find(QStringLiteral("age")));
        const SurveyDefinition *grid = library.find(QStringLiteral("grille-accessibilite"));
        int criteria = 0;
        for (const SurveyQuestion &q : grid->questions)
            criteria += q.id.startsWith(QLatin1String("critere-")) ? 1 : 0;
        QCOMPARE(criteria, 11);
    }

    void brokenCorpus_data() { test::addBrokenCorpusRows(corpus()); }

    void brokenCorpus()
    {
        test::verifyBrokenCorpusRow(corpus(),
                                    [](const QString &path) { return loadSurveyDefinition(path); });
    }

    void refusedDefinitionKeepsThePreviousOne()
    {
        SurveyLibrary library;
        QVERIFY(!library.installFile(corpus() + QStringLiteral("/valid.json")));
        QVERIFY(library.installFile(corpus() + QStringLiteral("/broken/unknown-kind.json")));
        const SurveyDefinition *kept = library.find(QStringLiteral("essai"));
        QVERIFY(kept);
        QCOMPARE(kept->questions.first().kind, SurveyQuestion::Kind::Satisfaction);

        // An older version is refused as well.
        QFile file(corpus() + QStringLiteral("/valid.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject newer = QJsonDocument::fromJson(file.readAll()).object();
        newer.insert(QStringLiteral("version"), 3);
        QVERIFY(!library.install(parseSurveyDefinition(QJsonDocument(newer).toJson(), "v3")));
        QCOMPARE(library.find(QStringLiteral("essai"))->version, 3);
        newer.insert(QStringLiteral("version"), 2);
        const auto refused =
            library.install(parseSurveyDefinition(QJsonDocument(newer).toJson(), "v2"));
        QVERIFY(refused);
        QCOMPARE(refused->problem,
                 QStringLiteral("2 of survey \"essai\" is older than the one in use (3)"));
        QCOMPARE(library.find(QStringLiteral("essai"))->version, 3);
    }

    void answersAreCheckedAgainstTheQuestion()
    {
        const SurveyLibrary library = SurveyLibrary::shipped();
        const SurveyDefinition *visit = library.find(QStringLiteral("satisfaction-visite"));
        const SurveyQuestion *welcome = visit->find(QStringLiteral("accueil"));
        QVERIFY(welcome->checkAnswer(QStringLiteral("tres-satisfait")));
        QVERIFY(!welcome->checkAnswer(QStringLiteral("ravi")));
        QVERIFY(!welcome->checkAnswer(3));
        const SurveyQuestion *how = visit->find(QStringLiteral("connu-par"));
        QVERIFY(how->checkAnswer(QJsonArray{QStringLiteral("affiche"), QStringLiteral("mairie")}));
        QVERIFY(
            !how->checkAnswer(QJsonArray{QStringLiteral("affiche"), QStringLiteral("affiche")}));
        QVERIFY(!how->checkAnswer(QJsonArray{}));
        const SurveyQuestion *mark =
            library.find(QStringLiteral("grille-accessibilite"))->find(QStringLiteral("note"));
        QCOMPARE(*mark->checkAnswer(10), QJsonValue(10));
        QVERIFY(!mark->checkAnswer(11));
        QVERIFY(!mark->checkAnswer(2.5));
        QVERIFY(visit->find(QStringLiteral("recommande"))->checkAnswer(true));
    }
};

QTEST_GUILESS_MAIN(TestSurveyDefinition)
#include "tst_surveydefinition.moc"
