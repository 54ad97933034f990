import { defineCases, messageWithBody, STANZA_TRANSPORTS, token } from '../../src/authoring.js';
import { available, roundTrip } from '../lib/presence.js';
import { bounced, bounceOf, probeMessage } from './delivery.js';

/** RFC 6121 §5 (RFC 3921 §2.1): exchanging messages. */
export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-5.2.2-1',
    cite: {
      '3920': {
        section: '2.1.1',
        keyword: 'MUST',
        quote: 'if an application receives a message with no \'type\' attribute or the application does not understand the value of the \'type\' attribute provided, it MUST consider the message to be of type "normal" (i.e., "normal" is the default).',
      },
      '6120': {
        section: '5.2.2',
        keyword: 'MUST',
        quote: 'If an application receives a message with no \'type\' attribute or the application does not understand the value of the \'type\' attribute provided, it MUST consider the message to be of type "normal" (i.e., "normal" is the default).',
      },
    },
    requirement: "A message without 'type' is routed as one of type 'normal' sent beside it: to the bare JID, and to a full JID that matches no resource.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      for (const [where, to] of [['the bare JID', b!.jid], ['a full JID that matches no resource', `${b!.jid}/gone-${token(3)}`]] as const) {
        const [normal, untyped] = [probeMessage(to, 'normal'), probeMessage(to, undefined)];
        sa.send(normal.stanza);
        sa.send(untyped.stanza);
        await roundTrip(t, sa, sb);
        const fate = (m: { body: string; id: string }): string => {
          const bounce = bounceOf(sa, m.id);
          return sb.received(messageWithBody(m.body)).length ? 'delivered' : bounce ? bounced(bounce) : 'dropped';
        };
        t.outcome(`to ${where}: normal ${fate(normal)}, untyped ${fate(untyped)}`);
        t.check(fate(untyped) === fate(normal), `the message without 'type' handled as the 'normal' one sent to ${where} (${fate(normal)})`, fate(untyped));
      }
    },
  },
]);
