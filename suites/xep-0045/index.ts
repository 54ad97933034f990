import type { Suite } from '../../src/engine/case.js';

export const xep0045: Suite = {
  spec: 'xep-0045',
  cases: [],
};
