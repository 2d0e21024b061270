// SPDX-License-Identifier: EUPL-1.2
#include "protocol.h"

#include "callwrapup.h"
#include "jsonfields.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QUuid>

#include <cmath>
#include <functional>

namespace relais::hub {

namespace {

[[noreturn]] void fail(ErrorCode code, const QString &message, const QString &ref = QString())
{
    throw ProtocolError{code, message, ref};
}

// The kiosk's readers throw json::FieldError; on the wire that is a bad_message naming the field.
template<typename F> auto field(const QString &ref, F &&read)
{
    try {
        return read();
    } catch (const json::FieldError &error) {
        fail(ErrorCode::BadMessage,
             QStringLiteral("field \"%1\" %2").arg(error.field, error.problem), ref);
    }
}

QString identifier(const QJsonObject &object, const QString &key, const QString &ref)
{
    const QString value = field(ref, [&] { return json::string(object, key, QString(), 64); });
    if (!json::isIdentifier(value))
        fail(ErrorCode::BadMessage,
             QStringLiteral("field \"%1\" must be lowercase letters, digits and '-' (1 to 64)")
                 .arg(key),
             ref);
    return value;
}

QString uuid(const QJsonObject &object, const QString &key, const QString &ref)
{
    const QString value = field(ref, [&] { return json::string(object, key, QString(), 64); });
    if (!isUuid(value))
        fail(ErrorCode::BadMessage, QStringLiteral("field \"%1\" is not a UUID").arg(key), ref);
    return value;
}

std::optional<QString> optionalUuid(const QJsonObject &object, const QString &key,
                                    const QString &ref)
{
    if (!object.contains(key) || object.value(key).isNull())
        return std::nullopt;
    return uuid(object, key, ref);
}

// Messages that carry exactly one of two fields: true when it is `first`.
bool firstOfTwo(const QJsonObject &o, const QString &message, const QString &first,
                const QString &second, const QString &ref)
{
    const bool isFirst = o.contains(first);
    if (isFirst == o.contains(second))
        fail(ErrorCode::BadMessage,
             QStringLiteral("%1 needs either \"%2\" or \"%3\"").arg(message, first, second), ref);
    return isFirst;
}

msg::Hello parseHello(const QJsonObject &o, const QString &ref)
{
    // The version comes first: a future hello may have another shape entirely.
    const QJsonValue protocol = o.value(QStringLiteral("protocol"));
    if (protocol.isUndefined())
        fail(ErrorCode::BadMessage, QStringLiteral("field \"protocol\" is missing"), ref);
    if (!protocol.isDouble())
        fail(ErrorCode::BadMessage, QStringLiteral("field \"protocol\" must be an integer"), ref);
    if (protocol.toDouble() != kProtocolVersion)
        fail(ErrorCode::UnsupportedProtocol,
             QStringLiteral("this hub speaks protocol %1 only").arg(kProtocolVersion), ref);

    msg::Hello hello;
    const QString role =
        field(ref, [&] { return json::string(o, QStringLiteral("role"), {}, 16); });
    if (role == QLatin1String("kiosk")) {
        hello.role = Role::Kiosk;
        hello.site = identifier(o, QStringLiteral("site"), ref);
        hello.kiosk = identifier(o, QStringLiteral("kiosk"), ref);
        // Absent when the kiosk comes with its client certificate (mutual TLS).
        hello.token = field(ref, [&] {
            return json::optionalString(o, QStringLiteral("token"), {}, 256).value_or(QString());
        });
    } else if (role == QLatin1String("agent") || role == QLatin1String("mediator") ||
               role == QLatin1String("supervisor")) {
        const bool agent = role != QLatin1String("mediator");
        hello.role = role == QLatin1String("agent")        ? Role::Agent
                     : role == QLatin1String("supervisor") ? Role::Supervisor
                                                           : Role::Mediator;
        if (agent)
            hello.agency = identifier(o, QStringLiteral("agency"), ref);
        else
            hello.site = identifier(o, QStringLiteral("site"), ref);
        hello.login = field(ref, [&] { return json::string(o, QStringLiteral("login"), {}, 64); });
        if (!isLogin(hello.login))
            fail(ErrorCode::BadMessage,
                 QStringLiteral("field \"login\" must be lowercase letters, digits, '.', '_' and "
                                "'-' (1 to 64)"),
                 ref);
        // The password, or the session token of an earlier welcome (a reload, a reconnection).
        const bool withSession = !firstOfTwo(o, QStringLiteral("hello"), QStringLiteral("password"),
                                             QStringLiteral("session"), ref);
        if (withSession)
            hello.session =
                field(ref, [&] { return json::string(o, QStringLiteral("session"), {}, 128); });
        else
            hello.password =
                field(ref, [&] { return json::string(o, QStringLiteral("password"), {}, 1024); });
    } else {
        fail(ErrorCode::BadMessage,
             QStringLiteral("field \"role\" must be \"kiosk\", \"agent\", \"mediator\" or "
                            "\"supervisor\""),
             ref);
    }
    hello.resumeCall = optionalUuid(o, QStringLiteral("resume_call"), ref).value_or(QString());
    return hello;
}

std::optional<QString> optionalIdentifier(const QJsonObject &object, const QString &key,
                                          const QString &ref)
{
    if (!object.contains(key) || object.value(key).isNull())
        return std::nullopt;
    return identifier(object, key, ref);
}

msg::Help parseHelp(const QJsonObject &o, const QString &ref)
{
    msg::Help help;
    help.topic = identifier(o, QStringLiteral("topic"), ref);
    if (help.topic.size() > 32)
        fail(ErrorCode::BadMessage, QStringLiteral("field \"topic\" is longer than 32 characters"),
             ref);
    help.agency = optionalIdentifier(o, QStringLiteral("agency"), ref).value_or(QString());
    help.procedure = optionalIdentifier(o, QStringLiteral("procedure"), ref).value_or(QString());
    help.title = field(ref, [&] {
        return json::optionalString(o, QStringLiteral("title"), {}, 120).value_or(QString());
    });
    const QJsonValue step = o.value(QStringLiteral("step"));
    if (!step.isUndefined() && !step.isNull()) {
        const double value = step.toDouble(-1);
        if (!step.isDouble() || value != std::floor(value) || value < 1 || value > 99)
            fail(ErrorCode::BadMessage,
                 QStringLiteral("field \"step\" must be an integer from 1 to 99"), ref);
        help.step = static_cast<int>(value);
    }
    return help;
}

msg::Word parseWord(const QJsonObject &o, const QString &ref)
{
    msg::Word word;
    word.request = uuid(o, QStringLiteral("request"), ref);
    if (firstOfTwo(o, QStringLiteral("word"), QStringLiteral("word"), QStringLiteral("text"),
                   ref)) {
        word.word = field(ref, [&] { return json::string(o, QStringLiteral("word"), {}, 32); });
        if (readyWordText(word.word).isEmpty())
            fail(ErrorCode::BadMessage,
                 QStringLiteral("field \"word\" is not one of the ready words"), ref);
    } else {
        word.text = field(ref, [&] {
            return json::string(o, QStringLiteral("text"), {}, kMaxWordText).simplified();
        });
    }
    return word;
}

msg::Transfer parseTransfer(const QJsonObject &o, const QString &ref)
{
    msg::Transfer transfer;
    transfer.call = uuid(o, QStringLiteral("call"), ref);
    if (firstOfTwo(o, QStringLiteral("transfer"), QStringLiteral("agency"), QStringLiteral("login"),
                   ref)) {
        transfer.agency = identifier(o, QStringLiteral("agency"), ref);
    } else {
        transfer.login =
            field(ref, [&] { return json::string(o, QStringLiteral("login"), {}, 64); });
        if (!isLogin(transfer.login))
            fail(ErrorCode::BadMessage, QStringLiteral("field \"login\" is not a login"), ref);
    }
    return transfer;
}

Payload parsePayload(const QString &type, const QJsonObject &o, const QString &ref)
{
    if (type == QLatin1String("hello"))
        return parseHello(o, ref);
    if (type == QLatin1String("request")) {
        msg::Request request;
        request.agency = identifier(o, QStringLiteral("agency"), ref);
        request.help = QStringLiteral("visio");
        if (o.contains(QStringLiteral("help"))) {
            request.help = identifier(o, QStringLiteral("help"), ref);
            if (request.help.size() > 32)
                fail(ErrorCode::BadMessage,
                     QStringLiteral("field \"help\" is longer than 32 characters"), ref);
        }
        request.procedure =
            optionalIdentifier(o, QStringLiteral("procedure"), ref).value_or(QString());
        request.title = field(ref, [&] {
            return json::optionalString(o, QStringLiteral("title"), {}, 120).value_or(QString());
        });
        return request;
    }
    if (type == QLatin1String("word"))
        return parseWord(o, ref);
    if (type == QLatin1String("transfer"))
        return parseTransfer(o, ref);
    if (type == QLatin1String("wrap_up")) {
        msg::WrapUp wrapUp{uuid(o, QStringLiteral("call"), ref), field(ref, [&] {
                               return json::string(o, QStringLiteral("outcome"), {}, 32);
                           })};
        if (!wrapup::isOutcome(wrapUp.outcome))
            fail(ErrorCode::BadMessage,
                 QStringLiteral("field \"outcome\" is not one of the wrap-up outcomes"), ref);
        return wrapUp;
    }
    if (type == QLatin1String("transfer_options"))
        return msg::TransferOptions{uuid(o, QStringLiteral("call"), ref)};
    if (type == QLatin1String("help"))
        return parseHelp(o, ref);
    if (type == QLatin1String("help_taken"))
        return msg::HelpTaken{uuid(o, QStringLiteral("alert"), ref)};
    if (type == QLatin1String("help_cancel"))
        return msg::HelpCancel{uuid(o, QStringLiteral("alert"), ref)};
    if (type == QLatin1String("logout"))
        return msg::Logout{};
    if (type == QLatin1String("leave"))
        return msg::Leave{uuid(o, QStringLiteral("request"), ref)};
    if (type == QLatin1String("callback"))
        return msg::Callback{identifier(o, QStringLiteral("agency"), ref)};
    if (type == QLatin1String("presence")) {
        const QString state =
            field(ref, [&] { return json::string(o, QStringLiteral("state"), {}, 16); });
        if (state == QLatin1String("available"))
            return msg::SetPresence{Presence::Available};
        if (state == QLatin1String("paused"))
            return msg::SetPresence{Presence::Paused};
        if (state == QLatin1String("offline"))
            return msg::SetPresence{Presence::Offline};
        fail(ErrorCode::BadMessage,
             QStringLiteral("field \"state\" must be \"available\", \"paused\" or \"offline\""),
             ref);
    }
    if (type == QLatin1String("take"))
        return msg::Take{optionalUuid(o, QStringLiteral("request"), ref).value_or(QString())};
    if (type == QLatin1String("callback_done"))
        return msg::CallbackDone{uuid(o, QStringLiteral("callback"), ref)};
    if (type == QLatin1String("sdp")) {
        msg::Sdp sdp;
        sdp.call = uuid(o, QStringLiteral("call"), ref);
        const QJsonObject description =
            field(ref, [&] { return json::object(o, QStringLiteral("sdp"), {}); });
        const QString kind = field(ref, [&] {
            return json::string(description, QStringLiteral("type"), QStringLiteral("sdp"), 16);
        });
        if (kind != QLatin1String("offer") && kind != QLatin1String("answer"))
            fail(ErrorCode::BadMessage,
                 QStringLiteral("field \"sdp.type\" must be \"offer\" or \"answer\""), ref);
        sdp.offer = kind == QLatin1String("offer");
        field(ref, [&] {
            return json::string(description, QStringLiteral("sdp"), QStringLiteral("sdp"),
                                kMaxFrameBytes);
        });
        return sdp;
    }
    if (type == QLatin1String("ice")) {
        msg::Ice ice;
        ice.call = uuid(o, QStringLiteral("call"), ref);
        // An empty candidate is meaningful (end of candidates), so json::string cannot read it.
        const QJsonValue candidate = o.value(QStringLiteral("candidate"));
        if (candidate.isUndefined())
            fail(ErrorCode::BadMessage, QStringLiteral("field \"candidate\" is missing"), ref);
        if (!candidate.isString())
            fail(ErrorCode::BadMessage, QStringLiteral("field \"candidate\" must be a string"),
                 ref);
        if (candidate.toString().size() > 4096)
            fail(ErrorCode::BadMessage,
                 QStringLiteral("field \"candidate\" is longer than 4096 characters"), ref);
        field(ref, [&] { return json::integer(o, QStringLiteral("sdp_mline_index"), {}, 0, 255); });
        return ice;
    }
    if (type == QLatin1String("restart"))
        return msg::Restart{uuid(o, QStringLiteral("call"), ref)};
    if (type == QLatin1String("hangup")) {
        msg::Hangup hangup;
        hangup.call = uuid(o, QStringLiteral("call"), ref);
        hangup.reason = field(ref, [&] {
                            return json::optionalString(o, QStringLiteral("reason"), {}, 16);
                        }).value_or(QStringLiteral("done"));
        if (hangup.reason != QLatin1String("done") && hangup.reason != QLatin1String("failed"))
            fail(ErrorCode::BadMessage,
                 QStringLiteral("field \"reason\" must be \"done\" or \"failed\""), ref);
        return hangup;
    }
    fail(ErrorCode::UnknownType,
         QStringLiteral("\"%1\" is not a message type of protocol %2")
             .arg(type.left(64))
             .arg(kProtocolVersion),
         ref);
}

} // namespace

const QList<ReadyWord> &readyWords()
{
    static const QList<ReadyWord> words = {
        {QStringLiteral("soon"), QStringLiteral("Je suis à vous dans un instant.")},
        {QStringLiteral("wait_5"), QStringLiteral("Je suis à vous dans 5 minutes.")},
        {QStringLiteral("wait_15"), QStringLiteral("Je suis à vous dans 15 minutes environ.")},
        {QStringLiteral("busy"),
         QStringLiteral("Il y a du monde aujourd'hui : merci de votre patience.")},
        {QStringLiteral("callback"),
         QStringLiteral("L'attente sera longue : vous pouvez demander à être rappelé.")},
    };
    return words;
}

QString readyWordText(const QString &word)
{
    for (const ReadyWord &ready : readyWords())
        if (ready.word == word)
            return ready.text;
    return {};
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadMessage:
        return QStringLiteral("bad_message");
    case ErrorCode::UnknownType:
        return QStringLiteral("unknown_type");
    case ErrorCode::UnsupportedProtocol:
        return QStringLiteral("unsupported_protocol");
    case ErrorCode::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorCode::OutOfOrder:
        return QStringLiteral("out_of_order");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::UnknownAgency:
        return QStringLiteral("unknown_agency");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorCode::Busy:
        return QStringLiteral("busy");
    case ErrorCode::Throttled:
        return QStringLiteral("throttled");
    case ErrorCode::AccountClosed:
        return QStringLiteral("account_closed");
    }
    return QStringLiteral("bad_message");
}

bool isFatal(ErrorCode code)
{
    return code == ErrorCode::Unauthorized || code == ErrorCode::UnsupportedProtocol ||
           code == ErrorCode::RateLimited || code == ErrorCode::Throttled ||
           code == ErrorCode::AccountClosed;
}

QString presenceName(Presence presence)
{
    switch (presence) {
    case Presence::Available:
        return QStringLiteral("available");
    case Presence::Paused:
        return QStringLiteral("paused");
    case Presence::Offline:
        return QStringLiteral("offline");
    }
    return QStringLiteral("offline");
}

Inbound parseInbound(const QByteArray &frame)
{
    if (frame.size() > kMaxFrameBytes)
        fail(ErrorCode::BadMessage,
             QStringLiteral("the message is larger than %1 bytes").arg(kMaxFrameBytes));
    {
        // QJsonDocument would silently replace invalid sequences; the protocol says UTF-8.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder.decode(frame);
        if (decoder.hasError())
            fail(ErrorCode::BadMessage, QStringLiteral("the message is not valid UTF-8"));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        fail(ErrorCode::BadMessage, QStringLiteral("the message is not valid JSON (%1 at byte %2)")
                                        .arg(parseError.errorString())
                                        .arg(parseError.offset));
    if (!document.isObject())
        fail(ErrorCode::BadMessage, QStringLiteral("the message is not a JSON object"));
    const QJsonObject object = document.object();

    QString ref;
    const QJsonValue id = object.value(QStringLiteral("id"));
    if (!id.isUndefined()) {
        if (!id.isString() || id.toString().isEmpty() || id.toString().size() > 64)
            fail(ErrorCode::BadMessage,
                 QStringLiteral("field \"id\" must be a string of 1 to 64 characters"));
        ref = id.toString();
    }
    const QJsonValue type = object.value(QStringLiteral("type"));
    if (type.isUndefined())
        fail(ErrorCode::BadMessage, QStringLiteral("field \"type\" is missing"), ref);
    if (!type.isString())
        fail(ErrorCode::BadMessage, QStringLiteral("field \"type\" must be a string"), ref);
    return Inbound{ref, parsePayload(type.toString(), object, ref)};
}

bool isUuid(const QString &text)
{
    if (text.size() != 36)
        return false;
    const QUuid uuid = QUuid::fromString(text);
    return !uuid.isNull() && uuid.toString(QUuid::WithoutBraces) == text;
}

bool isLogin(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    return pattern.match(text).hasMatch();
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray encode(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QJsonObject errorReply(const ProtocolError &error)
{
    QJsonObject reply{{QStringLiteral("type"), QStringLiteral("error")},
                      {QStringLiteral("code"), errorCodeName(error.code)},
                      {QStringLiteral("message"), error.message}};
    if (!error.ref.isEmpty())
        reply.insert(QStringLiteral("ref"), error.ref);
    if (error.retryAfterS > 0)
        reply.insert(QStringLiteral("retry_after_s"), error.retryAfterS);
    if (isFatal(error.code))
        reply.insert(QStringLiteral("fatal"), true);
    return reply;
}

} // namespace relais::hub
