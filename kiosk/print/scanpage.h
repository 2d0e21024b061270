// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QImage>
#include <QRectF>
#include <QString>

namespace relais {

// What the resident did to a scanned page before using it: turned it a quarter turn at a
// time, then kept part of it (a rectangle in fractions of the turned page, 0–1).
struct PageEdit
{
    int quarterTurns = 0; // clockwise
    QRectF crop{0, 0, 1, 1};
};

QImage applyEdit(const QImage &image, const PageEdit &edit);

// Writes `image` as a one-page PDF: an A4 page turned the way the picture is, the picture at
// its real size (from its resolution) or shrunk to fit, as a photocopy would be.
bool writePdfPage(const QImage &image, const QString &path, QString *error);
// The picture as a JPEG good enough to read small print.
bool writeJpeg(const QImage &image, const QString &path, QString *error);

} // namespace relais
