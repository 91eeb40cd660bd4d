// Committed report slices must not carry one machine's folders (`/work/main/solutions`, a home
// folder, the tfjs package paths of the isolation read list): paths inside the project become
// project-relative, paths under the home folder start with `~`.
import os from 'node:os';
import { projectRoot } from '../grading/paths.ts';

export function portablePaths<T>(value: T, root = projectRoot, home = os.homedir()): T {
  const rewrite = (s: string): string => {
    if (s === root) return '.';
    let out = s.split(`${root}/`).join('');
    if (home && home !== '/') out = out.split(`${home}/`).join('~/');
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return rewrite(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
