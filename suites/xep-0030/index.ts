import type { Suite } from '../../src/engine/case.js';

export const xep0030: Suite = {
  spec: 'xep-0030',
  cases: [],
};
