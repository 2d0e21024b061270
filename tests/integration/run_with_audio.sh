#!/bin/bash
# SPDX-License-Identifier: EUPL-1.2
# Usage: run_with_audio.sh PROGRAM [ARGS...]
#
# Runs PROGRAM with a private PulseAudio server whose only sink is a null sink, "ttsnull"
# (22050 Hz mono, espeak-ng's own format), so that speech can be recorded from
# ttsnull.monitor on a machine without a sound card. Without any audio output,
# speech-dispatcher stays "speaking" forever, which is why a test cannot simply run bare.
#
# Everything lives in a fresh directory used as XDG_RUNTIME_DIR and HOME: the program then
# autospawns its own speech-dispatcher instead of reaching one already running for the user
# (which would speak out loud, or into a session we must not kill). Works as root (CI) and
# as a normal user. Exits with PROGRAM's exit code; fails loudly if PulseAudio cannot start,
# unless RELAIS_AUDIO_SKIP_CODE is set: then it says why and exits with that code (ctest's
# SKIP_RETURN_CODE), for tests that cannot mean anything without a sound server.
set -u

if [ $# -eq 0 ]; then
    echo "usage: $0 PROGRAM [ARGS...]" >&2
    exit 2
fi

fatal() {
    echo "run_with_audio.sh: FATAL: $*" >&2
    exit 1
}

# PulseAudio itself cannot run here: a skip for the tests that asked for one.
no_pulseaudio() {
    if [ -n "${RELAIS_AUDIO_SKIP_CODE:-}" ]; then
        echo "run_with_audio.sh: SKIP: $*" >&2
        exit "$RELAIS_AUDIO_SKIP_CODE"
    fi
    fatal "$@"
}

# Prints the pids of processes carrying this run's tag in their environment: pulseaudio,
# the program and whatever they spawned (speech-dispatcher, its sd_* modules, parec).
# speech-dispatcher daemonizes, so it is not our child and a pid file alone may be stale.
tagged_pids() {
    local environ
    for environ in /proc/[0-9]*/environ; do
        if grep -qzxF "RELAIS_AUDIO_RUN=$1" "$environ" 2>/dev/null; then
            environ=${environ#/proc/}
            echo "${environ%/environ}"
        fi
    done
}

# SIGTERM first so that they can close their sockets; speech-dispatcher sometimes ignores it.
reap() {
    local pids
    mapfile -t pids < <(tagged_pids "$1")
    [ ${#pids[@]} -gt 0 ] || return 0
    kill "${pids[@]}" 2>/dev/null
    for _ in $(seq 30); do
        mapfile -t pids < <(tagged_pids "$1")
        [ ${#pids[@]} -gt 0 ] || return 0
        sleep 0.1
    done
    echo "run_with_audio.sh: killing what ignored SIGTERM: ${pids[*]}" >&2
    kill -9 "${pids[@]}" 2>/dev/null
}
export -f tagged_pids reap

WORK=$(mktemp -d "${TMPDIR:-/tmp}/relais-audio.XXXXXX") || fatal "cannot create a temp dir"
chmod 700 "$WORK"
mkdir -m 700 "$WORK/run" "$WORK/home"

cleanup() {
    trap - EXIT INT TERM
    reap "$WORK"
    [ -f "$WORK/watchdog.pid" ] && kill "$(cat "$WORK/watchdog.pid")" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# If this script is SIGKILLed (ctest does that on timeout, and the daemons are not in its
# process tree), a detached watchdog still reaps them.
# shellcheck disable=SC2016 # expanded by the watchdog's own shell
(setsid bash -c 'echo $$ >"$2/watchdog.pid"
                 while kill -0 "$1" 2>/dev/null; do sleep 1; done
                 reap "$2"; rm -rf "$2"' _ $$ "$WORK" </dev/null >/dev/null 2>&1 &)

export XDG_RUNTIME_DIR=$WORK/run
export HOME=$WORK/home
unset XDG_CONFIG_HOME XDG_CACHE_HOME XDG_DATA_HOME XDG_STATE_HOME
unset PULSE_SERVER PULSE_RUNTIME_PATH PULSE_STATE_PATH PULSE_COOKIE SPEECHD_ADDRESS
# If our server dies, a client must fail rather than autospawn one without the null sink.
printf 'autospawn = no\n' >"$WORK/client.conf"
export PULSE_CLIENTCONFIG=$WORK/client.conf
export PULSE_SINK=ttsnull

# At debug level speech-dispatcher logs every client command, which lets the test check the
# voice and language the kiosk asked for; the rest is the system configuration.
mkdir -p "$HOME/.config/speech-dispatcher"
printf 'Include "/etc/speech-dispatcher/speechd.conf"\nLogLevel 5\n' \
    >"$HOME/.config/speech-dispatcher/speechd.conf"

command -v pulseaudio >/dev/null ||
    no_pulseaudio "pulseaudio is not installed (deploy/install-deps.sh installs it)"

# No D-Bus: the daemon would otherwise announce itself on the user's session bus. No shm:
# some containers have a tiny /dev/shm, and the null sink does not need the speed.
env -u DBUS_SESSION_BUS_ADDRESS RELAIS_AUDIO_RUN="$WORK" \
    pulseaudio -n --daemonize=yes --exit-idle-time=-1 --realtime=no --high-priority=no \
    --disable-shm=yes --log-target="file:$WORK/pulse.log" \
    -L "module-null-sink sink_name=ttsnull rate=22050 channels=1" \
    -L "module-native-protocol-unix" ||
    no_pulseaudio "pulseaudio did not start (log: $(cat "$WORK/pulse.log" 2>/dev/null))"
for _ in $(seq 50); do
    pactl list short sinks 2>/dev/null | grep -qw ttsnull && break
    sleep 0.1
done
pactl list short sinks 2>/dev/null | grep -qw ttsnull ||
    no_pulseaudio "no ttsnull sink on the private PulseAudio server" \
        "(log: $(cat "$WORK/pulse.log" 2>/dev/null))"

RELAIS_AUDIO_RUN="$WORK" "$@"
rc=$?

if [ $rc -ne 0 ]; then
    # The logs go with the temp dir; their errors are all that is usually worth keeping.
    echo "run_with_audio.sh: $1 exited with $rc; errors logged by the daemons:" >&2
    grep -ahE '^E: |ERROR|Error:' "$WORK/pulse.log" \
        "$XDG_RUNTIME_DIR/speech-dispatcher/log/speech-dispatcher.log" 2>/dev/null | tail -n 20 >&2
fi
exit $rc
