// SPDX-License-Identifier: EUPL-1.2
#include "theme.h"

#include "kiosk.h"

#include <QGuiApplication>
#include <QScreen>

#include <cmath>

namespace relais {

namespace {

double relativeLuminance(const QColor &colour)
{
    const auto channel = [](double c) {
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
           0.0722 * channel(colour.blueF());
}

// Composites a translucent colour over an opaque one, as the screen shows it.
QColor over(const QColor &top, const QColor &bottom)
{
    const double a = top.alphaF();
    return QColor::fromRgbF(static_cast<float>(top.redF() * a + bottom.redF() * (1 - a)),
                            static_cast<float>(top.greenF() * a + bottom.greenF() * (1 - a)),
                            static_cast<float>(top.blueF() * a + bottom.blueF() * (1 - a)));
}

} // namespace

Theme::Theme(QObject *parent) : QObject(parent)
{
    setDotsPerInch(96);
}

Theme *Theme::create(QQmlEngine *, QJSEngine *)
{
    auto *theme = new Theme(nullptr);
    if (Kiosk *kiosk = Kiosk::instance()) {
        theme->setTextScale(kiosk->textScale());
        connect(kiosk, &Kiosk::textScaleChanged, theme,
                [theme, kiosk] { theme->setTextScale(kiosk->textScale()); });
        if (kiosk->config().screenDpi) {
            theme->setDotsPerInch(*kiosk->config().screenDpi);
            return theme;
        }
    }
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        theme->setDotsPerInch(screen->physicalDotsPerInch());
    return theme;
}

QList<Theme::TextPair> Theme::textPairs()
{
    return {
        {"body text on background", text(), background(), false},
        {"body text on surface", text(), surface(), false},
        {"secondary text on background", textMuted(), background(), false},
        {"secondary text on surface", textMuted(), surface(), false},
        {"primary button label", onPrimary(), primary(), false},
        {"link-coloured text on surface", primary(), surface(), false},
        {"link-coloured text on background", primary(), background(), false},
        {"text on selected soft blue", primary(), primarySoft(), false},
        {"body text on soft blue", text(), primarySoft(), false},
        {"end-session button label", onDanger(), danger(), false},
        {"notice text", onNotice(), notice(), false},
        {"dialog text on scrim", onPrimary(), over(scrim(), background()), false},
    };
}

double Theme::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

int Theme::millimetresToPixels(double millimetres, double dotsPerInch)
{
    return static_cast<int>(std::ceil(millimetres * dotsPerInch / 25.4));
}

void Theme::setTextScale(qreal scale)
{
    if (qFuzzyCompare(scale, m_textScale))
        return;
    m_textScale = scale;
    emit metricsChanged();
}

void Theme::setDotsPerInch(double dpi)
{
    if (!(dpi > 0))
        dpi = 96;
    m_touchTarget = std::max(64, millimetresToPixels(15, dpi));
    m_targetGap = std::max(24, millimetresToPixels(8, dpi));
    emit metricsChanged();
}

} // namespace relais
