// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QImage>
#include <QQuickPaintedItem>
#include <QVariant>

namespace relais {

// A picture (a rendered page, a scan) as large as fits, its proportions kept, centred, on a
// white sheet with a thin edge; paintedRect says where, for what is drawn over it.
class PictureView : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT

    // A QImage (a variant holding one, from QML).
    Q_PROPERTY(QVariant image READ imageVariant WRITE setImageVariant NOTIFY imageChanged)
    Q_PROPERTY(QRectF paintedRect READ paintedRect NOTIFY paintedRectChanged)

public:
    explicit PictureView(QQuickItem *parent = nullptr);

    QImage image() const { return m_image; }
    void setImage(const QImage &image);
    QVariant imageVariant() const { return m_image; }
    void setImageVariant(const QVariant &image) { setImage(image.value<QImage>()); }
    QRectF paintedRect() const { return m_paintedRect; }

    void paint(QPainter *painter) override;

signals:
    void imageChanged();
    void paintedRectChanged();

protected:
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;

private:
    void updatePaintedRect();

    QImage m_image;
    QRectF m_paintedRect;
};

} // namespace relais
