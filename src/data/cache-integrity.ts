// What the two on-disk caches (decoded arrays in decoded-cache.ts, the grader's trained networks in
// grading/model-cache.ts) share: each stores a sha256 of the bytes it wrote and checks it on every
// read, and an entry that fails is rebuilt, never trusted. A grading run that read a truncated,
// bit-flipped or hand-edited entry would grade students against the wrong data or the wrong model.
// The hash sits beside the data, so it catches damage and stale formats; someone able to rewrite
// both an entry and its hash is not stopped by it (that would take a key kept outside the cache).
import { createHash } from 'node:crypto';

/** Thrown by a cache reader when an entry is present but must not be used; the message is the reason. */
export class CacheIntegrityError extends Error {
  override name = 'CacheIntegrityError';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The reason a read failed, for the log line: ours as they are, anything else (I/O, parse) as unreadable. */
export function failureReason(err: unknown): string {
  if (err instanceof CacheIntegrityError) return err.message;
  return `unreadable: ${err instanceof Error ? err.message : String(err)}`;
}

/** One stderr line per rebuild, so a poisoned or damaged cache shows up in the run's log. */
export function logRebuild(entry: string, reason: string): void {
  process.stderr.write(`gradebench: cache entry ${entry} failed its integrity check (${reason}); rebuilding\n`);
}
