// SPDX-License-Identifier: EUPL-1.2
#include "journallog.h"

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>

namespace relais {

namespace {

// JOURNAL_STREAM is inherited by children whose standard error went elsewhere: it counts only
// when it names the very stream standard error is.
bool stderrIsJournal()
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const qsizetype colon = stream.indexOf(':');
    if (colon <= 0)
        return false;
    struct stat status
    {
    };
    if (::fstat(2, &status) != 0)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = stream.left(colon).toULongLong(&deviceOk);
    const qulonglong inode = stream.mid(colon + 1).toULongLong(&inodeOk);
    return deviceOk && inodeOk && device == status.st_dev && inode == status.st_ino;
}

void journalHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString prefix = QStringLiteral("<%1>").arg(syslogLevel(type));
    // The journal reads each line as an entry of its own: every line of a message gets the
    // level. One write for them all, so that lines of two threads never mix.
    QString lines = prefix + qFormatLogMessage(type, context, message);
    lines.replace(u'\n', u'\n' + prefix);
    std::fprintf(stderr, "%s\n", lines.toLocal8Bit().constData());
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

int syslogLevel(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 7;
    case QtInfoMsg:
        return 6;
    case QtWarningMsg:
        return 4;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 2;
    }
    return 6;
}

void installJournalLevels()
{
    if (stderrIsJournal())
        qInstallMessageHandler(journalHandler);
}

} // namespace relais
