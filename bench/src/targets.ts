/**
 * The targets, checked against one run's figures. Every check is a
 * ratio taken within the run (or an absolute memory figure), never a time.
 */

/** One target and whether this run met it. */
export interface TargetCheck {
  /** What is compared, e.g. `1 GiB download engine/curl`. */
  figure: string;
  value: number;
  op: '>=' | '<';
  target: number;
  pass: boolean;
}

/** Builds a check; NaN (a figure that was not measured) never passes. */
export function check(figure: string, value: number, op: '>=' | '<', target: number): TargetCheck {
  const pass = Number.isFinite(value) && (op === '>=' ? value >= target : value < target);
  return { figure, value, op, target, pass };
}

/** The targets from the issue. */
export const TARGETS = {
  /** 1 GiB, both directions. */
  bigVsCurl: 0.9,
  bigVsBasicFtp: 1.5,
  /** 10 MiB, both directions. */
  smallVsCurl: 0.8,
  smallVsBasicFtp: 3,
  /** Engine RSS growth during a 1 GiB transfer, MiB. */
  rssMiB: 32,
  /** Listing parse, basic-ftp time / ours. */
  parseVsBasicFtp: 2,
} as const;

/** "PASS" / "MISS" with the target, e.g. `MISS (≥ 0.9)`. */
export function verdict(c: TargetCheck): string {
  return `${c.pass ? 'PASS' : 'MISS'} (${c.op === '>=' ? '≥' : '<'} ${c.target})`;
}
