#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Runs relais-hub with the demo configuration (hub/data/demo-hub.json, the kiosk demo site
# "46-bretenoux") in BUILD_DIR/hub-demo/: makes a self-signed certificate and a demo agent
# (caf / demo, password "relais-demo", answered by the looped relais-peer of deploy/demo.sh) and
# a second one for a person at the agents' console (caf / conseillere, password "relais-demo")
# the first time, a supervisor (caf / responsable, supervision.html) and the site's mediator, then
# serves on wss://127.0.0.1:8443/v1 and https://127.0.0.1:8445/.
# The demo kiosk's token is "demo-token-46-bretenoux-borne-1".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
hub="$build/hub/relais-hub"
dir="$build/hub-demo"
mkdir -p "$dir"
cp "$here/data/demo-hub.json" "$dir/hub.json"
# The advisers' wrap-ups go to the demo observatory when it has been set up (deploy/demo.sh
# starts it first): its address, its CA and the token it made for this hub.
observatory="$(cd "$build" && pwd)/observatory-demo"
if [ -f "$observatory/hub-token" ]; then
    python3 - "$dir/hub.json" "$observatory" "${RELAIS_OBSERVATORY_PORT:-8444}" <<'PY'
import json, sys
path, observatory, port = sys.argv[1:]
with open(path) as f:
    config = json.load(f)
config["observatory"] = {"url": f"https://127.0.0.1:{port}", "ca": f"{observatory}/ca/ca-cert.pem",
                         "token_file": f"{observatory}/hub-token"}
with open(path, "w") as f:
    json.dump(config, f, indent=2, ensure_ascii=False)
PY
fi
[ -f "$dir/hub-cert.pem" ] || "$hub" make-demo-cert --out "$dir"
if [ ! -f "$dir/hub.sqlite" ]; then
    printf 'relais-demo\n' | "$hub" add-agent --config "$dir/hub.json" --agency caf \
        --login demo --display-name "Conseiller CAF (démo)"
    printf 'relais-demo\n' | "$hub" add-agent --config "$dir/hub.json" --agency caf \
        --login conseillere --display-name "Conseillère CAF"
fi
# The CAF's supervisor (supervision.html); added to stores made before it existed too.
printf 'relais-demo\n' | "$hub" add-agent --config "$dir/hub.json" --agency caf \
    --login responsable --display-name "Responsable CAF (démo)" --supervisor >/dev/null
# The mediator's desk (desk.html); added to stores made before it existed too.
printf 'relais-demo\n' | "$hub" add-mediator --config "$dir/hub.json" --site 46-bretenoux \
    --login mediateur --display-name "Le médiateur (démo)" >/dev/null
exec "$hub" serve --config "$dir/hub.json"
