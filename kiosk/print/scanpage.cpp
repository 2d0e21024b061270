// SPDX-License-Identifier: EUPL-1.2
#include "scanpage.h"

#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTransform>

namespace relais {

QImage applyEdit(const QImage &image, const PageEdit &edit)
{
    if (image.isNull())
        return {};
    const int turns = ((edit.quarterTurns % 4) + 4) % 4;
    QImage turned = turns == 0 ? image : image.transformed(QTransform().rotate(90.0 * turns));
    turned.setDotsPerMeterX(image.dotsPerMeterX());
    turned.setDotsPerMeterY(image.dotsPerMeterY());
    const QRectF unit = edit.crop.normalized() & QRectF(0, 0, 1, 1);
    if (unit.isEmpty())
        return turned;
    const QRect area = QRectF(unit.x() * turned.width(), unit.y() * turned.height(),
                              unit.width() * turned.width(), unit.height() * turned.height())
                           .toAlignedRect() &
                       turned.rect();
    return area == turned.rect() ? turned : turned.copy(area);
}

bool writePdfPage(const QImage &image, const QString &path, QString *error)
{
    if (image.isNull()) {
        *error = QStringLiteral("no picture to write");
        return false;
    }
    const int dpi = image.dotsPerMeterX() > 0 ? qRound(image.dotsPerMeterX() * 0.0254) : 150;
    QPdfWriter pdf(path);
    pdf.setCreator(QStringLiteral("Relais"));
    pdf.setResolution(dpi);
    const bool landscape = image.width() > image.height();
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageOrientation(landscape ? QPageLayout::Landscape : QPageLayout::Portrait);
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&pdf)) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    const QRect page = painter.viewport();
    QSize size = image.size();
    if (size.width() > page.width() || size.height() > page.height())
        size.scale(page.size(), Qt::KeepAspectRatio);
    painter.drawImage(QRect(QPoint(0, 0), size), image);
    if (!painter.end()) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

bool writeJpeg(const QImage &image, const QString &path, QString *error)
{
    if (image.isNull() || !image.convertToFormat(QImage::Format_RGB888).save(path, "JPEG", 88)) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace relais
