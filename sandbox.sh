#!/usr/bin/env bash
# The project's HighLevel sandbox on its own, for trying the bridge by hand: HighLevel's API as the bridge uses it,
# checking every request against HighLevel's OpenAPI specs, with one location, one Round Robin calendar and seeded
# users; webhooks signed with a key it writes to a file. Options (all defaulted; see README, "The demo"):
#   --port 8090 --location demoLocation --time-zone America/New_York --calendar demoCalendar --token demo-token
#   --user demoUser:'Demo User':demo@example.com (repeatable) --webhook-target http://127.0.0.1:8080/webhooks/highlevel
#   --webhook-key-file sandbox-webhook-key.txt
# Needs JDK 17 and Maven; builds the test classes once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp_file="$here/target/sandbox-classpath.txt"
if [ ! -d "$here/target/test-classes/io/hlbridge/sandbox" ] || [ ! -s "$cp_file" ]; then
  (cd "$here" && mvn -B -q -DskipTests package \
    && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
fi
# the specs are found relative to the project
exec java -Dsandbox.openapi="$here/src/test/resources/highlevel-api/calendars.json" \
  -cp "$here/target/test-classes:$here/target/classes:$(cat "$cp_file")" io.hlbridge.sandbox.HighLevelSandbox "$@"
