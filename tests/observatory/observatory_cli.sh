#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The command lines of relais-observatory and relais-provision: a corpus of broken
# configurations (exit 2, the field named, nothing written), the provisioning steps and their
# refusals, open data written to files.
# Usage: observatory_cli.sh OBSERVATORY_EXE PROVISION_EXE
set -uo pipefail
obs=$1 prov=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
expect() { # expect NAME EXPECTED_STATUS PATTERN -- command…
    local name=$1 status=$2 pattern=$3
    shift 4
    local output code
    output=$("$@" 2>&1)
    code=$?
    if [ "$code" -eq "$status" ] && grep -q -- "$pattern" <<<"$output"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $name (exit $code, expected $status matching '$pattern'):"
        echo "$output" | head -5
    fi
}

config=$("$obs" make-demo-setup --out "$work/setup" --port 0)
expect "the demo configuration is valid" 0 "is valid" -- "$obs" --check-config --config "$config"

broken() { # broken NAME FIELD PYTHON-EXPRESSION-ON-c
    python3 - "$config" "$work/broken.json" "$3" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(c, open(sys.argv[2], "w"))
PY
    expect "$1" 2 "$2" -- "$obs" --check-config --config "$work/broken.json"
}
broken "wrong format" 'field "format"' 'c["format"] = "relais-observatory-config/9"'
broken "port as a string" 'field "listen.port"' 'c["listen"]["port"] = "8444"'
broken "port out of range" 'field "listen.port"' 'c["listen"]["port"] = 70000'
broken "address not an IP" 'field "listen.address"' 'c["listen"]["address"] = "observatory.example"'
broken "database missing" 'field "database"' 'del c["database"]'
broken "unknown key" 'field "databse"' 'c["databse"] = "x"'
broken "huge string" 'field "ca_dir"' 'c["ca_dir"] = "x" * 100000'
broken "thresholds in the wrong order" 'field "matrix"' 'c["matrix"] = {"revise_below": 70, "watch_below": 60}'
broken "site without territory" 'field "sites\[0\].territory"' 'c["sites"] = [{"id": "46-x", "name": "X", "departement": "46", "opened": "2025-01-06"}]'
broken "site twice" 'field "sites\[1\].id"' 'c["sites"] = [{"id": "46-x", "name": "X", "territory": "T", "departement": "46", "opened": "2025-01-06"}] * 2'
broken "impossible date" 'field "sites\[0\].opened"' 'c["sites"] = [{"id": "46-x", "name": "X", "territory": "T", "departement": "46", "opened": "2025-02-30"}]'
# A site's commune and position (the dashboard's map): optional, checked when present, the
# site named in the message.
valid() { # valid NAME PYTHON-EXPRESSION-ON-c
    python3 - "$config" "$work/valid.json" "$2" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(c, open(sys.argv[2], "w"))
PY
    expect "$1" 0 "is valid" -- "$obs" --check-config --config "$work/valid.json"
}
site='{"id": "46-x", "name": "X", "territory": "T", "departement": "46", "opened": "2025-01-06"}'
placed() { echo "c[\"sites\"] = [dict($site, **{$1})]"; }
valid "a site with its commune and position" "$(placed '"insee": "46038", "lat": 44.9147, "lon": 1.8386')"
valid "a site in Corsica" "c[\"sites\"] = [dict($site, departement=\"2A\", insee=\"2A004\", lat=41.9192, lon=8.7386)]"
valid "a site overseas" "c[\"sites\"] = [dict($site, departement=\"974\", insee=\"97411\", lat=-20.8823, lon=55.4504)]"
valid "a site with neither" "$(placed '')"
valid "a lieu de médiation numérique" "$(placed '"insee": "46038", "address": {"street": "2 place de la Mairie", "postal_code": "46130"}, "siret": "21460038700010", "opening_hours": "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"')"
valid "a La Poste SIRET and a commune named" "$(placed '"address": {"street": "1 rue de la Poste", "postal_code": "46100", "commune": "Figeac"}, "siret": "35600000000042", "opening_hours": "24/7"')"
valid "a tile server" 'c["map"] = {"tile_url": "https://tuiles.example.fr/{z}/{x}/{y}.png", "tile_attribution": "© OpenStreetMap"}'
broken "an INSEE code too short" 'field "sites\[0\].insee".*(site 46-x).*INSEE code' "$(placed '"insee": "4603"')"
broken "an INSEE code with a letter" 'field "sites\[0\].insee".*(site 46-x)' "$(placed '"insee": "46O38"')"
broken "an INSEE code as a number" 'field "sites\[0\].insee"' "$(placed '"insee": 46038')"
broken "a commune of another département" 'field "sites\[0\].insee".*(site 46-x).*19031 is not a commune of the site.s département 46' "$(placed '"insee": "19031"')"
broken "a latitude out of range" 'field "sites\[0\].lat".*(site 46-x).*between -90 and 90' "$(placed '"lat": 95, "lon": 1.8')"
broken "a longitude out of range" 'field "sites\[0\].lon".*(site 46-x)' "$(placed '"lat": 44.9, "lon": -181')"
broken "a latitude as a string" 'field "sites\[0\].lat".*(site 46-x).*expected a number' "$(placed '"lat": "44.9", "lon": 1.8')"
broken "a latitude without longitude" 'field "sites\[0\].lon".*(site 46-x).*needs both' "$(placed '"lat": 44.9')"
broken "a longitude without latitude" 'field "sites\[0\].lat".*(site 46-x).*needs both' "$(placed '"lon": 1.8')"
broken "a tile server over http" 'field "map.tile_url"' 'c["map"] = {"tile_url": "http://tuiles.example.fr/{z}/{x}/{y}.png", "tile_attribution": "x"}'
broken "a tile URL without its placeholders" 'field "map.tile_url"' 'c["map"] = {"tile_url": "https://tuiles.example.fr/tile.png", "tile_attribution": "x"}'
broken "a tile server without attribution" 'field "map.tile_attribution"' 'c["map"] = {"tile_url": "https://tuiles.example.fr/{z}/{x}/{y}.png"}'
broken "an unknown map key" 'field "map.tiles"' 'c["map"] = {"tiles": "x"}'
broken "a SIRET with a wrong digit" 'field "sites\[0\].siret".*(site 46-x).*is not a SIRET' "$(placed '"siret": "21460038700011"')"
broken "a SIRET too short" 'field "sites\[0\].siret".*(site 46-x).*is not a SIRET' "$(placed '"siret": "214600387"')"
broken "a postal code of four digits" 'field "sites\[0\].address.postal_code".*(site 46-x).*five digits' "$(placed '"address": {"street": "1 rue", "postal_code": "4613"}')"
broken "an address without its street" 'field "sites\[0\].address.street"' "$(placed '"address": {"postal_code": "46130"}')"
broken "an empty street" 'field "sites\[0\].address.street".*empty' "$(placed '"address": {"street": " ", "postal_code": "46130"}')"
broken "an unknown address key" 'field "sites\[0\].address.city"' "$(placed '"address": {"street": "1 rue", "postal_code": "46130", "city": "X"}')"
broken "opening hours in words" 'field "sites\[0\].opening_hours".*(site 46-x).*opening_hours syntax' "$(placed '"opening_hours": "du lundi au vendredi, 9 h - 12 h"')"
broken "opening hours with a bad hour" 'field "sites\[0\].opening_hours".*(site 46-x)' "$(placed '"opening_hours": "Mo-Fr 9:00-12:00"')"
broken "opening hours ending in a separator" 'field "sites\[0\].opening_hours"' "$(placed '"opening_hours": "Mo 09:00-12:00; "')"
printf '{"format": ' > "$work/truncated.json"
expect "truncated JSON" 2 "not valid JSON" -- "$obs" --check-config --config "$work/truncated.json"
printf '{"format": "relais-observatory-config/1", "x": "\xff"}' > "$work/latin1.json"
expect "invalid UTF-8" 2 "invalid configuration" -- "$obs" --check-config --config "$work/latin1.json"
[ ! -e "$work/setup/observatory.sqlite" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: checking wrote a store"; }

expect "serve with a broken configuration" 2 "invalid configuration" -- "$obs" serve --config "$work/broken.json"
expect "an unknown command" 2 "unknown command" -- "$obs" frobnicate
expect "a site must be known" 1 "is not known" -- "$prov" create-kiosk --config "$config" --site 46-nowhere --kiosk borne-1

python3 - "$config" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["sites"] = [{"id": "46-gourdon", "name": "Gourdon", "territory": "Bouriane", "departement": "46", "opened": "2025-01-06"}]
json.dump(c, open(sys.argv[1], "w"))
PY
expect "a kiosk gets a token" 0 "token: [A-Za-z0-9_-]\{43\}$" -- "$prov" create-kiosk --config "$config" --site 46-gourdon --kiosk borne-1
expect "the kiosk is listed" 0 "46-gourdon/borne-1.active" -- "$prov" list --config "$config"
expect "revoke" 0 "revoked: 46-gourdon/borne-1" -- "$prov" revoke --config "$config" --device 46-gourdon/borne-1
expect "the kiosk is listed as revoked" 0 "46-gourdon/borne-1.revoked" -- "$prov" list --config "$config"
expect "a revoked kiosk gets no new token" 1 "was revoked" -- "$prov" create-kiosk --config "$config" --site 46-gourdon --kiosk borne-1
expect "revoking an unknown kiosk" 1 "no kiosk" -- "$prov" revoke --config "$config" --device 46-gourdon/borne-9
expect "a second CA over the first is refused" 1 "already holds a CA" -- "$prov" init-ca --ca-dir "$work/setup/ca"
expect "a new CA" 0 "device CA written" -- "$prov" init-ca --ca-dir "$work/ca2"
[ "$(stat -c %a "$work/ca2/ca-key.pem")" = 600 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: the CA key is not 0600"; }
expect "a server certificate" 0 "server certificate" -- "$prov" server-cert --ca-dir "$work/ca2" --out "$work/srv" --host observatory.example --host 127.0.0.1
expect "it chains to the CA" 0 "OK" -- openssl verify -CAfile "$work/ca2/ca-cert.pem" "$work/srv/server-cert.pem"
expect "it names its hosts" 0 "DNS:observatory.example, IP Address:127.0.0.1" -- openssl x509 -in "$work/srv/server-cert.pem" -noout -ext subjectAltName
expect "a kiosk's key and request" 0 "key and request" -- "$prov" make-csr --out "$work/kiosk" --device 46-gourdon/borne-2
expect "the request verifies" 0 "verify OK" -- openssl req -in "$work/kiosk/kiosk.csr" -noout -verify
expect "demo data" 0 "records for 3 sites" -- "$obs" demo-data --config "$config" --sites 3 --weeks 8
# Visits, calls, one file per satisfaction figure of the survey definitions, persons by autonomy
# and by how their session ended, guided procedures.
expect "open data" 0 "7 open-data files" -- "$obs" open-data --config "$config" --out "$work/open"
expect "a Table Schema with its licence" 0 "etalab-2.0" -- cat "$work/open/visio.schema.json"
expect "the welcome in the definitions' codes" 0 "trimestre,question,territoire,tres-satisfait,satisfait,peu-satisfait,pas-satisfait,total" -- head -1 "$work/open/satisfaction-accueil.csv"
expect "persons with their Table Schema" 0 "Personnes (sessions)" -- cat "$work/open/personnes-autonomie.schema.json"
expect "a partner's password must be long enough" 2 "8 characters" -- bash -c "echo short | '$obs' add-partner --config '$config' --login caf-lot --name 'CAF du Lot'"
expect "a partner" 0 "partner caf-lot saved" -- bash -c "echo 'long enough' | '$obs' add-partner --config '$config' --login caf-lot --name 'CAF du Lot' --agency caf"

# The partners' API tokens: the secret shown once, at its making; listed without it; revoked.
issued=$("$obs" add-api-token --config "$config" --partner caf-lot --label "outil CAF" --expires-days 30)
secret=$(sed -n 's/^token: //p' <<<"$issued")
id=$(sed -n 's/.*API token \([0-9a-f]*\) for partner caf-lot.*/\1/p' <<<"$issued")
[[ $secret =~ ^rlo_[A-Za-z0-9_-]{43}$ && -n $id ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: add-api-token printed: $issued"; }
expect "the token is listed" 0 "^$id.caf-lot.outil CAF.*active$" -- "$obs" list-api-tokens --config "$config"
"$obs" list-api-tokens --config "$config" | grep -qF -- "${secret#rlo_}" && { failed=$((failed + 1)); echo "FAILED: list-api-tokens shows the secret"; } || passed=$((passed + 1))
expect "no token for an unknown partner" 1 "no enabled partner nobody" -- "$obs" add-api-token --config "$config" --partner nobody
expect "a token's life is 1 to 3650 days" 2 "expires-days" -- "$obs" add-api-token --config "$config" --partner caf-lot --expires-days 0
expect "a label is one line" 2 "one line" -- "$obs" add-api-token --config "$config" --partner caf-lot --label "$(printf 'a\tb')"
expect "revoke a token" 0 "API token $id revoked" -- "$obs" revoke-api-token --config "$config" --id "$id"
expect "the token is listed as revoked" 0 "^$id.*revoked since" -- "$obs" list-api-tokens --config "$config"
expect "a token is revoked once" 1 "no active API token" -- "$obs" revoke-api-token --config "$config" --id "$id"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
