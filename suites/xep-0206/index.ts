import type { Suite } from '../../src/engine/case.js';

export const xep0206: Suite = {
  spec: 'xep-0206',
  cases: [],
};
