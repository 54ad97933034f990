import path from 'node:path';
import type { LevelVerdict, RunReport } from './model.js';
import { writeFileAtomic } from './write.js';

/**
 * A shields.io endpoint badge: the JSON that https://img.shields.io/endpoint?url=… renders.
 * Its schema (https://shields.io/badges/endpoint-badge): schemaVersion, required, always 1;
 * label, required, the left text; message, required and not empty, the right text; color,
 * optional, a named colour such as brightgreen, red or lightgrey.
 */
export interface ShieldsBadge {
  schemaVersion: 1;
  label: string;
  message: LevelVerdict;
  color: string;
}

const COLOR: Record<LevelVerdict, string> = { pass: 'brightgreen', fail: 'red', incomplete: 'lightgrey' };

/**
 * One target's badge: the level and its verdict. A run that did not end (interrupted, out of
 * time) decides nothing, whatever it found before it stopped: its badge says incomplete, as its
 * exit code does. A partial run (--only) is no verdict on the level, and its label says so.
 */
export function badgeOf(report: RunReport): ShieldsBadge {
  const message = report.complete ? report.level.verdict : 'incomplete';
  const label = report.level.selection ? `${report.level.id} (partial)` : report.level.id;
  return { schemaVersion: 1, label, message, color: COLOR[message] };
}

/**
 * Where a target's badge goes: DIR/NAME.json. A target named by its address (127.0.0.1:5222,
 * [::1]:5222) gets a file name without the characters a URL or a file system may trip on.
 */
export function badgeFile(dir: string, targetName: string): string {
  return path.join(dir, `${targetName.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

export function writeBadges(dir: string, reports: readonly RunReport[]): void {
  for (const report of reports) writeFileAtomic(badgeFile(dir, report.name), `${JSON.stringify(badgeOf(report))}\n`);
}
