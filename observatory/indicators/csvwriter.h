// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QString>

namespace relais::observatory {

// The one CSV writer of every export (the dashboard's tables, the open-data files): UTF-8,
// comma separated, CRLF line ends, RFC 4180 quoting. A text cell a spreadsheet would run as a
// formula (starting with =, +, -, @, a tab or a carriage return: a kiosk's app_version, a
// territory's name) gets a leading ' as OWASP recommends; numbers are written as numbers.
class CsvWriter
{
public:
    void text(const QString &value);
    void number(qint64 value);
    void number(double value, int decimals);
    void endLine();

    QByteArray bytes() const { return m_out; }

private:
    void cell(QByteArray bytes);

    QByteArray m_out;
    bool m_lineStarted = false;
};

} // namespace relais::observatory
