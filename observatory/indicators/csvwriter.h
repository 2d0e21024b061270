// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QString>

namespace relais::observatory {

// Where a table's cells go, line by line: the CSV (CsvWriter) and the XLSX sheets
// (indicators/xlsxexport) take the same calls, so that what a table holds is written by one walk
// (Table::write) whatever the file.
class CellWriter
{
public:
    virtual ~CellWriter() = default;
    virtual void text(const QString &value) = 0;
    virtual void number(qint64 value) = 0;
    // Written with `decimals` decimals, as shown.
    virtual void number(double value, int decimals) = 0;
    virtual void endLine() = 0;
};

// The one CSV writer of every export (the dashboard's tables, the open-data files): UTF-8,
// CRLF line ends, RFC 4180 quoting. A text cell a spreadsheet would run as a formula (starting
// with =, +, -, @, a tab or a carriage return: a kiosk's app_version, a territory's name) gets a
// leading ' as OWASP recommends; numbers are written as numbers.
//
// Two dialects. Data, for programs and the open data: comma separated, a decimal point.
// Spreadsheet, for a person opening the file in Excel or LibreOffice set to French: a byte
// order mark (without it Excel reads UTF-8 as Windows-1252 and garbles "é"), semicolon
// separated and a decimal comma, as a French spreadsheet expects.
class CsvWriter : public CellWriter
{
public:
    enum class Dialect { Data, Spreadsheet };

    explicit CsvWriter(Dialect dialect = Dialect::Data);

    void text(const QString &value) override;
    void number(qint64 value) override;
    void number(double value, int decimals) override;
    void endLine() override;

    QByteArray bytes() const { return m_out; }

private:
    void cell(QByteArray bytes);

    Dialect m_dialect;
    char m_separator;
    QByteArray m_out;
    bool m_lineStarted = false;
};

} // namespace relais::observatory
