// SPDX-License-Identifier: EUPL-1.2
#pragma once

// SANE's "test" backend as the only scanner driver: a configuration folder of the test's own
// (SANE_CONFIG_DIR) whose dll.conf lists "test" alone, with two virtual devices drawing a
// colour pattern. Must be made before the first sane_init of the process.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>

class SaneTestDevices
{
public:
    SaneTestDevices()
    {
        write(QStringLiteral("dll.conf"), "test\n");
        write(QStringLiteral("test.conf"), "number_of_devices 2\ntest-picture \"Color pattern\"\n");
        qputenv("SANE_CONFIG_DIR", QFile::encodeName(m_dir.path()));
    }

    // The test backend's glass is 200 mm square; the picture's side at `dpi`.
    static int side(int dpi) { return int(200.0 / 25.4 * dpi); }

private:
    void write(const QString &name, const char *text)
    {
        QFile file(QDir(m_dir.path()).filePath(name));
        file.open(QIODevice::WriteOnly);
        file.write(text);
    }

    QTemporaryDir m_dir;
};
