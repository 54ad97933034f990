import type { Suite } from '../../src/engine/case.js';

export const xmppIm: Suite = {
  spec: 'xmpp-im',
  cases: [],
};
