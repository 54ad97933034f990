import type { Suite } from '../../src/engine/case.js';

export const xep0077: Suite = {
  spec: 'xep-0077',
  cases: [],
};
