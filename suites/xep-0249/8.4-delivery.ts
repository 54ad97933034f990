import { bare, defineCases, message, STANZA_TRANSPORTS, token, x } from '../../src/authoring.js';
import { canonical } from '../lib/canonical.js';
import { findMucService } from '../lib/muc-service.js';
import { citationOf } from '../catalogue.js';
import xep0249 from '../requirements/xep-0249.js';

/** XEP-0249's namespace (v1.2 §2). */
const CONFERENCE_NS = 'jabber:x:conference';

/** XEP-0249 §2 by way of RFC 6120 §8.4: the server delivers a direct invitation as it was sent. */
export default defineCases({ spec: 'xep-0249', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0249-8.4-1',
    cite: citationOf(xep0249, 'XEP0249-8.4-1'),
    requirement: "A direct invitation (<x xmlns='jabber:x:conference'/> with jid, password, reason, continue and thread) sent to the invitee's bare JID reaches the invitee as it was sent.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const inviter = await t.login(a!);
      const invitee = await t.login(b!, { presence: true });
      const { service } = await findMucService(inviter, t.domain);
      if (!service) return t.skip(`no MUC service at ${t.domain} to name a room of`);
      // the room need not exist: the server only carries the invitation
      const invitation = x('x', {
        xmlns: CONFERENCE_NS,
        jid: `certify-${token()}@${service.jid}`,
        password: t.secret(`pw-${token()}`),
        reason: `Join us & talk about "<this>" ${token(2)}`,
        continue: 'true',
        thread: `thread-${token()}`,
      });
      inviter.send(x('message', { to: bare(invitee.jid!), id: `invite-${token(3)}` }, invitation));
      const got = await invitee.expect(message({ fromBare: bare(inviter.jid!), where: (el) => el.getChild('x', CONFERENCE_NS) !== undefined }, `the direct invitation from ${bare(inviter.jid!)}`));
      const seen = got.getChild('x', CONFERENCE_NS)!;
      t.check(canonical(seen) === canonical(invitation), `the invitation as sent: ${invitation.toString()}`, got);
    },
  },
]);
