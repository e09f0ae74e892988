/**
 * The reaper: a small shell process, outside every namespace and in a process group of its
 * own, that waits for the sandbox's owner to end and then removes what the owner could not
 * (after kill -9 nothing runs in the owner any more). On a clean exit the owner kills it first.
 * It does what sweep.ts does, for one stem; a new sandbox's sweep covers a reaper killed too.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityOf } from './owner';
import type { ProcessIdentity } from './owner';

// $1 owner pid, $2 owner start time, $3 stem, $4 sandbox folder. Field 20 after the ") " of
// /proc/PID/stat is the start time (field 22 overall), as owner.ts reads it. dash's kill takes
// no `--`: `kill -KILL -PGID` is how it signals a group.
const SCRIPT = `#!/bin/sh
owner=$1 start=$2 stem=$3 dir=$4
started() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }
while [ "$(started "$owner")" = "$start" ]; do sleep 0.5; done
if [ -f "$dir/groups" ]; then
  while read -r pg st; do
    [ "$pg" = "$$" ] && continue
    now=$(started "$pg")
    if [ -z "$now" ] || [ "$now" = "$st" ]; then kill -KILL "-$pg" 2>/dev/null; fi
  done < "$dir/groups"
fi
for ns in $(ip netns list | cut -d' ' -f1); do
  case "$ns" in "$stem"-*) ;; *) continue ;; esac
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    pids=$(ip netns pids "$ns" 2>/dev/null)
    [ -z "$pids" ] && break
    kill -KILL $pids 2>/dev/null
    sleep 0.05
  done
  ip netns del "$ns" 2>/dev/null
done
rm -rf -- "$dir"
`;

/** Starts the reaper for a sandbox; returns its identity so the owner can record and stop it. */
export function startReaper(owner: ProcessIdentity, stem: string, dir: string): ProcessIdentity {
  if (owner.start === null) throw new Error('cannot watch an owner whose start time is unknown');
  // A file rather than sh -c, so ps shows what it is; sh keeps reading it after rm -rf.
  const script = join(dir, 'reaper.sh');
  writeFileSync(script, SCRIPT);
  const args = [script, String(owner.pid), String(owner.start), stem, dir];
  const child = spawn('/bin/sh', args, { detached: true, stdio: 'ignore' });
  child.unref();
  if (child.pid === undefined) throw new Error('could not start the sandbox reaper (/bin/sh)');
  return identityOf(child.pid);
}
