// SPDX-License-Identifier: EUPL-1.2
#include "survey/surveylibrary.h"
#include "surveydefinition.h"

#include "brokencorpus.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace relais;

// Survey definitions: the shipped ones are valid and name the indicators they feed, every file
// of the broken corpus is refused with its own message, a refused definition leaves the one in
// use in place, and an answer as a record carries it reads back against its definition.
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

    void shippedDefinitionsNameTheirIndicators()
    {
        const SurveyLibrary library = SurveyLibrary::shipped();
        const SurveyDefinition *visit = library.find(QStringLiteral("satisfaction-visite"));
        const SurveyIndicator welcome = *visit->find(QStringLiteral("accueil"))->indicator;
        QCOMPARE(welcome.label, QStringLiteral("Satisfaction sur l'accueil"));
        QCOMPARE(welcome.scale, SurveyIndicator::Scale::Satisfaction);
        // The kind fixes what counts: the first level, and the first two.
        QCOMPARE(welcome.top, QStringList{QStringLiteral("tres-satisfait")});
        QCOMPARE(welcome.positive,
                 (QStringList{QStringLiteral("tres-satisfait"), QStringLiteral("satisfait")}));
        const SurveyIndicator need = *visit->find(QStringLiteral("reponse"))->indicator;
        QCOMPARE(need.id, QStringLiteral("besoin"));
        QCOMPARE(need.scale, SurveyIndicator::Scale::Need);
        QCOMPARE(need.top, QStringList{QStringLiteral("totalement")});
        QCOMPARE(need.positive, QStringList{QStringLiteral("totalement")});
        QCOMPARE(visit->find(QStringLiteral("recommande"))->indicator->positive,
                 QStringList{yesAnswer().id});
        QVERIFY(!visit->find(QStringLiteral("commentaire"))->indicator);

        // The grid is the matrix: the service is its column, each criterion a row.
        const SurveyDefinition *grid = library.find(QStringLiteral("grille-accessibilite"));
        QCOMPARE(grid->find(QStringLiteral("service"))->indicator->scale,
                 SurveyIndicator::Scale::MatrixService);
        QStringList rows;
        for (const SurveyQuestion &q : grid->questions)
            if (q.indicator && q.indicator->scale == SurveyIndicator::Scale::MatrixCriterion)
                rows << q.indicator->label;
        QCOMPARE(rows.size(), 11);
        QCOMPARE(rows.first(), QStringLiteral("Proximité, temps de trajet"));
        QCOMPARE(rows.last(), QStringLiteral("Suivi du dossier et réponse apportée"));
    }

    // Every answer a resident can give, as the kiosk records it, reads back as that answer.
    void recordedAnswersReadBack()
    {
        const SurveyLibrary library = SurveyLibrary::shipped();
        int checked = 0;
        for (const QString &id : library.ids()) {
            const SurveyDefinition &definition = *library.find(id);
            for (const SurveyQuestion &question : definition.questions) {
                QList<std::pair<QJsonValue, QString>> answers; // as stored, the code it is
                for (const SurveyOption &choice : question.choices()) {
                    const QJsonValue stored =
                        question.kind == SurveyQuestion::Kind::YesNo
                            ? QJsonValue(choice.id == yesAnswer().id)
                        : question.kind == SurveyQuestion::Kind::MultipleChoice
                            ? QJsonValue(QJsonArray{choice.id})
                            : QJsonValue(choice.id);
                    answers.append({stored, choice.id});
                }
                if (question.kind == SurveyQuestion::Kind::Recommendation)
                    for (int n = 0; n <= 10; ++n)
                        answers.append({n, QString::number(n)});
                for (const auto &[stored, code] : answers) {
                    QVERIFY(question.checkAnswer(stored));
                    const auto recorded =
                        recordedAnswers(question.id, *question.checkAnswer(stored));
                    QCOMPARE(recorded.size(), 1);
                    const QJsonValue value = recorded.first().second;
                    const auto read = definition.readRecorded(
                        recorded.first().first,
                        value.isDouble() ? QString::number(value.toInt()) : value.toString());
                    QVERIFY2(std::holds_alternative<RecordedAnswer>(read), qPrintable(code));
                    QCOMPARE(std::get<RecordedAnswer>(read).question, &question);
                    QCOMPARE(std::get<RecordedAnswer>(read).code, code);
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 60);
        // Several options: one key each.
        QCOMPARE(recordedAnswers(QStringLiteral("connu-par"),
                                 QJsonArray{QStringLiteral("affiche"), QStringLiteral("mairie")}),
                 (QList<QPair<QString, QJsonValue>>{
                     {QStringLiteral("connu-par.affiche"), yesAnswer().id},
                     {QStringLiteral("connu-par.mairie"), yesAnswer().id}}));
        QVERIFY(recordedAnswers(QStringLiteral("service"), QJsonValue::Null).isEmpty());
    }

    void recordedAnswersOutsideTheDefinitionAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("unknownQuestion");
        QTest::addColumn<QString>("detail");
        QTest::newRow("no such question")
            << "besoin"
            << "totalement" << true
            << "survey \"satisfaction-visite\" version 1 has no question \"besoin\"";
        QTest::newRow("another vocabulary")
            << "accueil"
            << "tres_satisfait" << false
            << "question \"accueil\": \"tres_satisfait\" is not one of tres-satisfait, satisfait, "
               "peu-satisfait, pas-satisfait";
        QTest::newRow("yes as a boolean's word")
            << "recommande"
            << "true" << false << "question \"recommande\": \"true\" is not one of oui, non";
        QTest::newRow("an option of another question")
            << "age"
            << "femme" << false
            << "question \"age\": \"femme\" is not one of moins-de-25, 25-44, 45-59, 60-74, "
               "75-plus";
        QTest::newRow("multiple choice as one code")
            << "connu-par"
            << "affiche" << false
            << "question \"connu-par\": \"affiche\" is not how a multiple choice is sent (one "
               "\"question.option\": \"oui\" per option)";
        QTest::newRow("an option it does not have")
            << "connu-par.radio"
            << "oui" << false
            << "question \"connu-par.radio\": \"oui\" names no option of the question";
        QTest::newRow("an option not chosen")
            << "connu-par.affiche"
            << "non" << false << "question \"connu-par.affiche\": \"non\" is not \"oui\"";
        QTest::newRow("free text")
            << "commentaire"
            << "bien" << false
            << "question \"commentaire\": \"bien\" answers a free-text question, which never "
               "leaves the kiosk";
        QTest::newRow("an option of a single choice")
            << "motif.proximite"
            << "oui" << true
            << "survey \"satisfaction-visite\" version 1 has no question \"motif.proximite\" "
               "(\"motif\" is not a multiple choice)";
    }
    void recordedAnswersOutsideTheDefinitionAreRefused()
    {
        QFETCH(QString, key);
        QFETCH(QString, code);
        QFETCH(bool, unknownQuestion);
        QFETCH(QString, detail);
        const SurveyLibrary library = SurveyLibrary::shipped();
        const auto read =
            library.find(QStringLiteral("satisfaction-visite"))->readRecorded(key, code);
        QVERIFY(std::holds_alternative<AnswerRefusal>(read));
        const AnswerRefusal refusal = std::get<AnswerRefusal>(read);
        QCOMPARE(refusal.why, unknownQuestion ? AnswerRefusal::Why::UnknownQuestion
                                              : AnswerRefusal::Why::UnknownAnswer);
        QCOMPARE(refusal.detail, detail);
        // 0–10 marks: whole numbers of the range only.
        const SurveyDefinition *grid = library.find(QStringLiteral("grille-accessibilite"));
        QVERIFY(std::holds_alternative<AnswerRefusal>(
            grid->readRecorded(QStringLiteral("note"), QStringLiteral("11"))));
        QVERIFY(std::holds_alternative<AnswerRefusal>(
            grid->readRecorded(QStringLiteral("note"), QStringLiteral("07"))));
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
