import { bare, defineCases, presence, STANZA_TRANSPORTS, token, x } from '../../src/authoring.js';
import { markerFrom } from '../lib/presence.js';
import { jidRule } from '../lib/privacy.js';
import { seenAvailable } from './seen-available.js';

/** XEP-0016 §2.11: a rule that starts blocking outbound presence tells the contact the user went away, and stops later broadcasts. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.11-1',
    cite: {
      section: '2.11',
      keyword: 'MUST',
      quote: "Note: When a user blocks outbound presence to a contact, the user's server MUST send unavailable presence information to the contact (but only if the contact is allowed to receive presence notifications from the user …).",
      anchor: 'protocol-presenceout',
      changed: 'RFC 3921 §10.11 has no such rule',
    },
    requirement: 'When the user starts blocking outbound presence to a contact entitled to it, the contact gets unavailable presence, and later broadcasts do not reach it.',
    accounts: 2,
    async run(t) {
      const { a, b, privacy } = await seenAvailable(t);
      await privacy.activate(await privacy.create([jidRule('deny', b.jid!, 1, 'presence-out')]));
      await b.expect(presence({ type: 'unavailable', fromBare: bare(a.jid!) }, `unavailable presence from ${bare(a.jid!)}`));
      const status = `away ${token(3)}`;
      a.send(x('presence', {}, x('show', {}, 'away'), x('status', {}, status)));
      // messages are not blocked by the list: A's message to B comes after the broadcast
      await t.nothingArrived(b, presence({ fromBare: bare(a.jid!), where: (el) => el.getChildText('status') === status }),
        `delivery to ${bare(b.jid!)} of A's next presence broadcast (status "${status}")`, () => markerFrom(t, a, b));
    },
  },
]);
