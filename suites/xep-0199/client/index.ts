import type { Suite } from '../../../src/authoring.js';
import useCases from './4-use-cases.js';

/** XEP-0199 XMPP Ping for clients (informational). */
export const xep0199Client: Suite = {
  spec: 'xep-0199',
  role: 'client',
  cases: useCases,
};
