/**
 * Names for what the user probably meant: a misspelt key, case ID, target or option gets the
 * closest valid name in its error line.
 */

/**
 * Edits between two strings, ignoring case: insertions, deletions, substitutions, and
 * swaps of two neighbours ("taget" and "target" are 1 apart, "tagret" and "target" too).
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // rows i-2, i-1 and i of the table, for the swap of neighbours
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length]!;
}

/**
 * The candidate nearest to `name`, when it is near enough to be a slip of the keyboard (a third
 * of the name's length, at least one edit); the first of equally near ones.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "X"?)` when a candidate is near `name`; empty otherwise. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const guess = closest(name, candidates);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

/** One line per key of `entry` that is not one of `known`, each with the nearest known key. */
export function unknownKeys(entry: object, known: readonly string[], where: string, noun = 'key'): string[] {
  return Object.keys(entry).filter((key) => !known.includes(key)).map((key) => `${where}: unknown ${noun} "${key}"${didYouMean(key, known)}`);
}
