// SPDX-License-Identifier: EUPL-1.2
#include "csvwriter.h"

namespace relais::observatory {

CsvWriter::CsvWriter(Dialect dialect)
    : m_dialect(dialect), m_separator(dialect == Dialect::Spreadsheet ? ';' : ',')
{
    if (dialect == Dialect::Spreadsheet)
        m_out = "\xEF\xBB\xBF";
}

void CsvWriter::text(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    if (!bytes.isEmpty() && QByteArrayView("=+-@\t\r").contains(bytes.front()))
        bytes.prepend('\'');
    if (bytes.contains(m_separator) || bytes.contains('"') || bytes.contains('\n') ||
        bytes.contains('\r'))
        bytes = '"' + bytes.replace("\"", "\"\"") + '"';
    cell(bytes);
}

void CsvWriter::number(qint64 value)
{
    cell(QByteArray::number(value));
}

void CsvWriter::number(double value, int decimals)
{
    QByteArray bytes = QByteArray::number(value, 'f', decimals);
    if (m_dialect == Dialect::Spreadsheet)
        bytes.replace('.', ',');
    cell(bytes);
}

void CsvWriter::endLine()
{
    m_out += "\r\n";
    m_lineStarted = false;
}

void CsvWriter::cell(QByteArray bytes)
{
    if (m_lineStarted)
        m_out += m_separator;
    m_out += bytes;
    m_lineStarted = true;
}

} // namespace relais::observatory
