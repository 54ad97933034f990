import type { Suite } from '../../src/engine/case.js';

export const xep0054: Suite = {
  spec: 'xep-0054',
  cases: [],
};
