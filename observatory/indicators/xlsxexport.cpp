// SPDX-License-Identifier: EUPL-1.2
#include "xlsxexport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QTemporaryFile>

#include <xlsxwriter.h>

#include <algorithm>

namespace relais::observatory {

namespace {

constexpr int kMaxSheetName = 31;
const QString kSummary = QStringLiteral("Sommaire");

// The cells of one sheet, from row 0; the first line (the titles) in bold. The first error of
// libxlsxwriter is kept, the rest written on so that `error` names where it began.
class SheetWriter : public CellWriter
{
public:
    SheetWriter(lxw_workbook *book, lxw_worksheet *sheet, lxw_format *bold,
                QHash<int, lxw_format *> *decimals)
        : m_book(book), m_sheet(sheet), m_bold(bold), m_decimals(decimals)
    {}

    void text(const QString &value) override
    {
        keep(worksheet_write_string(m_sheet, m_row, m_column, value.toUtf8().constData(),
                                    m_row == 0 ? m_bold : nullptr));
        widen(value.size());
    }

    void number(qint64 value) override
    {
        keep(worksheet_write_number(m_sheet, m_row, m_column, double(value), nullptr));
        widen(QString::number(value).size());
    }

    // The value the CSV shows, rounded as it is there, not the one before rounding.
    void number(double value, int decimals) override
    {
        const QByteArray shown = QByteArray::number(value, 'f', decimals);
        keep(worksheet_write_number(m_sheet, m_row, m_column, shown.toDouble(), format(decimals)));
        widen(shown.size());
    }

    void endLine() override
    {
        ++m_row;
        m_column = 0;
    }

    void finish()
    {
        for (int column = 0; column < m_widths.size(); ++column)
            keep(worksheet_set_column(m_sheet, lxw_col_t(column), lxw_col_t(column),
                                      std::clamp(m_widths[column] + 2, 8, 60), nullptr));
        worksheet_freeze_panes(m_sheet, 1, 0);
    }

    lxw_error error() const { return m_error; }

private:
    void keep(lxw_error error)
    {
        if (m_error == LXW_NO_ERROR)
            m_error = error;
    }

    void widen(qsizetype chars)
    {
        if (m_widths.size() <= m_column)
            m_widths.resize(m_column + 1);
        m_widths[m_column] = std::max(m_widths[m_column], int(std::min<qsizetype>(chars, 60)));
        ++m_column;
    }

    lxw_format *format(int decimals)
    {
        if (lxw_format *known = m_decimals->value(decimals))
            return known;
        lxw_format *made = workbook_add_format(m_book);
        format_set_num_format(
            made,
            ("0" + (decimals > 0 ? "." + QByteArray(decimals, '0') : QByteArray())).constData());
        m_decimals->insert(decimals, made);
        return made;
    }

    lxw_workbook *m_book;
    lxw_worksheet *m_sheet;
    lxw_format *m_bold;
    QHash<int, lxw_format *> *m_decimals;
    lxw_row_t m_row = 0;
    int m_column = 0;
    QList<int> m_widths;
    lxw_error m_error = LXW_NO_ERROR;
};

QString sheetError(const QString &sheet, lxw_error error)
{
    return QStringLiteral("sheet %1: %2").arg(sheet, QString::fromUtf8(lxw_strerror(error)));
}

} // namespace

QStringList xlsxSheetNames(const QStringList &titles)
{
    static const QRegularExpression forbidden(QStringLiteral("[\\[\\]:*?/\\\\]"));
    QStringList taken{kSummary.toLower(), QStringLiteral("history")}; // Excel keeps "History"
    QStringList names;
    for (const QString &title : titles) {
        QString base = QString(title).replace(forbidden, QStringLiteral(" ")).simplified();
        const auto trim = [](QString name) {
            name = name.trimmed();
            while (name.startsWith(u'\'') || name.endsWith(u'\''))
                name = name.startsWith(u'\'') ? name.mid(1).trimmed() : name.chopped(1).trimmed();
            return name;
        };
        base = trim(base);
        if (base.isEmpty())
            base = QStringLiteral("Tableau");
        // Cut between words where one ends in reach, so that the name still reads.
        const auto cut = [&trim, &base](qsizetype length) {
            if (base.size() <= length)
                return base;
            const qsizetype space = base.lastIndexOf(u' ', length);
            const QString kept = base.left(space > length / 2 ? space : length);
            return trim(kept.endsWith(u',') ? kept.chopped(1) : kept);
        };
        QString name = cut(kMaxSheetName);
        for (int n = 2; taken.contains(name.toLower()); ++n) {
            const QString suffix = QStringLiteral(" (%1)").arg(n);
            name = cut(kMaxSheetName - suffix.size()) + suffix;
        }
        taken << name.toLower();
        names << name;
    }
    return names;
}

std::optional<QByteArray> xlsxWorkbook(const QList<Table> &tables, const QStringList &about,
                                       QString *error)
{
    // libxlsxwriter writes to a path; this file is ours alone (0600), removed when it goes out
    // of scope, and the library's own scratch files are tmpfile()s, gone at close.
    QTemporaryFile file(QDir::tempPath() + QStringLiteral("/relais-export-XXXXXX.xlsx"));
    if (!file.open()) {
        *error = QStringLiteral("no temporary file for the workbook: ") + file.errorString();
        return std::nullopt;
    }
    const QByteArray path = QFile::encodeName(file.fileName());
    lxw_workbook_options options{};
    lxw_workbook *book = workbook_new_opt(path.constData(), &options);
    if (!book) {
        *error = QStringLiteral("the workbook could not be created");
        return std::nullopt;
    }
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    QHash<int, lxw_format *> decimals;
    QStringList titles;
    for (const Table &table : tables)
        titles << table.title;
    const QStringList names = xlsxSheetNames(titles);

    QString failed;
    lxw_worksheet *summary = workbook_add_worksheet(book, kSummary.toUtf8().constData());
    SheetWriter contents(book, summary, bold, &decimals);
    for (const QString &line : about) {
        contents.text(line);
        contents.endLine();
    }
    contents.endLine();
    for (const char *title : {"Feuille", "Tableau", "Titre", "Remarque"})
        contents.text(QString::fromUtf8(title));
    contents.endLine();
    for (qsizetype i = 0; i < tables.size(); ++i) {
        for (const QString &cell : {names[i], tables[i].id, tables[i].title, tables[i].note})
            contents.text(cell);
        contents.endLine();
    }
    if (contents.error() != LXW_NO_ERROR)
        failed = sheetError(kSummary, contents.error());
    // Fixed widths: the about lines, long sentences in the first column, would make it too wide.
    worksheet_set_column(summary, 0, 0, 34, nullptr);
    worksheet_set_column(summary, 1, 1, 20, nullptr);
    worksheet_set_column(summary, 2, 2, 50, nullptr);
    worksheet_set_column(summary, 3, 3, 60, nullptr);

    for (qsizetype i = 0; i < tables.size() && failed.isEmpty(); ++i) {
        lxw_worksheet *sheet = workbook_add_worksheet(book, names[i].toUtf8().constData());
        if (!sheet) {
            failed = QStringLiteral("sheet %1 could not be added").arg(names[i]);
            break;
        }
        SheetWriter cells(book, sheet, bold, &decimals);
        tables[i].write(cells, true);
        cells.finish();
        if (cells.error() != LXW_NO_ERROR)
            failed = sheetError(names[i], cells.error());
    }
    const lxw_error closed = workbook_close(book); // frees the workbook, whatever it returns
    if (failed.isEmpty() && closed != LXW_NO_ERROR)
        failed = QStringLiteral("the workbook could not be written: ") +
                 QString::fromUtf8(lxw_strerror(closed));
    if (!failed.isEmpty()) {
        *error = failed;
        return std::nullopt;
    }
    QFile written(file.fileName());
    if (!written.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the workbook could not be read back: ") + written.errorString();
        return std::nullopt;
    }
    return written.readAll();
}

} // namespace relais::observatory
