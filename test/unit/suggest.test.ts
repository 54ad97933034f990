import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance, unknownKeys } from '../../src/cli/suggest.js';

describe('suggestions for mistyped names', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each, ignoring case', () => {
    expect(editDistance('taget', 'target')).toBe(1);
    expect(editDistance('tagret', 'target')).toBe(1);
    expect(editDistance('targets', 'target')).toBe(1);
    expect(editDistance('tcp', 'TCP')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('offers the nearest candidate only when it is near enough to be a slip', () => {
    expect(closest('concurency', ['timeout', 'concurrency', 'core'])).toBe('concurrency');
    expect(closest('verbose', ['level', 'role'])).toBeUndefined();
    // the first of equally near candidates
    expect(closest('XEP0045-6.6-3', ['XEP0045-6.6-1', 'XEP0045-6.6-2'])).toBe('XEP0045-6.6-1');
    expect(didYouMean('bosh_url', ['bosh-url'])).toBe(' (did you mean "bosh-url"?)');
    expect(didYouMean('zzz', ['bosh-url'])).toBe('');
  });

  it('names each unknown key of a mapping', () => {
    expect(unknownKeys({ level: 1, levle: 2, extra: 3 }, ['level'], 'config c.yaml', 'setting')).toEqual([
      'config c.yaml: unknown setting "levle" (did you mean "level"?)',
      'config c.yaml: unknown setting "extra"',
    ]);
  });
});
