import { type Account, type CaseContext, defineCases, describe, type Element, iq, NS, presence, STANZA_TRANSPORTS, token, x } from '../../src/authoring.js';
import { available, roundTrip } from '../lib/presence.js';
import { deferRemoval, startOver } from '../lib/roster.js';
import { iqsToNobody, messagesToNobody, nobody, presencesToNobody, toMissingResource } from './delivery.js';

const NOT_IN_6121_SESSION = 'RFC 6121 removed session establishment (App. E: "the content previously defined in Section 3 of RFC 3921 was removed"; servers are only "encouraged" to keep advertising it as a no-op)';

/**
 * `prober`, with no relationship to `contact` (not in its roster at all), probes the contact's bare
 * JID while the contact is available; returns, after a round trip, every presence from the contact.
 * Both sessions are closed after, so the contact is offline for what comes next.
 */
async function probeFromStranger(t: CaseContext, prober: Account, contact: Account): Promise<Element[]> {
  const sc = await available(t, prober);
  const sb = await available(t, contact, { status: `here ${token(3)}` });
  await startOver(t, sc, sb);
  sc.send(x('presence', { to: contact.jid, type: 'probe' }));
  await roundTrip(t, sc, sb);
  const answers = sc.received(presence({ fromBare: contact.jid }));
  await Promise.all([sc.close(), sb.close()]);
  return answers;
}

/** RFC 3921 rules that RFC 6121 dropped or changed: session establishment (§3), §11.1 delivery, §5.1.3 probes. */
export default defineCases({ spec: 'xmpp-im', role: 'server' }, [
  {
    id: 'RFC3921-3-1',
    cite: {
      '3920': {
        section: '3',
        keyword: 'MUST',
        quote: "If a server supports sessions, it MUST include a <session/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-session' namespace in the stream features it advertises to a client after the completion of stream authentication as defined in [XMPP-CORE]",
      },
      '6120': { absent: NOT_IN_6121_SESSION },
    },
    requirement: 'The server offers the session feature after authentication and answers the session request with a result.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.secureStream('A');
      await t.setup(`log in as ${a!.jid} and bind`, async () => {
        await s.authenticate({ username: a!.local, password: a!.password, domain: a!.domain });
        await s.bind(`certify-${token(3)}`);
      });
      const feature = s.features?.getChild('session', NS.session);
      // <optional/> is from a later draft: RFC 3921 knows only the bare feature
      if (feature?.getChild('optional')) t.note('the session feature is marked <optional/>');
      t.check(feature !== undefined, `a <session xmlns='${NS.session}'/> stream feature after authentication`, s.features);
      const response = await s.iq(iq('set', {}, x('session', { xmlns: NS.session })));
      t.check(response.attrs.type === 'result', 'an IQ result to the session request (the session created)', response);
    },
  },
  {
    id: 'RFC3921-11.1-1',
    cite: {
      '3920': {
        section: '11.1',
        keyword: 'SHOULD',
        quote: 'Else if the JID is of the form <user@domain/resource> and no available resource matches the full JID, the recipient\'s server … (c) SHOULD treat the stanza as if it were addressed to <user@domain> if it is a message stanza.',
      },
      '6120': { absent: 'RFC 6121 §8.5.3.2.1 narrowed this to chat messages: normal and headline messages to a missing resource are no longer delivered to another one (see RFC6121-8.5.3.2.1-*)' },
    },
    requirement: 'A normal, headline or groupchat message to a full JID that matches no resource is treated as if sent to the bare JID (delivered to the available resource).',
    accounts: 2,
    transports: STANZA_TRANSPORTS,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      for (const { type, delivered, bounce } of await toMissingResource(t, sa, sb, ['normal', 'headline', 'groupchat'])) {
        t.check(delivered, `the ${type} message delivered to ${sb.jid} as if sent to the bare JID`, bounce ? describe(bounce) : 'not delivered');
      }
    },
  },
  {
    id: 'RFC3921-11.1-2',
    cite: {
      '3920': {
        section: '11.1',
        keyword: ['SHOULD', 'MUST'],
        quote: '… the associated user account does not exist, the recipient\'s server (a) SHOULD silently ignore the stanza … if it is a presence stanza, (b) MUST return a <service-unavailable/> stanza error to the sender if it is an IQ stanza, and (c) SHOULD return a <service-unavailable/> stanza error to the sender if it is a message stanza.',
      },
      '6120': { absent: 'RFC 6121 §8.5.1 replaced this rule with its own (see RFC6121-8.5.1-*): an IQ or message gets <service-unavailable/>, a presence stanza is ignored, with other keywords' },
    },
    requirement: 'For an account that does not exist: an IQ gets <service-unavailable/> (must), a message should too, presence should be dropped without an answer.',
    accounts: 1,
    transports: STANZA_TRANSPORTS,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const target = nobody(t);
      deferRemoval(t, s, target);
      for (const response of await iqsToNobody(s, target)) t.expectError(response, ['service-unavailable'], 'must');
      for (const { type, to, bounce } of await messagesToNobody(s, target)) {
        if (bounce) t.expectError(bounce, ['service-unavailable'], 'should');
        else t.should(false, `a <service-unavailable/> bounce for the ${type} message to ${to}`, 'dropped');
      }
      // each presence was followed by a ping round trip on the same stream: any answer is in by then
      for (const { type, answers } of await presencesToNobody(s, target)) {
        t.should(answers.length === 0, `no answer to ${type} presence`, answers.map((p) => describe(p)).join(' '));
      }
    },
  },
  {
    id: 'RFC3921-5.1.3-1',
    cite: {
      '3920': {
        section: '5.1.3',
        // the list of MUSTs is what the server SHOULD do: a server that does not follow it misses a SHOULD
        keyword: ['SHOULD', 'MUST'],
        quote: 'Upon receiving a presence probe from the user, the contact\'s server SHOULD reply as follows: … (or is not in the contact\'s roster at all), the contact\'s server MUST return a <forbidden/> stanza error in response to the presence probe.',
        changed: "RFC 6121 §4.3.2 answers 'unsubscribed' instead (SHOULD)",
      },
      '6120': { absent: "RFC 6121 §4.3.2 replaced these rules: an unauthorised probe gets 'unsubscribed', an offline contact unavailable presence (see RFC6121-4.3.2-*)" },
    },
    // the other rules of the list (a subscriber's probe of an online or offline contact) are
    // RFC6121-4.3.2-2's under this baseline, and that no presence reaches the stranger is
    // RFC6121-4.3.2-1's MUST NOT (RFC 3921 §14)
    requirement: "A probe from someone not in the contact's roster gets a <forbidden/> presence error (RFC 3921 §5.1.3, under its \"SHOULD reply as follows\").",
    accounts: 2,
    transports: STANZA_TRANSPORTS,
    async run(t) {
      const [a, b] = t.accounts;
      const answers = await probeFromStranger(t, a!, b!);
      const refusal = answers.find((p) => p.attrs.type === 'error');
      if (!refusal) t.should(false, 'a presence error <forbidden/> in answer to the probe', answers.map((p) => describe(p)).join(' ') || 'no answer');
      else t.expectError(refusal, ['forbidden'], 'should');
    },
  },
]);
