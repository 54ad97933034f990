import type { Suite } from '../../src/engine/case.js';

export const xep0124: Suite = {
  spec: 'xep-0124',
  cases: [],
};
