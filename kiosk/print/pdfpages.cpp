// SPDX-License-Identifier: EUPL-1.2
#include "pdfpages.h"

#include <QPdfDocument>

namespace relais {

RenderedPage renderPdfPage(const QString &path, int page, QSize box)
{
    RenderedPage rendered;
    QPdfDocument document;
    if (document.load(path) != QPdfDocument::Error::None || document.pageCount() < 1)
        return rendered;
    rendered.readable = true;
    rendered.pageCount = document.pageCount();
    if (page < 0 || page >= rendered.pageCount || box.isEmpty())
        return rendered;
    QSize size = document.pagePointSize(page).toSize();
    if (size.isEmpty())
        size = box;
    size.scale(box, Qt::KeepAspectRatio);
    rendered.image = document.render(page, size);
    return rendered;
}

} // namespace relais
