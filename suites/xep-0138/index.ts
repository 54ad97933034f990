import type { Suite } from '../../src/engine/case.js';

export const xep0138: Suite = {
  spec: 'xep-0138',
  cases: [],
};
