import type { Account } from '../../src/engine/accounts.js';
import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { iqStanza, message, messageWithBody } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { bare, newId, resourceOf, stanzaError, token } from '../../src/session/stanza.js';
import { x, type Element } from '../../src/xml/element.js';
import { loginPair, ping, settled } from '../lib/sessions.js';
import { awaitStreamEnd, describeEnding, type StreamEnding } from '../lib/streams.js';

/** What came back for a message to one address: an error stanza, nothing, or the end of the stream. */
interface Answer {
  to: string;
  error?: Element;
  ending?: StreamEnding;
}

/**
 * Sends a message from `account` to each address in turn and collects the server's answer once
 * its replies are in (a ping round trip), logging in again if the server ended the stream.
 */
async function answersTo(t: CaseContext, account: Account, addresses: string[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  let s = await t.login(account);
  for (const to of addresses) {
    if (s.isClosed) s = await t.login(account);
    const id = newId();
    s.send(x('message', { to, id, type: 'chat' }, x('body', {}, 'addressing test')));
    answers.push(await settled(s) ? { to, error: s.received(message({ id, type: 'error' }))[0] } : { to, ending: await awaitStreamEnd(s) });
  }
  return answers;
}

/**
 * Checks that every address was refused: an error stanza (or the stream ended with a stream
 * error), and preferably <jid-malformed/>, the condition RFC 6120 §8.3.3.8 defines for it.
 */
function expectRefused(t: CaseContext, answers: Answer[]): void {
  for (const a of answers) {
    const shown = a.to.length > 60 ? `${a.to.slice(0, 30)}…(${a.to.length} chars)` : a.to;
    const condition = a.error ? stanzaError(a.error)?.condition : a.ending?.condition;
    const got = a.error ?? (a.ending ? `the stream ended: ${describeEnding(a.ending)}` : 'no error came back');
    t.must(condition !== undefined, `an error for a message to '${shown}'`, got);
    t.outcome(`'${shown}': ${a.error ? 'stanza' : 'stream'} error <${condition}/>`);
    t.should(a.error !== undefined && condition === 'jid-malformed', `the stanza error <jid-malformed/> for '${shown}'`, got);
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

/** RFC 6122 §2 (RFC 3920 §3): the parts of an address, their limits and how they compare. */
export default defineCases({ spec: 'xmpp-core', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6122-2.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6122 2.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'Each part of an address is at most 1023 bytes: a longer localpart or resourcepart is refused (<jid-malformed/>).',
    accounts: 1,
    async run(t) {
      const long = 'a'.repeat(1100);
      expectRefused(t, await answersTo(t, t.accounts[0]!, [`${long}@${t.domain}`, `${t.accounts[0]!.jid}/${long}`]));
    },
  },
  {
    id: 'RFC6122-2.1-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6122 2.1', keyword: 'MUST', quote: '' },
    },
    requirement: "An empty localpart ('@domain') or empty resourcepart ('user@domain/') makes the address invalid: refused (<jid-malformed/>).",
    accounts: 1,
    async run(t) {
      expectRefused(t, await answersTo(t, t.accounts[0]!, [`@${t.domain}`, `${t.accounts[0]!.jid}/`]));
    },
  },
  {
    id: 'RFC6122-2.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6122 2.3', keyword: 'MUST', quote: '' },
    },
    requirement: "A localpart with a character Nodeprep prohibits (space \" & ' : < >) makes the address invalid: refused (<jid-malformed/>).",
    accounts: 1,
    async run(t) {
      const prohibited = [' ', '"', '&', "'", ':', '<', '>'];
      expectRefused(t, await answersTo(t, t.accounts[0]!, prohibited.map((c) => `certify${c}${token(2)}@${t.domain}`)));
    },
  },
  {
    id: 'RFC6122-2.3-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6122 2.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'Localparts compare without regard to case: a message to the localpart in capitals is delivered.',
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
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6122 2.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'Domainparts compare without regard to case: a message to the domain in capitals is delivered.',
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
      '3920': { section: '', keyword: 'MAY', quote: '' },
      '6120': { section: '6122 2.2', keyword: 'MUST', quote: '' },
    },
    // RFC 3920 said nothing about a trailing dot: informational under that baseline
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
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6122 2.4', keyword: 'MUST', quote: '' },
    },
    requirement: 'Resourceparts are case-sensitive: an IQ to the resource in other case does not reach the bound resource.',
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
      // had it been delivered, the receiver would have answered it: it is in its inbox by now
      const leaked = receiver.received(iqStanza({ id: request.attrs.id as string }));
      t.check(leaked.length === 0, `no IQ for ${other} delivered to ${receiver.jid}`, leaked[0]);
      t.check(answer.attrs.type === 'error', `an error for ${other}: no such resource`, answer);
    },
  },
]);
