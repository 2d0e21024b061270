// SPDX-License-Identifier: EUPL-1.2
#include "pictureview.h"

#include <QPainter>

namespace relais {

PictureView::PictureView(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
}

void PictureView::setImage(const QImage &image)
{
    m_image = image;
    updatePaintedRect();
    emit imageChanged();
    update();
}

void PictureView::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    updatePaintedRect();
}

void PictureView::updatePaintedRect()
{
    QRectF rect;
    if (!m_image.isNull() && width() > 0 && height() > 0) {
        QSizeF size = m_image.size();
        size.scale(width(), height(), Qt::KeepAspectRatio);
        rect = QRectF(QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size);
    }
    if (rect == m_paintedRect)
        return;
    m_paintedRect = rect;
    emit paintedRectChanged();
}

void PictureView::paint(QPainter *painter)
{
    if (m_paintedRect.isEmpty())
        return;
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->fillRect(m_paintedRect, Qt::white);
    painter->drawImage(m_paintedRect, m_image);
    painter->setPen(QPen(QColor(0x6b, 0x6b, 0x6b), 2));
    painter->drawRect(m_paintedRect.adjusted(1, 1, -1, -1));
}

} // namespace relais
