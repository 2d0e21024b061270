// SPDX-License-Identifier: EUPL-1.2
// Qt Quick Test runner for the print and scan screens (tests/qml/print/tst_*.qml): the demo
// kiosk with its print desk on a CUPS scheduler started here and SANE's test scanners; the
// QML test reads what landed on the printer through the Rig singleton.
#include "cupsprinting.h"
#include "pdfpages.h"
#include "printdesk.h"
#include "privatecups.h"
#include "sanescanning.h"
#include "sanetestdevices.h"
#include "staticqmlmodules.h"
#include "testkiosk.h"
#include "testpdf.h"

#include <QDir>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQuickTest>

class Setup : public QObject
{
    Q_OBJECT
    // Where the test saves a picture of each screen for review.
    Q_PROPERTY(QString screenshotDir READ screenshotDir CONSTANT)

public:
    QString screenshotDir() const { return QStringLiteral(SCREENSHOT_DIR); }

    // A PDF of `pages` pages, outside the session's folder (as a procedure's download is).
    Q_INVOKABLE QString samplePdf(int pages)
    {
        const QString path = m_files.filePath(QStringLiteral("attestation-%1.pdf").arg(pages));
        writeTestPdf(path, pages);
        return path;
    }
    // The pages of the PDF the printer made of the last job since resetOutput().
    Q_INVOKABLE int outputPages() const
    {
        return relais::renderPdfPage(m_cups.outputPath(), 0, QSize(10, 10)).pageCount;
    }
    // How many of a document's `pages` printed `copies` times land in that PDF: CUPS-PDF makes
    // one copy, the copies being CUPS's (tests/support/privatecups.h).
    Q_INVOKABLE int landedPages(int pages, int copies) const
    {
        return m_cups.landedPages(pages, copies);
    }
    // The pages CUPS sent the printer (pages x copies) since resetOutput().
    Q_INVOKABLE int pagesLogged() const { return m_cups.pagesLogged(); }
    Q_INVOKABLE void resetOutput() { m_cups.resetOutput(); }
    Q_INVOKABLE bool pausePrinter() { return m_cups.pause(QStringLiteral("relais-pdf")); }
    Q_INVOKABLE bool resumePrinter() { return m_cups.resume(QStringLiteral("relais-pdf")); }
    Q_INVOKABLE int filesInSessions() const
    {
        return int(
            QDir(m_sessions.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size());
    }

public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QDir().mkpath(screenshotDir());
        QString error;
        if (!m_cups.start(&error))
            qFatal("cupsd did not start: %s", qPrintable(error));
        m_kiosk = std::make_unique<TestKiosk>(relais::SessionController::Timing{});
        relais::PrintDesk::Devices devices{std::make_unique<relais::CupsPrinting>(m_cups.server()),
                                           std::make_unique<relais::SaneScanning>(),
                                           {},
                                           m_sessions.path()};
        m_desk = std::make_unique<relais::PrintDesk>(std::move(devices), m_kiosk->kiosk->session());
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        qmlRegisterSingletonInstance("Relais.Test", 1, 0, "Rig", this);
    }

    void cleanupTestCase()
    {
        m_desk.reset();
        m_kiosk.reset();
        m_cups.stop();
    }

private:
    SaneTestDevices m_sane;
    PrivateCups m_cups;
    QTemporaryDir m_files;
    QTemporaryDir m_sessions;
    std::unique_ptr<TestKiosk> m_kiosk;
    std::unique_ptr<relais::PrintDesk> m_desk;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_printflow, Setup)
#include "tst_printflow.moc"
