// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QImage>
#include <QSize>
#include <QString>

namespace relais {

// One page of a PDF rendered to fit a box, with the document's page count (QtPdf). Safe on any
// thread: each call opens the document on its own.
struct RenderedPage
{
    bool readable = false; // false: not a PDF, damaged, or protected by a password
    int pageCount = 0;
    QImage image;
};

RenderedPage renderPdfPage(const QString &path, int page, QSize box);

} // namespace relais
