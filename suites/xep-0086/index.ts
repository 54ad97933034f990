import type { Suite } from '../../src/engine/case.js';

export const xep0086: Suite = {
  spec: 'xep-0086',
  cases: [],
};
