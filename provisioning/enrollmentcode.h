// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

#include <optional>

namespace relais::provisioning {

// What the administrator's QR code holds so that the mediator need not type anything: the
// observatory's address and the kiosk's single-use token, as one URI
// "relais-enroll:?address=<percent-encoded URL>&token=<token>" (format 1).
struct EnrollmentCode
{
    QString address;
    QString token;
};

QString enrollmentCodeText(const EnrollmentCode &code);
// Null for anything else read by the camera (another QR code, a damaged one).
std::optional<EnrollmentCode> parseEnrollmentCode(const QString &text);

} // namespace relais::provisioning
