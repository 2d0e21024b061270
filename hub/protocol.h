// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <variant>

// Signalling protocol v1 (hub/PROTOCOL.md): the messages a client may send, validated into typed
// structs, and the error replies. Parsing never trusts the peer: every failure becomes a
// ProtocolError carrying the code and a message that names the field at fault.
namespace relais::hub {

inline constexpr int kProtocolVersion = 1;
inline constexpr qsizetype kMaxFrameBytes = 64 * 1024;
// WebSocket close codes (RFC 6455) of the connections the hub ends itself. After a fatal error
// it is "policy violation" with the error's code as the reason.
inline constexpr quint16 kCloseAfterFatalError = 1008;
inline constexpr quint16 kCloseTakenOver = 1000;
inline constexpr quint16 kCloseLoggedOut = 1000;

enum class ErrorCode {
    BadMessage,
    UnknownType,
    UnsupportedProtocol,
    Unauthorized,
    OutOfOrder,
    NotFound,
    UnknownAgency,
    RateLimited,
    Unavailable,
    Busy,
    Throttled,
    AccountClosed,
};

QString errorCodeName(ErrorCode code);
bool isFatal(ErrorCode code);

struct ProtocolError
{
    ErrorCode code;
    QString message;
    QString ref;         // the offending message's "id", when it could be read
    int retryAfterS = 0; // busy and throttled: when to try again (0: not said)
};

// A supervisor is an agency's agent account allowed to watch the whole counter (its agents'
// states, the queue, the day's figures); it takes no call and is not counted among agents.
enum class Role { Kiosk, Agent, Mediator, Supervisor };
enum class Presence { Available, Paused, Offline };

QString presenceName(Presence presence);

namespace msg {

struct Hello
{
    Role role = Role::Kiosk;
    QString site, kiosk, token;      // kiosk; a mediator has a site too
    QString agency, login, password; // agent; a mediator has login and password too
    QString session;                 // instead of the password: a welcome's session token
    QString resumeCall;              // optional, kiosk and agent
};
struct Request
{
    QString agency;
    QString help;
    // Why she calls, chosen on the kiosk before queuing: a procedure of the agency's catalog
    // (or kOtherReason) and its title for the adviser to read; both empty when she skipped.
    QString procedure;
    QString title;
};
// An adviser's word to a resident waiting in the agency's queue: one of readyWords(), or a
// short text of the adviser's own (exactly one of the two).
struct Word
{
    QString request;
    QString word;
    QString text;
};
struct Leave
{
    QString request;
};
struct Callback
{
    QString agency;
};
struct SetPresence
{
    Presence state = Presence::Available;
};
struct Take
{
    QString request; // empty: the oldest
};
struct CallbackDone
{
    QString callback;
};
struct Sdp
{
    QString call;
    bool offer = true;
};
struct Ice
{
    QString call;
};
struct Restart
{
    QString call;
};
struct Hangup
{
    QString call;
    QString reason;
};
// A kiosk calls its site's mediator; what it is about, never who asks.
struct Help
{
    QString topic;     // "guide", "visit", …
    QString agency;    // optional
    QString procedure; // optional
    QString title;     // optional: the procedure's title, for the desk to read at a glance
    int step = 0;      // optional, 1-based; 0 when absent
};
struct HelpTaken
{
    QString alert;
};
struct HelpCancel
{
    QString alert;
};
// An adviser passes the resident on during a call: to another agency's queue, or to a colleague
// of the same agency (exactly one of the two). She waits at the head of that queue.
struct Transfer
{
    QString call;
    QString agency;
    QString login;
};
// Where an adviser may pass the call on now (the reply lists agencies and colleagues).
struct TransferOptions
{
    QString call;
};
// How a call the adviser was in ended, said once it is over (wrapup::outcomes()).
struct WrapUp
{
    QString call;
    QString outcome;
};
// An agent or mediator leaves: its session token is revoked.
struct Logout
{
};

} // namespace msg

using Payload = std::variant<msg::Hello, msg::Request, msg::Leave, msg::Callback, msg::SetPresence,
                             msg::Take, msg::CallbackDone, msg::Sdp, msg::Ice, msg::Restart,
                             msg::Hangup, msg::Help, msg::HelpTaken, msg::HelpCancel, msg::Logout,
                             msg::Word, msg::Transfer, msg::TransferOptions, msg::WrapUp>;

struct Inbound
{
    QString ref;
    Payload payload;
};

// The request's procedure when the resident chose "Autre question".
inline constexpr QLatin1StringView kOtherReason("other");
inline constexpr qsizetype kMaxWordText = 200;

// The ready words an adviser can send to a waiting kiosk, in French (the kiosk shows its own
// translation of a word it knows, this text otherwise). Agents receive them in their welcome.
struct ReadyWord
{
    QString word;
    QString text;
};
const QList<ReadyWord> &readyWords();
QString readyWordText(const QString &word); // empty when it is not one

// Validates one frame as received from the network. Throws ProtocolError.
Inbound parseInbound(const QByteArray &frame);

bool isUuid(const QString &text);
bool isLogin(const QString &text);
QString newUuid();

QByteArray encode(const QJsonObject &message);
QJsonObject errorReply(const ProtocolError &error);

} // namespace relais::hub
