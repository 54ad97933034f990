import { describe, expect, it } from 'vitest';
import { authDigest } from '../../suites/xep-0078/iq-auth.js';

describe('XEP-0078 digest', () => {
  it('matches the example in the spec (§3.1)', () => {
    expect(authDigest('3EE948B0', 'Calli0pe')).toBe('48fc78be9ec8f86d8ce1c39c320c97c21d62334d');
  });
});
