import { type Account, bare, type CaseContext, defineCases, type Element, iqStanza, message, messageWithBody, newId, resourceOf, type Session, STANZA_TRANSPORTS, stanzaError, token, x } from '../../src/authoring.js';
import { loginPair, ping, settled } from '../lib/sessions.js';
import { awaitStreamEnd, describeEnding, type StreamEnding } from '../lib/streams.js';

/** What came back for a message and an IQ to one malformed address: error stanzas, or the end of the stream. */
interface Answer {
  to: string;
  messageError?: Element;
  iqError?: Element;
  ending?: StreamEnding;
}

/**
 * Sends a message and then an IQ from `account` to each address in turn and collects the
 * server's answers once its replies are in (a ping round trip), logging in again if the server
 * ended the stream.
 */
async function answersTo(t: CaseContext, account: Account, addresses: string[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  let s = await t.login(account);
  for (const to of addresses) {
    if (s.isClosed) s = await t.login(account);
    const [messageId, iqId] = [newId(), newId()];
    s.send(x('message', { to, id: messageId, type: 'chat' }, x('body', {}, 'addressing test')));
    s.send(ping(to, iqId));
    const open = await settled(s);
    answers.push({
      to,
      messageError: s.received(message({ id: messageId, type: 'error' }))[0],
      iqError: s.received(iqStanza({ id: iqId, type: 'error' }))[0],
      ending: open ? undefined : await awaitStreamEnd(s),
    });
  }
  return answers;
}

/**
 * Checks that stanzas to malformed addresses were refused. RFC 6120 §8.3.1: the entity that
 * detects the error SHOULD return an error stanza for a message and MUST for an IQ. RFC 3920
 * §9.1.1: an invalid 'to' MUST get an appropriate error, from the address the stanza was sent
 * to. The condition RFC 6120 §8.3.3.8 and RFC 3920 §9.3.3 define for it, <jid-malformed/>, is
 * recorded: "any entity that detects a malformed JID MAY return this error".
 */
function expectRefused(t: CaseContext, answers: Answer[]): void {
  for (const a of answers) {
    const shown = a.to.length > 60 ? `${a.to.slice(0, 30)}…(${a.to.length} chars)` : a.to;
    const ended = a.ending ? `the stream ended: ${describeEnding(a.ending)}` : 'no error came back, though a later ping was answered';
    t.outcome(`'${shown}': message ${a.messageError ? `<${stanzaError(a.messageError)?.condition ?? '?'}/>` : 'no error'}, IQ ${a.iqError ? `<${stanzaError(a.iqError)?.condition ?? '?'}/>` : 'no error'}${a.ending ? `; ${describeEnding(a.ending)}` : ''}`);
    for (const [kind, error] of [['message', a.messageError], ['IQ', a.iqError]] as const) {
      if (t.baseline === '6120') {
        // a stream error is not the error stanza §8.3.1 asks for
        const judge = kind === 'message' ? t.should.bind(t) : t.check.bind(t);
        if (!judge(error !== undefined, `an error stanza for the ${kind} to '${shown}'${kind === 'message' ? ' (RFC 6120 §8.3.1: SHOULD for a message)' : ''}`, ended)) continue;
      } else {
        // RFC 3920 §9.1.1: "an appropriate error"; a stream error is one
        t.check(error !== undefined || a.ending?.error !== undefined, `an error for the ${kind} to '${shown}'`, ended);
        if (!error) continue;
        t.check(error.attrs.from === a.to, `the error from '${shown}', the address the ${kind} was sent to`, error);
      }
      t.expectError(error!, []);
    }
  }
}

/** B's full JID with its localpart and domainpart rewritten, the resource untouched. */
function variantOf(jid: string, local: (l: string) => string, domain: (d: string) => string): string {
  const [l, d] = bare(jid).split('@') as [string, string];
  return `${local(l)}@${domain(d)}/${resourceOf(jid)!}`;
}

/**
 * Checks that a message A sends to `to`, another spelling of B's full JID, reaches B. A marker
 * to B's exact JID follows it; one sender's stanzas keep their order (RFC 6120 §10.1), so once
 * the marker is in, so is the message.
 */
async function expectDelivered(t: CaseContext, a: Session, b: Session, to: string): Promise<void> {
  const [id, body, marker] = [newId(), `to ${to} ${token(3)}`, `marker ${token(3)}`];
  a.send(x('message', { to, id, type: 'chat' }, x('body', {}, body)));
  a.send(x('message', { to: b.jid, type: 'chat' }, x('body', {}, marker)));
  await b.expect(messageWithBody(marker));
  if (b.received(messageWithBody(body)).length > 0) return;
  // evidence: what the sender was told instead
  await a.sync();
  const bounce = a.received(message({ id, type: 'error' }))[0];
  t.check(false, `a message to ${to} delivered to ${b.jid}`, bounce ? `not delivered; the sender got ${bounce.toString()}` : 'not delivered, and no error came back');
}

/** An invalid 'to' under RFC 3920: the error the server must return. */
const INVALID_TO_3920 = {
  section: '9.1.1',
  keyword: 'MUST',
  quote: "If the value of the 'to' attribute is invalid or cannot be contacted, the entity discovering that fact (…) MUST return an appropriate error to the sender, setting the 'from' attribute of the error stanza to the value provided in the 'to' attribute of the offending stanza.",
} as const;

/** An error condition under RFC 6120: an error stanza, SHOULD for a message, MUST for an IQ. */
const ERROR_STANZA_6120 = {
  section: '8.3.1',
  keyword: ['SHOULD', 'MUST'],
  quote: 'The receiving or processing entity that detects an error condition in relation to a stanza SHOULD return an error stanza (and MUST do so for IQ stanzas).',
} as const;

/** RFC 6122 §2 (RFC 3920 §3): the parts of an address, their limits and how they compare. */
export default defineCases({ spec: 'xmpp-core', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6122-2.1-1',
    cite: { '3920': INVALID_TO_3920, '6120': ERROR_STANZA_6120 },
    requirement: 'A localpart or resourcepart over 1023 bytes (RFC 6122 §2.1, RFC 3920 §3.1) makes the address invalid: a message and an IQ to it are refused with an error (<jid-malformed/> expected).',
    accounts: 1,
    async run(t) {
      const long = 'a'.repeat(1100);
      expectRefused(t, await answersTo(t, t.accounts[0]!, [`${long}@${t.domain}`, `${t.accounts[0]!.jid}/${long}`]));
    },
  },
  {
    id: 'RFC6122-2.1-2',
    cite: {
      '3920': {
        absent: "RFC 3920 §3.1 limits each part of a JID to 1023 bytes but does not forbid empty parts; RFC 6122 App. C: 'Corrected the ABNF syntax to prevent zero-length localparts, domainparts, and resourceparts'",
        later: {
          doc: 'RFC 6122',
          section: '2.1',
          keyword: 'MUST NOT',
          quote: 'Each allowable portion of a JID (localpart, domainpart, and resourcepart) MUST NOT be zero bytes in length and MUST NOT be more than 1023 bytes in length, …',
        },
      },
      '6120': ERROR_STANZA_6120,
    },
    requirement: "An empty localpart ('@domain') or empty resourcepart ('user@domain/') makes the address invalid (RFC 6122 §2.1): a message and an IQ to it are refused with an error (<jid-malformed/> expected).",
    accounts: 1,
    async run(t) {
      expectRefused(t, await answersTo(t, t.accounts[0]!, [`@${t.domain}`, `${t.accounts[0]!.jid}/`]));
    },
  },
  {
    id: 'RFC6122-2.3-1',
    cite: { '3920': INVALID_TO_3920, '6120': ERROR_STANZA_6120 },
    requirement: "A localpart with a character Nodeprep prohibits (space \" & ' : < >; RFC 6122 §2.3, RFC 3920 §3.3) makes the address invalid: a message and an IQ to it are refused with an error (<jid-malformed/> expected).",
    accounts: 1,
    async run(t) {
      const prohibited = [' ', '"', '&', "'", ':', '<', '>'];
      expectRefused(t, await answersTo(t, t.accounts[0]!, prohibited.map((c) => `certify${c}${token(2)}@${t.domain}`)));
    },
  },
  {
    id: 'RFC6122-2.3-2',
    cite: {
      '3920': { section: '3.3', keyword: 'MUST', quote: 'Before comparing two node identifiers, a server MUST (and a client SHOULD) first apply the Nodeprep profile to each identifier.' },
      '6120': {
        doc: 'RFC 6122',
        section: '2.3',
        keyword: 'MUST',
        quote: 'Before comparing two localparts, an application MUST first ensure that the Nodeprep profile has been applied to each identifier (the profile need not be applied each time a comparison is made, as long as it has been applied before comparison).',
      },
    },
    requirement: 'Localparts compare after Nodeprep, without regard to case: a message to the localpart in capitals is delivered.',
    accounts: 2,
    async run(t) {
      const [a, b] = await loginPair(t);
      const to = variantOf(b.jid!, (l) => l.toUpperCase(), (d) => d);
      if (to === b.jid) t.skip(`the localpart of ${b.jid} has no letters to change the case of`);
      await expectDelivered(t, a, b, to);
    },
  },
  {
    id: 'RFC6122-2.2-1',
    cite: {
      '3920': { section: '3.2', keyword: 'MUST', quote: 'Before comparing two domain identifiers, a server MUST (and a client SHOULD) first apply the Nameprep profile to the labels (as defined in [IDNA]) that make up each identifier.' },
      '6120': {
        doc: 'RFC 6122',
        section: '2.2',
        keyword: 'MUST',
        quote: 'When preparing a text label … for representation as an internationalized label in the process of constructing an XMPP domainpart or comparing two XMPP domainparts, an application MUST ensure that for each text label it is possible to apply without failing the ToASCII operation specified in [IDNA2003] …',
      },
    },
    requirement: 'Domainparts compare after Nameprep (IDNA2003), without regard to case: a message to the domain in capitals is delivered.',
    accounts: 2,
    async run(t) {
      const [a, b] = await loginPair(t);
      const to = variantOf(b.jid!, (l) => l, (d) => d.toUpperCase());
      if (to === b.jid) t.skip(`the domain ${t.domain} has no letters to change the case of`);
      await expectDelivered(t, a, b, to);
    },
  },
  {
    id: 'RFC6122-2.2-2',
    cite: {
      '3920': {
        absent: 'RFC 3920 §3.2 says nothing of a trailing dot on the domain identifier',
        later: {
          doc: 'RFC 6122',
          section: '2.2',
          keyword: 'MUST',
          quote: 'If the domainpart includes a final character considered to be a label separator (dot) by [IDNA2003] or [DNS], this character MUST be stripped from the domainpart before the JID of which it is a part is used for the purpose of routing an XML stanza, comparing against another JID, or constructing an [XMPP-URI].',
        },
      },
      '6120': {
        doc: 'RFC 6122',
        section: '2.2',
        keyword: 'MUST',
        quote: 'If the domainpart includes a final character considered to be a label separator (dot) by [IDNA2003] or [DNS], this character MUST be stripped from the domainpart before the JID of which it is a part is used for the purpose of routing an XML stanza, comparing against another JID, or constructing an [XMPP-URI].',
      },
    },
    requirement: 'A trailing dot on the domainpart is dropped before routing: a message to user@domain./res is delivered.',
    accounts: 2,
    async run(t) {
      const [a, b] = await loginPair(t);
      const to = variantOf(b.jid!, (l) => l, (d) => `${d}.`);
      await expectDelivered(t, a, b, to);
    },
  },
  {
    id: 'RFC6122-2.4-1',
    cite: {
      '3920': { section: '3.4', keyword: 'MUST', quote: 'Before comparing two resource identifiers, a server MUST (and a client SHOULD) first apply the Resourceprep profile to each identifier.' },
      '6120': {
        doc: 'RFC 6122',
        section: '2.4',
        keyword: 'MUST',
        quote: 'Before comparing two resourceparts, an application MUST first ensure that the Resourceprep profile has been applied to each identifier (the profile need not be applied each time a comparison is made, as long as it has been applied before comparison).',
      },
    },
    requirement: 'Resourceparts compare after Resourceprep, which keeps case: an IQ to the bound resource spelt in other case does not reach it.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const resource = `Res-${token(3)}`;
      const [sender, receiver] = await Promise.all([t.login(a!), t.login(b!, { presence: true, resource })]);
      // the server may have bound another resource than the one asked for (RFC 6120 §7.7.1)
      const bound = resourceOf(receiver.jid!)!;
      if (bound.toLowerCase() === bound) t.skip(`the bound resource ${bound} has no capitals to change`);
      // control: the exact full JID does reach the resource, so a miss below is the comparison
      await t.setup(`ping ${receiver.jid} at its exact resource`, async () => {
        const answer = await sender.iq(ping(receiver.jid!));
        if (answer.attrs.type !== 'result') throw new Error(`the exact full JID answered ${answer.toString()}`);
      });
      const other = `${bare(receiver.jid!)}/${bound.toLowerCase()}`;
      const request = ping(other);
      const answer = await sender.iq(request);
      t.outcome(`the IQ to ${other} was answered with ${answer.attrs.type === 'error' ? `<${stanzaError(answer)?.condition ?? '?'}/>` : `type '${answer.attrs.type}' from ${answer.attrs.from ?? '(no from)'}`}`);
      // the sender has its answer; once the receiver's own round trip is done, a delivery would be in its inbox
      await t.nothingArrived(receiver, iqStanza({ id: request.attrs.id as string }), `IQ for ${other} delivered to ${receiver.jid}`, () => receiver.sync());
    },
  },
]);
