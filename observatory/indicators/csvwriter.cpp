// SPDX-License-Identifier: EUPL-1.2
#include "csvwriter.h"

namespace relais::observatory {

void CsvWriter::text(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    if (!bytes.isEmpty() && QByteArrayView("=+-@\t\r").contains(bytes.front()))
        bytes.prepend('\'');
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r'))
        bytes = '"' + bytes.replace("\"", "\"\"") + '"';
    cell(bytes);
}

void CsvWriter::number(qint64 value)
{
    cell(QByteArray::number(value));
}

void CsvWriter::number(double value, int decimals)
{
    cell(QByteArray::number(value, 'f', decimals));
}

void CsvWriter::endLine()
{
    m_out += "\r\n";
    m_lineStarted = false;
}

void CsvWriter::cell(QByteArray bytes)
{
    if (m_lineStarted)
        m_out += ',';
    m_out += bytes;
    m_lineStarted = true;
}

} // namespace relais::observatory
