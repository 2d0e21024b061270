// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "activityfilter.h"
#include "database.h"
#include "journal.h"
#include "kiosk.h"
#include "kioskschema.h"
#include "siteconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <functional>
#include <memory>

// A kiosk with the demo configuration and a scratch store, as the screens' tests need it.
struct TestKiosk
{
    // `adjust` changes the demo configuration before the kiosk is made (site, video counter…).
    explicit TestKiosk(relais::SessionController::Timing timing,
                       const std::function<void(relais::SiteConfig &)> &adjust = {})
    {
        auto catalog = relais::AgencyCatalog::shipped();
        auto loaded = relais::loadSiteConfig(relais::demoSiteConfigPath(), catalog);
        if (adjust)
            adjust(std::get<relais::SiteConfig>(loaded));
        database = relais::Database::open(QDir(dir.path()).filePath(QStringLiteral("kiosk.sqlite")),
                                          relais::kioskMigrations());
        // The site's own id, as the kiosk's main journals it: records then go to that site.
        journal = std::make_unique<relais::Journal>(*database,
                                                    std::get<relais::SiteConfig>(loaded).siteId);
        kiosk = std::make_unique<relais::Kiosk>(std::get<relais::SiteConfig>(std::move(loaded)),
                                                std::move(catalog), journal.get(), timing);
        filter = std::make_unique<relais::ActivityFilter>(kiosk->session());
        QCoreApplication::instance()->installEventFilter(filter.get());
    }

    QTemporaryDir dir;
    std::unique_ptr<relais::Database> database;
    std::unique_ptr<relais::Journal> journal;
    std::unique_ptr<relais::Kiosk> kiosk;
    std::unique_ptr<relais::ActivityFilter> filter;
};
