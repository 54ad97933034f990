import type { Suite } from '../../src/engine/case.js';

export const xep0016: Suite = {
  spec: 'xep-0016',
  cases: [],
};
