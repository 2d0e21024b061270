#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# relais-hub's command line: exit codes (0 ok, 1 run-time failure, 2 bad command line or
# configuration, nothing written then), add-agent and add-mediator with the password on stdin,
# make-demo-cert.
set -euo pipefail
hub="$1"
demo="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { # expect CODE PATTERN -- command...
    local code="$1" pattern="$2"; shift 3
    set +e; out="$("$@" 2>&1)"; rc=$?; set -e
    [ "$rc" = "$code" ] || fail "$* exited $rc, expected $code: $out"
    grep -q -- "$pattern" <<<"$out" || fail "$* said: $out (expected: $pattern)"
}

expect 0 "is valid (1 sites)" -- "$hub" --check-config --config "$demo"
expect 2 "usage" -- "$hub"
expect 2 "unknown command \"fly\"" -- "$hub" fly
expect 2 "--config FILE is required" -- "$hub" serve
expect 2 "cannot be read" -- "$hub" --check-config --config "$work/missing.json"

sed 's/"relais-hub-config\/1"/"relais-hub-config\/9"/' "$demo" >"$work/bad.json"
expect 2 "bad.json: field \"format\" must be \"relais-hub-config/1\"" -- \
    "$hub" --check-config --config "$work/bad.json"
expect 2 "invalid configuration" -- "$hub" serve --config "$work/bad.json"

# A config in a scratch folder: store and certificate paths are relative to it.
cp "$demo" "$work/hub.json"
sed -i 's/"port": 8443/"port": 0/; s/"port": 9101/"port": 0/' "$work/hub.json"
expect 1 "hub-cert.pem cannot be read" -- "$hub" serve --config "$work/hub.json"
[ ! -e "$work/hub.sqlite" ] || fail "serve wrote a store without a certificate"

expect 0 "wrote" -- "$hub" make-demo-cert --out "$work"
[ "$(stat -c %a "$work/hub-key.pem")" = 600 ] || fail "the key is readable by others"
openssl x509 -in "$work/hub-cert.pem" -noout -text >"$work/cert.txt"
grep -q "NIST CURVE: P-256" "$work/cert.txt" || fail "not a P-256 key"
grep -q "DNS:localhost, IP Address:127.0.0.1" "$work/cert.txt" || fail "no localhost SAN"
openssl verify -CAfile "$work/hub-cert.pem" "$work/hub-cert.pem" >/dev/null ||
    fail "the certificate does not verify against itself"

add() { "$hub" add-agent --config "$work/hub.json" "$@"; }
expect 2 "add-agent needs --display-name" -- add --agency caf --login m.durand
expect 2 "\"urssaf\" is not served" -- \
    add --agency urssaf --login m.durand --display-name "Conseiller" </dev/null
expect 2 "--login must be" -- add --agency caf --login "M Durand" --display-name "C" </dev/null
expect 2 "password (read from stdin) must be 8" -- \
    sh -c "printf 'short\n' | \"$hub\" add-agent --config \"$work/hub.json\" --agency caf --login m.durand --display-name 'Conseiller CAF'"
[ ! -e "$work/hub.sqlite" ] || fail "a refused add-agent wrote the store"
expect 0 "agent caf/m.durand created" -- \
    sh -c "printf 'un mot de passe\n' | \"$hub\" add-agent --config \"$work/hub.json\" --agency caf --login m.durand --display-name 'Conseiller CAF'"
expect 0 "agent caf/m.durand updated" -- \
    sh -c "printf 'un autre mot de passe\n' | \"$hub\" add-agent --config \"$work/hub.json\" --agency caf --login m.durand --display-name 'Conseillère CAF'"
[ "$(sqlite3 "$work/hub.sqlite" "SELECT display_name FROM agents")" = "Conseillère CAF" ] ||
    fail "display name not updated"
hash="$(sqlite3 "$work/hub.sqlite" "SELECT password_hash FROM agents")"
case "$hash" in pbkdf2-sha256\$200000\$*) ;; *) fail "unexpected hash format: $hash" ;; esac
grep -q "mot de passe" "$work/hub.sqlite" && fail "the password is in the store in clear"
[ "$(sqlite3 "$work/hub.sqlite" "PRAGMA journal_mode")" = wal ] || fail "store not in WAL mode"

mediator() { "$hub" add-mediator --config "$work/hub.json" "$@"; }
expect 2 "add-mediator needs --site" -- mediator --login c.roux --display-name "Mme Roux"
expect 2 "add-mediator takes --site, not --agency" -- \
    mediator --agency caf --site 46-bretenoux --login c.roux --display-name "Mme Roux"
expect 2 "add-agent takes --agency, not --site" -- \
    add --site 46-bretenoux --agency caf --login c.roux --display-name "Mme Roux"
expect 2 "--site \"12-rodez\" is not a site of .* (known: 46-bretenoux)" -- \
    mediator --site 12-rodez --login c.roux --display-name "Mme Roux" </dev/null
expect 0 "mediator 46-bretenoux/c.roux created" -- \
    sh -c "printf 'un mot de passe\n' | \"$hub\" add-mediator --config \"$work/hub.json\" --site 46-bretenoux --login c.roux --display-name 'Mme Roux'"
[ "$(sqlite3 "$work/hub.sqlite" "SELECT site || ' ' || display_name FROM mediators")" = "46-bretenoux Mme Roux" ] ||
    fail "mediator not stored"
[ "$(sqlite3 "$work/hub.sqlite" "SELECT count(*) FROM agents WHERE login = 'c.roux'")" = 0 ] ||
    fail "a mediator became an agent"

# serve starts, prints its URL, and stops on SIGTERM.
"$hub" serve --config "$work/hub.json" >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
for _ in $(seq 50); do grep -q "listening on wss://127.0.0.1:" "$work/serve.out" && break; sleep 0.1; done
grep -q "listening on wss://127.0.0.1:[0-9]*/v1" "$work/serve.out" || fail "serve did not start"
for _ in $(seq 50); do grep -q "operations on http://" "$work/serve.out" && break; sleep 0.1; done
operations="$(sed -n 's|^relais-hub: operations on \(http://127.0.0.1:[0-9]*/\)$|\1|p' "$work/serve.out")"
[ -n "$operations" ] || fail "serve did not print its operations endpoint"
kill "$pid"; wait "$pid" || true
grep -qi "token\|mot de passe" "$work/serve.err" && fail "the log mentions secrets"
# Accounts: listed, disabled, removed; an unknown one is an error that changes nothing.
expect 0 "mediator	46-bretenoux	c.roux	Mme Roux	enabled" -- "$hub" list-accounts --config "$work/hub.json"
expect 0 "agent caf/m.durand disabled" -- \
    "$hub" disable-account --config "$work/hub.json" --agency caf --login m.durand
[ -n "$(sqlite3 "$work/hub.sqlite" "SELECT disabled_at FROM agents WHERE login = 'm.durand'")" ] ||
    fail "disable-account did not disable"
expect 1 "there is no agent caf/nobody" -- \
    "$hub" remove-account --config "$work/hub.json" --agency caf --login nobody
expect 2 "name the account with --agency ID or --site ID" -- \
    "$hub" remove-account --config "$work/hub.json" --login m.durand
expect 0 "mediator 46-bretenoux/c.roux removed" -- \
    "$hub" remove-account --config "$work/hub.json" --site 46-bretenoux --login c.roux
[ "$(sqlite3 "$work/hub.sqlite" "SELECT count(*) FROM mediators")" = 0 ] || fail "not removed"
echo "hub_cli: all checks passed"
