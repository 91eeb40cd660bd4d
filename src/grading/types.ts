// Types shared by specs, the reporter and the results writer.

export type Tier = 'smoke' | 'standard' | 'full';
export const tiers: readonly Tier[] = ['smoke', 'standard', 'full'];

export type Visibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

/** A threshold requirement's evidence: what was measured against what. */
export interface ThresholdEvidence {
  metric: string;
  value: number;
  threshold: number;
  direction: 'at least' | 'at most';
}

export interface LeaderboardEntry {
  name: string;
  value: number;
  order: 'asc' | 'desc';
}

/** What a requirement attaches to its vitest test (task.meta.gradebench); all JSON. */
export interface RequirementMeta {
  assignment: string;
  requirement: string;
  points: number;
  visibility: Visibility;
  tier: Tier;
  thresholds: ThresholdEvidence[];
  leaderboard: LeaderboardEntry[];
  /** Measurements for the report: tables, curves, counts. */
  record: Record<string, unknown>;
  /** Figures written by this requirement, relative to the run's figures dir. */
  figures: string[];
  engine?: { backend: string; reason: string; tfjsVersion: string; nodeVersion: string };
  /** The layers around the solution's process, when it ran in one (src/isolation/sandbox.ts). */
  isolation?: Record<string, unknown>;
}

/** What a requirement is worth, known when the spec is collected (before anything runs). */
export interface RequirementPlan {
  assignment: string;
  requirement: string;
  points: number;
  visibility: Visibility;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    gradebench?: RequirementMeta;
    gradebenchPlan?: RequirementPlan;
  }
}

/** Typed array with its shape: the form every tensor takes across the grader-solution boundary. */
export interface Array2<T extends Float32Array | Float64Array | Int32Array | Uint8Array = Float32Array> {
  data: T;
  shape: number[];
}
