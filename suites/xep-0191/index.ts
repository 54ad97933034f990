import type { Suite } from '../../src/engine/case.js';

export const xep0191: Suite = {
  spec: 'xep-0191',
  cases: [],
};
