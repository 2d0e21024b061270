// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QPainter>
#include <QPdfWriter>
#include <QString>

// Where the black band across page `page` (from 1) of writeTestPdf() has its middle, as a
// share of the page's height from its top: lower on each page, so a page can be told from
// another in a picture of it, whatever becomes of its text.
inline double testPageBandMiddle(int page)
{
    return 0.42 + 0.08 * ((page - 1) % 6);
}

// The band's height, as a share of the page's.
constexpr double TestPageBandHeight = 0.03;

// A PDF of `pages` A4 pages, each with its number written large and its band.
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
        const double middle = testPageBandMiddle(page) * pdf.height();
        const double height = TestPageBandHeight * pdf.height();
        painter.fillRect(QRectF(0, middle - height / 2, pdf.width(), height), Qt::black);
    }
    return painter.end();
}
