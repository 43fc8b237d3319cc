#!/usr/bin/env bash
# Writes monitoring-job/src/test/resources/savepoints/monitoring-43e83d7/savepoint again, with the
# code of commit 43e83d7 in a temporary worktree (see README.md next to this script).
set -euo pipefail
release=43e83d7
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
repo=$(git -C "$module" rev-parse --show-toplevel)
old=$(mktemp -d)/modelwatch-$release
git -C "$repo" worktree add --detach "$old" "$release"
trap 'git -C "$repo" worktree remove --force "$old"; rmdir "$(dirname "$old")"' EXIT
cp "$here/io/modelwatch/monitoring/MonitoringSavepointGenerator.java" \
    "$old/monitoring-job/src/test/java/io/modelwatch/monitoring/"
cd "$old"
./mvnw -B -ntp -q -o -pl monitoring-job -am test -Dtest=MonitoringSavepointGenerator \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfixture.dir="$module/src/test/resources/savepoints/monitoring-$release"
