#!/usr/bin/env bash
# Writes retraining-trigger-job/src/test/resources/savepoints/trigger-43e83d7 again, with the
# code of commit 43e83d7 in a temporary worktree (see README.md next to this script).
set -euo pipefail
release=43e83d7
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
repo=$(git -C "$module" rev-parse --show-toplevel)
old=$(mktemp -d)/modelwatch-$release
git -C "$repo" worktree add --detach "$old" "$release"
trap 'git -C "$repo" worktree remove --force "$old"; rmdir "$(dirname "$old")"' EXIT
cp "$here/io/modelwatch/retraining/TriggerSavepointGenerator.java" \
    "$old/retraining-trigger-job/src/test/java/io/modelwatch/retraining/"
cd "$old"
./mvnw -B -ntp -q -o -pl retraining-trigger-job -am test -Dtest=TriggerSavepointGenerator \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfixture.dir="$module/src/test/resources/savepoints/trigger-$release"
