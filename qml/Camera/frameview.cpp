// SPDX-License-Identifier: EUPL-1.2
#include "frameview.h"

#include <QQuickWindow>
#include <QSGImageNode>
#include <QSGTexture>

namespace relais {

FrameView::FrameView(QQuickItem *parent) : QQuickItem(parent)
{
    setFlag(ItemHasContents, true);
}

void FrameView::setMirrored(bool mirrored)
{
    if (mirrored == m_mirrored)
        return;
    m_mirrored = mirrored;
    m_dirty = true;
    emit mirroredChanged();
    update();
}

void FrameView::setFrame(const QImage &frame)
{
    const bool had = hasFrame();
    const QSize before = m_frame.size();
    m_frame = frame;
    m_dirty = true;
    if (had != hasFrame())
        emit hasFrameChanged();
    if (before != m_frame.size())
        emit frameSizeChanged();
    update();
}

void FrameView::clear()
{
    setFrame(QImage());
}

QSGNode *FrameView::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    auto *node = static_cast<QSGImageNode *>(old);
    if (m_frame.isNull() || width() <= 0 || height() <= 0) {
        delete node;
        return nullptr;
    }
    if (!node) {
        node = window()->createImageNode();
        node->setOwnsTexture(true);
        node->setFiltering(QSGTexture::Linear);
        m_dirty = true;
    }
    if (m_dirty) {
        node->setTexture(window()->createTextureFromImage(m_frame));
        node->setTextureCoordinatesTransform(m_mirrored ? QSGImageNode::MirrorHorizontally
                                                        : QSGImageNode::NoTransform);
        m_dirty = false;
    }
    // Letterboxed: the whole picture, never stretched or cropped.
    const QSizeF fitted = QSizeF(m_frame.size()).scaled(size(), Qt::KeepAspectRatio);
    node->setRect(
        QRectF(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted));
    return node;
}

} // namespace relais
