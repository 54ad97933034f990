import type { Suite } from '../../../src/authoring.js';
import rosterAndPresence from './2-4-roster-and-presence.js';
import subscriptionsAndMessages from './3-5-subscriptions-and-messages.js';

/** RFC 6121 (RFC 3921) for clients: roster, presence, subscriptions and messages as the client handles them. */
export const xmppImClient: Suite = {
  spec: 'xmpp-im',
  role: 'client',
  cases: [...rosterAndPresence, ...subscriptionsAndMessages],
};
