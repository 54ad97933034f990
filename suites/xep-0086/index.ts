import type { Suite } from '../../src/authoring.js';
import mappings from './2-error-mappings.js';

/**
 * XEP-0086 Error Condition Mappings, server side. No probe: legacy codes are not a feature a
 * server announces, and every server sends stanza errors.
 */
export const xep0086: Suite = {
  spec: 'xep-0086',
  role: 'server',
  cases: [...mappings],
};
