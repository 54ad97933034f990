import type { Suite } from '../../src/engine/case.js';

export const xep0163: Suite = {
  spec: 'xep-0163',
  cases: [],
};
