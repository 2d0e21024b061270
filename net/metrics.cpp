// SPDX-License-Identifier: EUPL-1.2
#include "metrics.h"

#include <QMutexLocker>

#include <cmath>
#include <stdexcept>

namespace relais::net {

namespace {

// Prometheus' label value escapes: backslash, double quote and line feed.
QByteArray escaped(const QString &value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray number(double value)
{
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    if (std::isnan(value))
        return "NaN";
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QByteArray::number(static_cast<qint64>(value));
    return QByteArray::number(value, 'g', 15);
}

// `labels` already rendered as `a="x",b="y"` (or empty), with one more label appended.
QByteArray withLabel(const QByteArray &labels, const QByteArray &name, const QByteArray &value)
{
    const QByteArray extra = name + "=\"" + value + '"';
    return '{' + (labels.isEmpty() ? extra : labels + ',' + extra) + '}';
}

QByteArray braced(const QByteArray &labels)
{
    return labels.isEmpty() ? QByteArray() : '{' + labels + '}';
}

} // namespace

void Metrics::describe(const QByteArray &name, Kind kind, const QByteArray &help,
                       const QList<double> &bounds)
{
    QMutexLocker lock(&m_mutex);
    if (m_families.contains(name))
        throw std::logic_error("metric described twice: " + name.toStdString());
    m_order.append(name);
    m_families.insert(name, Family{kind, help, bounds, {}});
}

void Metrics::describeCounter(const QByteArray &name, const QByteArray &help)
{
    describe(name, Kind::Counter, help, {});
}

void Metrics::describeGauge(const QByteArray &name, const QByteArray &help)
{
    describe(name, Kind::Gauge, help, {});
}

void Metrics::describeHistogram(const QByteArray &name, const QByteArray &help,
                                const QList<double> &bucketBounds)
{
    describe(name, Kind::Histogram, help, bucketBounds);
}

Metrics::Family &Metrics::family(const QByteArray &name, Kind kind)
{
    const auto it = m_families.find(name);
    // A programming mistake, caught by the first test that touches the figure.
    if (it == m_families.end() || it->kind != kind)
        throw std::logic_error("metric not described as used: " + name.toStdString());
    return *it;
}

QByteArray Metrics::labelText(const Labels &labels)
{
    QByteArray out;
    for (const auto &[name, value] : labels) {
        if (!out.isEmpty())
            out += ',';
        out += name + "=\"" + escaped(value) + '"';
    }
    return out;
}

void Metrics::increment(const QByteArray &name, const Labels &labels, double by)
{
    QMutexLocker lock(&m_mutex);
    family(name, Kind::Counter).series[labelText(labels)].value += by;
}

void Metrics::set(const QByteArray &name, const Labels &labels, double value)
{
    QMutexLocker lock(&m_mutex);
    family(name, Kind::Gauge).series[labelText(labels)].value = value;
}

void Metrics::observe(const QByteArray &name, const Labels &labels, double value)
{
    QMutexLocker lock(&m_mutex);
    Family &f = family(name, Kind::Histogram);
    Series &s = f.series[labelText(labels)];
    if (s.buckets.isEmpty())
        s.buckets.resize(f.bounds.size());
    for (qsizetype i = 0; i < f.bounds.size(); ++i) {
        if (value <= f.bounds[i]) {
            ++s.buckets[i];
            break;
        }
    }
    s.value += value;
    ++s.count;
}

void Metrics::clear(const QByteArray &name)
{
    QMutexLocker lock(&m_mutex);
    family(name, Kind::Gauge).series.clear();
}

void Metrics::addCollector(Collector collector)
{
    QMutexLocker lock(&m_mutex);
    m_collectors.append(std::move(collector));
}

double Metrics::value(const QByteArray &name, const Labels &labels) const
{
    QMutexLocker lock(&m_mutex);
    const auto f = m_families.constFind(name);
    if (f == m_families.constEnd())
        return 0;
    const auto s = f->series.find(labelText(labels));
    if (s == f->series.end())
        return 0;
    return f->kind == Kind::Histogram ? double(s->second.count) : s->second.value;
}

QByteArray Metrics::render()
{
    QList<Collector> collectors;
    {
        QMutexLocker lock(&m_mutex);
        collectors = m_collectors;
    }
    for (const Collector &collect : collectors)
        collect(*this);

    QMutexLocker lock(&m_mutex);
    QByteArray out;
    for (const QByteArray &name : std::as_const(m_order)) {
        const Family &f = m_families[name];
        static const char *const kTypes[] = {"counter", "gauge", "histogram"};
        out += "# HELP " + name + ' ' + f.help + '\n';
        out += "# TYPE " + name + ' ' + kTypes[int(f.kind)] + '\n';
        for (const auto &[labels, s] : f.series) {
            if (f.kind != Kind::Histogram) {
                out += name + braced(labels) + ' ' + number(s.value) + '\n';
                continue;
            }
            quint64 cumulative = 0;
            for (qsizetype i = 0; i < f.bounds.size(); ++i) {
                cumulative += s.buckets.value(i);
                out += name + "_bucket" + withLabel(labels, "le", number(f.bounds[i])) + ' ' +
                       QByteArray::number(cumulative) + '\n';
            }
            out += name + "_bucket" + withLabel(labels, "le", "+Inf") + ' ' +
                   QByteArray::number(s.count) + '\n';
            out += name + "_sum" + braced(labels) + ' ' + number(s.value) + '\n';
            out += name + "_count" + braced(labels) + ' ' + QByteArray::number(s.count) + '\n';
        }
    }
    return out;
}

} // namespace relais::net
