import type { Suite } from '../../src/engine/case.js';

export const xep0092: Suite = {
  spec: 'xep-0092',
  cases: [],
};
