import type { Suite } from '../../src/engine/case.js';

export const xep0199: Suite = {
  spec: 'xep-0199',
  cases: [],
};
