// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QColor>
#include <QList>
#include <QObject>
#include <QQmlEngine>

namespace relais {

// The kiosk's look, built for older residents: calm colours with text contrast of at least
// 4.5:1 (checked by a test), large type that follows the resident's text-size choice, and touch
// targets of at least 15 mm on the real screen (never under 64 px), 8 mm apart (targetGap,
// measured between items by tests/qml/tst_layoutaudit.cpp). At 150 % and 200 % the screens
// reflow and page rather than scroll (PageColumn, PageButtons, TileGrid: qml/README.md).
class Theme : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(QColor background READ background CONSTANT)
    Q_PROPERTY(QColor surface READ surface CONSTANT)
    Q_PROPERTY(QColor text READ text CONSTANT)
    Q_PROPERTY(QColor textMuted READ textMuted CONSTANT)
    Q_PROPERTY(QColor primary READ primary CONSTANT)
    Q_PROPERTY(QColor onPrimary READ onPrimary CONSTANT)
    Q_PROPERTY(QColor primarySoft READ primarySoft CONSTANT)
    Q_PROPERTY(QColor danger READ danger CONSTANT)
    Q_PROPERTY(QColor onDanger READ onDanger CONSTANT)
    Q_PROPERTY(QColor notice READ notice CONSTANT)
    Q_PROPERTY(QColor onNotice READ onNotice CONSTANT)
    Q_PROPERTY(QColor border READ border CONSTANT)
    Q_PROPERTY(QColor focus READ focus CONSTANT)
    Q_PROPERTY(QColor scrim READ scrim CONSTANT)
    Q_PROPERTY(QString fontFamily READ fontFamily CONSTANT)

    Q_PROPERTY(qreal textScale READ textScale NOTIFY metricsChanged)
    Q_PROPERTY(qreal chromeScale READ chromeScale NOTIFY metricsChanged)
    Q_PROPERTY(int bodySize READ bodySize NOTIFY metricsChanged)
    Q_PROPERTY(int smallSize READ smallSize NOTIFY metricsChanged)
    Q_PROPERTY(int buttonSize READ buttonSize NOTIFY metricsChanged)
    Q_PROPERTY(int barButtonSize READ barButtonSize NOTIFY metricsChanged)
    Q_PROPERTY(int titleSize READ titleSize NOTIFY metricsChanged)
    Q_PROPERTY(int displaySize READ displaySize NOTIFY metricsChanged)
    Q_PROPERTY(int touchTarget READ touchTarget NOTIFY metricsChanged)
    Q_PROPERTY(int targetGap READ targetGap NOTIFY metricsChanged)
    Q_PROPERTY(int margin READ margin NOTIFY metricsChanged)
    Q_PROPERTY(int radius READ radius CONSTANT)

public:
    struct TextPair
    {
        const char *name;
        QColor foreground;
        QColor background;
        bool largeOnly; // used only for text of at least 24 px or 18.66 px bold: 3:1 suffices
    };

    // Not default-constructible on purpose: Qt 6.4 would then build the singleton with the
    // default constructor and never call create(), which ties the theme to the kiosk.
    explicit Theme(QObject *parent);
    static Theme *create(QQmlEngine *, QJSEngine *);

    // Every foreground/background pair the screens use for text, for the contrast test.
    static QList<TextPair> textPairs();
    // WCAG 2.x contrast ratio, 1 to 21.
    static double contrastRatio(const QColor &a, const QColor &b);
    // Pixels for a length in millimetres at the given density.
    static int millimetresToPixels(double millimetres, double dotsPerInch);

    static QColor background() { return QColor(0xF6, 0xF4, 0xEF); }
    static QColor surface() { return QColor(0xFF, 0xFF, 0xFF); }
    static QColor text() { return QColor(0x1B, 0x1F, 0x24); }
    static QColor textMuted() { return QColor(0x4A, 0x50, 0x57); }
    static QColor primary() { return QColor(0x1D, 0x4E, 0x89); }
    static QColor onPrimary() { return QColor(0xFF, 0xFF, 0xFF); }
    static QColor primarySoft() { return QColor(0xE3, 0xEC, 0xF7); }
    static QColor danger() { return QColor(0x9E, 0x23, 0x2B); }
    static QColor onDanger() { return QColor(0xFF, 0xFF, 0xFF); }
    static QColor notice() { return QColor(0xFF, 0xF1, 0xC7); }
    static QColor onNotice() { return QColor(0x3D, 0x2E, 0x00); }
    static QColor border() { return QColor(0x76, 0x7C, 0x84); }
    static QColor focus() { return QColor(0xB3, 0x5C, 0x00); }
    static QColor scrim() { return QColor(0x10, 0x18, 0x24, 0xCC); }
    static QString fontFamily() { return QStringLiteral("Noto Sans"); }

    qreal textScale() const { return m_textScale; }
    // Controls that must always fit (the session bar, the idle dialog) grow to 125 % at most,
    // leaving the screen to the content the resident reads.
    qreal chromeScale() const { return std::min<qreal>(m_textScale, 1.25); }
    int bodySize() const { return scaled(26); }
    int smallSize() const { return scaled(22); }
    int buttonSize() const { return scaled(28); }
    // The session bar grows less than the content (to 125 %) so that at 200 % text it still
    // leaves the screen to what the resident is reading.
    int barButtonSize() const { return qRound(26 * chromeScale()); }
    int titleSize() const { return scaled(40); }
    int displaySize() const { return scaled(56); }
    int touchTarget() const { return m_touchTarget; }
    int targetGap() const { return m_targetGap; }
    int margin() const { return 32; }
    static int radius() { return 14; }

    void setTextScale(qreal scale);
    void setDotsPerInch(double dpi);

signals:
    void metricsChanged();

private:
    int scaled(int base) const { return qRound(base * m_textScale); }

    qreal m_textScale = 1.0;
    int m_touchTarget = 64;
    int m_targetGap = 32;
};

} // namespace relais
