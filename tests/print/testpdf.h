#pragma once

#include <QPainter>
#include <QPdfWriter>
#include <QString>

// A PDF of `pages` A4 pages, each with its number written large.
inline bool writeTestPdf(const QString &path, int pages)
{
    QPdfWriter pdf(path);
    pdf.setResolution(72);
    QPainter painter;
    if (!painter.begin(&pdf))
        return false;
    painter.setFont(QFont(QStringLiteral("DejaVu Sans"), 60));
    for (int page = 1; page <= pages; ++page) {
        if (page > 1)
            pdf.newPage();
        painter.drawText(QPointF(100, 300), QStringLiteral("Page %1").arg(page));
    }
    return painter.end();
}
