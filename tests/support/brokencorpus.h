// SPDX-License-Identifier: EUPL-1.2
#pragma once

// A corpus of broken data files (DIR/broken/*.json) with the refusal each must get
// (DIR/expected-errors.json: {"file.json": {"field": …, "problem": …}}): the data rows of a
// Qt Test function, and the check of one refusal.

#include "siteconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace relais::test {

// Columns file, field, problem; one row per broken file, and every file of the corpus has one.
inline void addBrokenCorpusRows(const QString &corpus)
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("problem");
    QFile expected(corpus + QStringLiteral("/expected-errors.json"));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    const QJsonObject cases = QJsonDocument::fromJson(expected.readAll()).object();
    QCOMPARE(cases.size(), QDir(corpus + QStringLiteral("/broken")).entryList(QDir::Files).size());
    for (auto it = cases.constBegin(); it != cases.constEnd(); ++it)
        QTest::newRow(qPrintable(it.key()))
            << it.key() << it->toObject().value(QStringLiteral("field")).toString()
            << it->toObject().value(QStringLiteral("problem")).toString();
}

// The current row's file was refused with exactly its file, field and problem. `load` reads
// a path and returns a std::variant holding a ConfigError on refusal.
template<typename Load> void verifyBrokenCorpusRow(const QString &corpus, Load &&load)
{
    QFETCH(QString, file);
    QFETCH(QString, field);
    QFETCH(QString, problem);
    const QString path = corpus + QStringLiteral("/broken/") + file;
    const auto result = load(path);
    const auto *error = std::get_if<ConfigError>(&result);
    QVERIFY2(error, "accepted");
    QCOMPARE(error->file, path);
    QCOMPARE(error->field, field);
    QCOMPARE(error->problem, problem);
}

} // namespace relais::test
