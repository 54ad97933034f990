import type { Suite } from '../../src/authoring.js';
import roster from './2-roster.js';
import subscriptions from './3-subscriptions.js';
import presence from './4-presence.js';
import messages from './5-messages.js';
import delivery from './8-delivery.js';
import stateTables from './A-subscription-states.js';
import session3921 from './3921-session.js';

/** RFC 6121 / RFC 3921 XMPP IM and presence: the server-side cases, in section order. */
export const xmppIm: Suite = {
  spec: 'xmpp-im',
  role: 'server',
  cases: [...roster, ...subscriptions, ...presence, ...messages, ...delivery, ...stateTables, ...session3921],
};
