import type { Suite } from '../../src/engine/case.js';

export const xep0078: Suite = {
  spec: 'xep-0078',
  cases: [],
};
