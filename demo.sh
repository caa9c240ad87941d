#!/usr/bin/env bash
# The whole HighLevel -> iCloud loop with no HighLevel or Apple account: a local Radicale stands in for iCloud,
# the project's HighLevel sandbox for HighLevel. Books an appointment through the sandbox's API and prints the
# event as Radicale stores it, then the address of the connect page inside the sandbox's HighLevel app shell
# (kept running until Enter when run from a terminal). Needs radicale (apt-get install radicale), JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== building"
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/sandbox-classpath.txt >/dev/null

echo "== starting Radicale (stands in for iCloud) on 127.0.0.1:5232"
printf 'demo:demo-app-password\n' > "$work/users"
cat > "$work/radicale.conf" <<CONF
[server]
hosts = 127.0.0.1:5232
[auth]
type = htpasswd
htpasswd_filename = $work/users
htpasswd_encryption = plain
[storage]
filesystem_folder = $work/collections
CONF
/usr/bin/radicale --config "$work/radicale.conf" > "$work/radicale.log" 2>&1 & pids+=($!)
until curl -s -o /dev/null http://127.0.0.1:5232/; do sleep 0.2; done
curl -s -o /dev/null -u demo:demo-app-password -X PROPFIND http://127.0.0.1:5232/
curl -s -o /dev/null -u demo:demo-app-password -X MKCALENDAR -H 'Content-Type: application/xml' \
  --data '<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>Work</d:displayname></d:prop></d:set></c:mkcalendar>' \
  http://127.0.0.1:5232/demo/work/

echo "== starting the HighLevel sandbox on 127.0.0.1:8090"
./sandbox.sh --webhook-key-file "$work/webhook-key" > "$work/sandbox.log" 2>&1 & pids+=($!)
until [ -s "$work/webhook-key" ]; do sleep 0.2; done

echo "== starting the bridge on 127.0.0.1:8080"
jar=$(ls "$PWD"/target/highlevel-icloud-bridge-*-runner.jar)
(cd "$work" && exec java -Dhighlevel.api-url=http://127.0.0.1:8090 -Dicloud.caldav-url=http://127.0.0.1:5232/ \
  -Dhighlevel.webhook.ed25519-public-key="$(cat "$work/webhook-key")" \
  -Dhighlevel.oauth.shared-secret=sandbox-shared-secret -Dhighlevel.custom-page.frame-ancestors=http://localhost:8090 \
  -Dconnections.demo.location-id=demoLocation -Dconnections.demo.user-id=demoUser \
  -Dconnections.demo.highlevel-token=demo-token -Dconnections.demo.apple-id=demo \
  -Dconnections.demo.app-password=demo-app-password -Dconnections.demo.linked-calendar=Work \
  -jar "$jar" > "$work/bridge.log" 2>&1) & pids+=($!)
until curl -s -o /dev/null http://127.0.0.1:8080/webhooks/highlevel; do sleep 0.3; done

echo "== booking an appointment through the sandbox (POST /calendars/events/appointments)"
curl -s -X POST http://127.0.0.1:8090/calendars/events/appointments -H 'Authorization: Bearer demo-token' \
  -H 'Version: 2021-04-15' -H 'Content-Type: application/json' --data '{"calendarId":"demoCalendar",
  "locationId":"demoLocation","contactId":"demoContact","assignedUserId":"demoUser","title":"Demo consultation",
  "startTime":"2026-12-01T10:00:00-05:00","endTime":"2026-12-01T11:00:00-05:00","address":"12 Main St",
  "description":"Booked by demo.sh"}'
echo

echo "== the event as Radicale stores it"
for _ in $(seq 1 100); do
  href=$(curl -s -u demo:demo-app-password -X PROPFIND -H 'Depth: 1' http://127.0.0.1:5232/demo/work/ \
    | grep -o '/demo/work/[^<]*\.ics' | head -n 1 || true)
  if [ -n "$href" ]; then
    curl -s -u demo:demo-app-password "http://127.0.0.1:5232$href"
    echo "== the connect page, as demoUser sees it inside HighLevel (the sandbox plays HighLevel's app shell):"
    echo "   http://localhost:8090/app-shell?page=http%3A%2F%2F127.0.0.1%3A8080%2Fconnect&user=demoUser&role=admin&location=demoLocation"
    if [ -t 0 ]; then read -r -p "Open it in a browser; press Enter to stop everything. "; fi
    exit 0
  fi
  sleep 0.2
done
echo "no event arrived; logs are in $work" >&2
exit 1
