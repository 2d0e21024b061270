// SPDX-License-Identifier: EUPL-1.2
// Message validation: a corpus of bad frames, each with the error code it must get (and the
// ref when the frame's id could be read), and the valid messages with what they parse to.
#include "protocol.h"
#include "ratelimiter.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace relais::hub;

namespace {

QString readSource(const QString &relative)
{
    QFile file(QStringLiteral(RELAIS_SOURCE_DIR "/") + relative);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QSet<QString> captures(const QString &text, const QString &pattern)
{
    QSet<QString> found;
    const QRegularExpression expression(pattern, QRegularExpression::MultilineOption);
    for (auto it = expression.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(1));
    return found;
}

QString listed(QSet<QString> names)
{
    QStringList list(names.cbegin(), names.cend());
    list.sort();
    return list.join(QStringLiteral(", "));
}

const QByteArray kCall = "6f1c1b9e-3f43-4a5e-9d61-2d7f0c5e8a11";

QByteArray withCall(const char *pattern)
{
    return QByteArray(pattern).replace("CALL", kCall);
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void badMessages_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("ref");
        const QString bad = QStringLiteral("bad_message");
        auto row = [](const char *name, const QByteArray &frame, const QString &code,
                      const QString &ref = QString()) {
            QTest::newRow(name) << frame << code << ref;
        };
        row("empty", "", bad);
        row("not json", "hello", bad);
        row("truncated", "{\"type\":\"hello\"", bad);
        row("array", "[{\"type\":\"hello\"}]", bad);
        row("string", "\"hello\"", bad);
        row("number", "42", bad);
        row("null", "null", bad);
        row("invalid utf-8", "{\"type\":\"request\",\"agency\":\"caf\xff\"}", bad);
        row("overlong utf-8", "{\"type\":\"request\",\"agency\":\"\xc0\xaf\"}", bad);
        row("lone continuation byte", "{\"type\":\"leave\x80\"}", bad);
        row("too large", "{\"type\":\"ice\",\"candidate\":\"" + QByteArray(70000, 'a') + "\"}",
            bad);
        row("no type", "{\"agency\":\"caf\"}", bad);
        row("type not a string", "{\"type\":7}", bad);
        row("type null", "{\"type\":null}", bad);
        row("type object", "{\"type\":{}}", bad);
        row("id a number", "{\"type\":\"take\",\"id\":5}", bad);
        row("id too long", "{\"type\":\"take\",\"id\":\"" + QByteArray(65, 'i') + "\"}", bad);
        row("id empty", "{\"type\":\"take\",\"id\":\"\"}", bad);
        row("unknown type", "{\"type\":\"teleport\",\"id\":\"1\"}", "unknown_type", "1");
        row("type case", "{\"type\":\"Hello\"}", "unknown_type");
        row("huge unknown type", "{\"type\":\"" + QByteArray(60000, 't') + "\"}", "unknown_type");
        row("hello no protocol", "{\"type\":\"hello\",\"role\":\"kiosk\",\"id\":\"h\"}", bad, "h");
        row("hello protocol string", "{\"type\":\"hello\",\"protocol\":\"1\"}", bad);
        row("hello protocol 2", "{\"type\":\"hello\",\"protocol\":2,\"role\":\"kiosk\"}",
            "unsupported_protocol");
        row("hello protocol 1.5", "{\"type\":\"hello\",\"protocol\":1.5}", "unsupported_protocol");
        row("hello no role", "{\"type\":\"hello\",\"protocol\":1}", bad);
        row("hello unknown role", "{\"type\":\"hello\",\"protocol\":1,\"role\":\"observer\"}", bad);
        row("kiosk hello token number",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"kiosk\",\"site\":\"a\",\"kiosk\":\"b\","
            "\"token\":12}",
            bad);
        row("kiosk hello huge token",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"kiosk\",\"site\":\"a\",\"kiosk\":\"b\","
            "\"token\":\"" +
                QByteArray(300, 't') + "\"}",
            bad);
        row("kiosk hello bad site id",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"kiosk\",\"site\":\"Bretenoux!\","
            "\"kiosk\":\"b\",\"token\":\"t\"}",
            bad);
        row("kiosk hello site with slash",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"kiosk\",\"site\":\"../etc\","
            "\"kiosk\":\"b\",\"token\":\"t\"}",
            bad);
        row("kiosk hello bad resume",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"kiosk\",\"site\":\"a\",\"kiosk\":\"b\","
            "\"token\":\"t\",\"resume_call\":\"not-a-uuid\"}",
            bad);
        row("agent hello no password",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"agent\",\"agency\":\"caf\","
            "\"login\":\"m.durand\"}",
            bad);
        row("agent hello password and session",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"agent\",\"agency\":\"caf\","
            "\"login\":\"m.durand\",\"password\":\"p\",\"session\":\"s\"}",
            bad);
        row("agent hello empty session",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"agent\",\"agency\":\"caf\","
            "\"login\":\"m.durand\",\"session\":\"\"}",
            bad);
        row("agent hello session number",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"agent\",\"agency\":\"caf\","
            "\"login\":\"m.durand\",\"session\":43}",
            bad);
        row("agent hello uppercase login",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"agent\",\"agency\":\"caf\","
            "\"login\":\"M.Durand\",\"password\":\"p\"}",
            bad);
        row("agent hello login with space",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"agent\",\"agency\":\"caf\","
            "\"login\":\"m durand\",\"password\":\"p\"}",
            bad);
        row("mediator hello no site",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"mediator\",\"agency\":\"caf\","
            "\"login\":\"c.roux\",\"password\":\"p\"}",
            bad);
        row("mediator hello no password",
            "{\"type\":\"hello\",\"protocol\":1,\"role\":\"mediator\",\"site\":\"46-bretenoux\","
            "\"login\":\"c.roux\"}",
            bad);
        row("help step array", "{\"type\":\"help\",\"topic\":\"guide\",\"step\":[3]}", bad);
        row("help topic too long", "{\"type\":\"help\",\"topic\":\"" + QByteArray(33, 'a') + "\"}",
            bad);
        row("help agency uppercase", "{\"type\":\"help\",\"topic\":\"guide\",\"agency\":\"CAF\"}",
            bad);
        row("help title number", "{\"type\":\"help\",\"topic\":\"guide\",\"title\":3}", bad);
        row("help_taken no alert", "{\"type\":\"help_taken\"}", bad);
        row("help_cancel alert number", "{\"type\":\"help_cancel\",\"alert\":7}", bad);
        row("request no agency", "{\"type\":\"request\",\"id\":\"r\"}", bad, "r");
        row("request agency null", "{\"type\":\"request\",\"agency\":null}", bad);
        row("request agency array", "{\"type\":\"request\",\"agency\":[\"caf\"]}", bad);
        row("request agency empty", "{\"type\":\"request\",\"agency\":\"\"}", bad);
        row("request agency too long",
            "{\"type\":\"request\",\"agency\":\"" + QByteArray(65, 'a') + "\"}", bad);
        row("request agency uppercase", "{\"type\":\"request\",\"agency\":\"CAF\"}", bad);
        row("request help number", "{\"type\":\"request\",\"agency\":\"caf\",\"help\":1}", bad);
        row("leave no request", "{\"type\":\"leave\"}", bad);
        row("leave bad uuid", "{\"type\":\"leave\",\"request\":\"123\"}", bad);
        row("leave braced uuid", "{\"type\":\"leave\",\"request\":\"{" + kCall + "}\"}", bad);
        row("leave uppercase uuid", "{\"type\":\"leave\",\"request\":\"" + kCall.toUpper() + "\"}",
            bad);
        row("callback no agency", "{\"type\":\"callback\"}", bad);
        row("presence unknown state", "{\"type\":\"presence\",\"state\":\"busy\"}", bad);
        row("presence bool", "{\"type\":\"presence\",\"state\":true}", bad);
        row("take bad request", "{\"type\":\"take\",\"request\":42}", bad);
        row("callback_done no id", "{\"type\":\"callback_done\"}", bad);
        row("sdp no call", "{\"type\":\"sdp\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}", bad);
        row("sdp string", withCall("{\"type\":\"sdp\",\"call\":\"CALL\",\"sdp\":\"v=0\"}"), bad);
        row("sdp pranswer",
            withCall("{\"type\":\"sdp\",\"call\":\"CALL\",\"sdp\":{\"type\":\"pranswer\","
                     "\"sdp\":\"v=0\"}}"),
            bad);
        row("sdp empty body",
            withCall(
                "{\"type\":\"sdp\",\"call\":\"CALL\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"\"}}"),
            bad);
        row("ice no candidate",
            withCall("{\"type\":\"ice\",\"call\":\"CALL\",\"sdp_mline_index\":0}"), bad);
        row("ice candidate null",
            withCall(
                "{\"type\":\"ice\",\"call\":\"CALL\",\"candidate\":null,\"sdp_mline_index\":0}"),
            bad);
        row("ice no mline",
            withCall("{\"type\":\"ice\",\"call\":\"CALL\",\"candidate\":\"candidate:1\"}"), bad);
        row("ice negative mline",
            withCall(
                "{\"type\":\"ice\",\"call\":\"CALL\",\"candidate\":\"\",\"sdp_mline_index\":-1}"),
            bad);
        row("ice fractional mline",
            withCall(
                "{\"type\":\"ice\",\"call\":\"CALL\",\"candidate\":\"\",\"sdp_mline_index\":0.5}"),
            bad);
        row("ice huge candidate",
            withCall("{\"type\":\"ice\",\"call\":\"CALL\",\"sdp_mline_index\":0,\"candidate\":\"") +
                QByteArray(5000, 'c') + "\"}",
            bad);
        row("restart no call", "{\"type\":\"restart\"}", bad);
        row("hangup unknown reason",
            withCall("{\"type\":\"hangup\",\"call\":\"CALL\",\"reason\":\"bored\"}"), bad);
        row("hangup call number", "{\"type\":\"hangup\",\"call\":7}", bad);
    }

    void badMessages()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, code);
        QFETCH(QString, ref);
        try {
            parseInbound(frame);
            QFAIL("accepted");
        } catch (const ProtocolError &error) {
            QCOMPARE(errorCodeName(error.code), code);
            QCOMPARE(error.ref, ref);
            QVERIFY(!error.message.isEmpty());
            QVERIFY(error.message.size() < 300); // never echoes a huge input back
            const QJsonObject reply = errorReply(error);
            QCOMPARE(reply.value("type").toString(), QStringLiteral("error"));
            QCOMPARE(reply.value("code").toString(), code);
            QCOMPARE(reply.contains("fatal"), code == QLatin1String("unsupported_protocol"));
        }
    }

    void fieldNamedInTheMessage()
    {
        try {
            parseInbound("{\"type\":\"request\",\"id\":\"42\"}");
            QFAIL("accepted");
        } catch (const ProtocolError &error) {
            QCOMPARE(error.message, QStringLiteral("field \"agency\" is missing"));
            QCOMPARE(errorReply(error), QJsonObject({{"type", "error"},
                                                     {"code", "bad_message"},
                                                     {"message", "field \"agency\" is missing"},
                                                     {"ref", "42"}}));
        }
    }

    void validMessages()
    {
        auto parse = [](const QByteArray &frame) { return parseInbound(frame); };
        {
            const Inbound in = parse("{\"type\":\"hello\",\"protocol\":1,\"role\":\"kiosk\","
                                     "\"site\":\"46-bretenoux\",\"kiosk\":\"borne-1\","
                                     "\"token\":\"t\",\"id\":\"1\",\"future\":{\"x\":1}}");
            const auto &hello = std::get<msg::Hello>(in.payload);
            QCOMPARE(in.ref, QStringLiteral("1"));
            QCOMPARE(hello.role, Role::Kiosk);
            QCOMPARE(hello.site, QStringLiteral("46-bretenoux"));
            QCOMPARE(hello.kiosk, QStringLiteral("borne-1"));
            QVERIFY(hello.resumeCall.isEmpty());
        }
        {
            const Inbound in = parse("{\"type\":\"hello\",\"protocol\":1,\"role\":\"agent\","
                                     "\"agency\":\"caf\",\"login\":\"m.durand\","
                                     "\"password\":\"é secret\",\"resume_call\":\"" +
                                     kCall + "\"}");
            const auto &hello = std::get<msg::Hello>(in.payload);
            QCOMPARE(hello.role, Role::Agent);
            QCOMPARE(hello.login, QStringLiteral("m.durand"));
            QCOMPARE(hello.password, QStringLiteral("é secret"));
            QCOMPARE(hello.resumeCall, QString::fromLatin1(kCall));
        }
        {
            const Inbound in = parse("{\"type\":\"hello\",\"protocol\":1,\"role\":\"mediator\","
                                     "\"site\":\"46-bretenoux\",\"login\":\"c.roux\","
                                     "\"password\":\"secret\"}");
            const auto &hello = std::get<msg::Hello>(in.payload);
            QCOMPARE(hello.role, Role::Mediator);
            QCOMPARE(hello.site, QStringLiteral("46-bretenoux"));
            QCOMPARE(hello.login, QStringLiteral("c.roux"));
        }
        {
            const auto help = std::get<msg::Help>(
                parse("{\"type\":\"help\",\"topic\":\"guide\",\"agency\":\"caf\","
                      "\"procedure\":\"caf-prime\",\"title\":\"Prime d'activité\",\"step\":4}")
                    .payload);
            QCOMPARE(help.topic, QStringLiteral("guide"));
            QCOMPARE(help.agency, QStringLiteral("caf"));
            QCOMPARE(help.procedure, QStringLiteral("caf-prime"));
            QCOMPARE(help.title, QStringLiteral("Prime d'activité"));
            QCOMPARE(help.step, 4);
            const auto bare =
                std::get<msg::Help>(parse("{\"type\":\"help\",\"topic\":\"visit\"}").payload);
            QVERIFY(bare.agency.isEmpty() && bare.procedure.isEmpty() && bare.title.isEmpty());
            QCOMPARE(bare.step, 0);
        }
        QCOMPARE(
            std::get<msg::Request>(parse("{\"type\":\"request\",\"agency\":\"caf\"}").payload).help,
            QStringLiteral("visio"));
        QCOMPARE(std::get<msg::SetPresence>(
                     parse("{\"type\":\"presence\",\"state\":\"paused\"}").payload)
                     .state,
                 Presence::Paused);
        QVERIFY(std::get<msg::Take>(parse("{\"type\":\"take\"}").payload).request.isEmpty());
        QCOMPARE(std::get<msg::Take>(parse("{\"type\":\"take\",\"request\":null}").payload).request,
                 QString());
        QVERIFY(!std::get<msg::Sdp>(
                     parse(withCall("{\"type\":\"sdp\",\"call\":\"CALL\",\"sdp\":{\"type\":"
                                    "\"answer\",\"sdp\":\"v=0\"}}"))
                         .payload)
                     .offer);
        // An empty candidate ends the candidates.
        QCOMPARE(std::get<msg::Ice>(parse(withCall("{\"type\":\"ice\",\"call\":\"CALL\","
                                                   "\"candidate\":\"\",\"sdp_mline_index\":0}"))
                                        .payload)
                     .call,
                 QString::fromLatin1(kCall));
        QCOMPARE(std::get<msg::Hangup>(
                     parse(withCall("{\"type\":\"hangup\",\"call\":\"CALL\"}")).payload)
                     .reason,
                 QStringLiteral("done"));
        // Exactly 64 KiB is still accepted.
        QByteArray big = withCall("{\"type\":\"sdp\",\"call\":\"CALL\",\"sdp\":{\"type\":"
                                  "\"offer\",\"sdp\":\"\"}}");
        big.insert(big.size() - 3, QByteArray(kMaxFrameBytes - big.size(), 'v'));
        QCOMPARE(big.size(), kMaxFrameBytes);
        QVERIFY(std::holds_alternative<msg::Sdp>(parse(big).payload));
    }

    void identifiers()
    {
        QVERIFY(isUuid(QString::fromLatin1(kCall)));
        QVERIFY(isUuid(newUuid()));
        QVERIFY(!isUuid(QString::fromLatin1(kCall).toUpper()));
        QVERIFY(!isUuid(QStringLiteral("6f1c1b9e3f434a5e9d612d7f0c5e8a11")));
        QVERIFY(isLogin(QStringLiteral("m.durand")));
        QVERIFY(isLogin(QStringLiteral("agent_07")));
        QVERIFY(!isLogin(QStringLiteral(".durand")));
        QVERIFY(!isLogin(QStringLiteral("durand@caf")));
        QVERIFY(!isLogin(QString(65, QLatin1Char('a'))));
    }

    void rateLimiter()
    {
        RateLimiter limiter;
        for (int i = 0; i < 50; ++i)
            QVERIFY(limiter.allow(1000 + i));
        QVERIFY(!limiter.allow(1100)); // 51 within a second
        QVERIFY(!limiter.allow(1999));
        QVERIFY(limiter.allow(2000)); // the first has left the window
        RateLimiter steady;
        for (int i = 0; i < 500; ++i)
            QVERIFY(steady.allow(i * 20)); // exactly 50 per second, for ten seconds
    }

    // PROTOCOL.md is what an independent client is written from: its error table is the hub's
    // error codes (the fatal ones marked), and the messages it shows are the ones the hub
    // parses and the ones it sends, no more and no fewer.
    void theDocumentIsTheHubsProtocol()
    {
        const QString document = readSource(QStringLiteral("hub/PROTOCOL.md"));
        QVERIFY(!document.isEmpty());

        const qsizetype errors = document.indexOf(QStringLiteral("\n## Errors"));
        QVERIFY(errors >= 0);
        const QString table =
            document.mid(errors, document.indexOf(QStringLiteral("\n## "), errors + 1) - errors);
        QSet<QString> documentedCodes, documentedFatal;
        static const QRegularExpression row(QStringLiteral("^\\| `([a-z_]+)` \\|(.*)\\|$"),
                                            QRegularExpression::MultilineOption);
        for (auto it = row.globalMatch(table); it.hasNext();) {
            const auto match = it.next();
            documentedCodes.insert(match.captured(1));
            if (match.captured(2).contains(QStringLiteral("(fatal)")))
                documentedFatal.insert(match.captured(1));
        }
        QSet<QString> codes, fatal;
        for (int code = int(ErrorCode::BadMessage); code <= int(ErrorCode::AccountClosed); ++code) {
            codes.insert(errorCodeName(ErrorCode(code)));
            if (isFatal(ErrorCode(code)))
                fatal.insert(errorCodeName(ErrorCode(code)));
        }
        QCOMPARE(listed(documentedCodes), listed(codes));
        QCOMPARE(listed(documentedFatal), listed(fatal));

        // Every "type" the document shows, but an SDP's own (offer, answer).
        QSet<QString> shown = captures(document, QStringLiteral("\"type\":\\s*\"([a-z_]+)\""));
        shown.remove(QStringLiteral("offer"));
        shown.remove(QStringLiteral("answer"));
        const QSet<QString> parsed =
            captures(readSource(QStringLiteral("hub/protocol.cpp")),
                     QStringLiteral("type == QLatin1String\\(\"([a-z_]+)\"\\)"));
        QSet<QString> sent;
        for (const QString &file : QDir(QStringLiteral(RELAIS_SOURCE_DIR "/hub"))
                                       .entryList({QStringLiteral("*.cpp")}, QDir::Files))
            sent += captures(readSource(QStringLiteral("hub/") + file),
                             QStringLiteral("QStringLiteral\\(\"type\"\\),\\s*"
                                            "QStringLiteral\\(\"([a-z_]+)\"\\)"));
        QVERIFY(parsed.size() >= 10);
        QVERIFY(sent.size() >= 10);
        QVERIFY2((parsed - shown).isEmpty(),
                 qPrintable(QStringLiteral("parsed, not documented: ") + listed(parsed - shown)));
        QVERIFY2((sent - shown).isEmpty(),
                 qPrintable(QStringLiteral("sent, not documented: ") + listed(sent - shown)));
        QVERIFY2((shown - parsed - sent).isEmpty(),
                 qPrintable(QStringLiteral("documented, neither parsed nor sent: ") +
                            listed(shown - parsed - sent)));

        // The parser itself agrees: what the hub parses is never an unknown type, what it only
        // sends is one when a client sends it.
        for (const QString &type : std::as_const(shown)) {
            QString code;
            try {
                parseInbound(QStringLiteral("{\"type\": \"%1\"}").arg(type).toUtf8());
            } catch (const ProtocolError &error) {
                code = errorCodeName(error.code);
            }
            if (parsed.contains(type))
                QVERIFY2(code != QLatin1String("unknown_type"), qPrintable(type));
            else
                QVERIFY2(code == QLatin1String("unknown_type"), qPrintable(type));
        }
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_hub_protocol.moc"
