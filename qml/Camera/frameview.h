// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QImage>
#include <QQuickItem>

namespace relais {

// Shows the latest video frame handed to it (the agent's image, the resident's own), scaled to
// fit without distortion. Frames arrive as QImage from the media engine; only the newest one
// is uploaded at the next render, so a slow screen drops frames instead of queueing them.
class FrameView : public QQuickItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool hasFrame READ hasFrame NOTIFY hasFrameChanged)
    Q_PROPERTY(bool mirrored READ mirrored WRITE setMirrored NOTIFY mirroredChanged)
    Q_PROPERTY(QSize frameSize READ frameSize NOTIFY frameSizeChanged)

public:
    explicit FrameView(QQuickItem *parent = nullptr);

    bool hasFrame() const { return !m_frame.isNull(); }
    // The resident's own image is shown as in a mirror, as people expect of themselves.
    bool mirrored() const { return m_mirrored; }
    void setMirrored(bool mirrored);
    QSize frameSize() const { return m_frame.size(); }

    Q_INVOKABLE void setFrame(const QImage &frame);
    Q_INVOKABLE void clear();

signals:
    void hasFrameChanged();
    void mirroredChanged();
    void frameSizeChanged();

protected:
    QSGNode *updatePaintNode(QSGNode *old, UpdatePaintNodeData *) override;

private:
    QImage m_frame;
    bool m_dirty = false;
    bool m_mirrored = false;
};

} // namespace relais
