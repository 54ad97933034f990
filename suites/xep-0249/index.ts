import type { Suite } from '../../src/authoring.js';
import delivery from './8.4-delivery.js';

/**
 * XEP-0249 Direct MUC Invitations (v1.2), the server's part: delivering the invitation, a
 * message whose extension the server need not understand, as RFC 6120 §8.4 says. It has no probe:
 * every server routes messages.
 */
export const xep0249: Suite = {
  spec: 'xep-0249',
  role: 'server',
  cases: [...delivery],
};
