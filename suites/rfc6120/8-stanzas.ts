import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { iqStanza, message, messageWithBody, type Match } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { bare, iq, newId, sameJid, stanzaError, token } from '../../src/session/stanza.js';
import { x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { loginPair, ping, settled, unknownLocalpart } from '../lib/sessions.js';
import { discoInfo } from '../lib/disco.js';
import { awaitStreamEnd, describeEnding, type StreamEnding } from '../lib/streams.js';

/** How long to wait for a server to give up on an unreachable domain (DNS, connection attempts). */
const REMOTE_WAIT_MS = 20_000;

/** Conditions with which a server refuses inter-domain traffic as a matter of policy. */
const POLICY_REFUSALS = ['not-allowed', 'forbidden', 'policy-violation', 'service-unavailable'];

/** A payload namespace no server implements. */
const UNKNOWN_NS = 'urn:xmpp-certify:unknown';

function unknownQuery(): Element {
  return x('query', { xmlns: UNKNOWN_NS });
}

/**
 * The conditions an IQ in an unknown namespace may be refused with. RFC 6120 §8.4 names
 * <service-unavailable/>; RFC 3920 named none, and its <feature-not-implemented/> fits as well.
 */
function unknownNamespaceConditions(t: CaseContext): string[] {
  return t.baseline === '3920' ? ['service-unavailable', 'feature-not-implemented'] : ['service-unavailable'];
}

/** An address on the domain under test where no account exists. */
function nobody(t: CaseContext): string {
  return `${unknownLocalpart()}@${t.domain}`;
}

/** An element as a string that ignores attribute order and where namespaces are declared. */
function canonical(el: Element): string {
  const attrs = Object.entries(el.attrs as Record<string, string>)
    .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const children = el.children.map((c) => (typeof c === 'string' ? JSON.stringify(c) : canonical(c as Element)));
  return `{${el.getNS() ?? ''}}${el.getName()}[${attrs.join(' ')}](${children.join('')})`;
}

/** Extension content no server knows: attributes, escaped text, a nested foreign namespace. */
function unknownExtension(): Element {
  return x('x', { xmlns: 'urn:xmpp-certify:test', a: '1', b: '<q> & "r"' },
    x('y', {}, 'z & w'),
    x('z', { xmlns: 'urn:xmpp-certify:other', c: "it's" }));
}

/** How the server treated a stanza that breaks the IQ rules of §8.2.3: its answers, or how the stream ended. */
async function sendInvalidIq(s: Session, stanza: Element, answer: Match): Promise<{ answers: Element[]; ending?: StreamEnding }> {
  s.send(stanza);
  const ending = (await settled(s)) ? undefined : await awaitStreamEnd(s);
  return { answers: s.received(answer), ending };
}

/** RFC 6120 §8 and §10 (RFC 3920 §9 and §10): stanza semantics and the server's delivery rules. */
export default defineCases({ spec: 'xmpp-core', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6120-8.1.2.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.1.2.1', keyword: 'MUST', quote: '' },
    },
    requirement: "The server stamps the sender's full JID on its stanzas, whatever 'from' the client wrote (or ends the stream with <invalid-from/>).",
    accounts: 2,
    async run(t) {
      const [a, b] = await loginPair(t);
      const spoofed = `spoofed ${token(4)}`;
      const marker = `marker ${token(4)}`;
      a.send(x('message', { from: `${nobody(t)}/x`, to: b.jid, type: 'chat' }, x('body', {}, spoofed)));
      a.send(x('message', { to: b.jid, type: 'chat' }, x('body', {}, marker)));
      const what = await Promise.race([
        b.maybe(messageWithBody(marker)).then((m) => (m ? 'delivered' : 'silence')),
        a.waitClosed().then((closed) => (closed ? 'closed' : 'silence')),
      ]);
      if (what === 'closed') {
        const ending = await awaitStreamEnd(a);
        t.check(ending.condition === 'invalid-from', 'an <invalid-from/> stream error, if the stream is closed', describeEnding(ending));
        return t.outcome('the stream was closed with <invalid-from/>');
      }
      t.check(what === 'delivered', "the messages delivered with the sender's JID, or an <invalid-from/> stream error", 'neither within the step deadline');
      // one sender's stanzas keep their order (§10.1): the spoofed one came before the marker
      const delivered = b.received(messageWithBody(spoofed))[0];
      t.check(delivered !== undefined, 'the message with a forged from delivered (restamped) before the marker', 'only the marker arrived');
      t.check(sameJid(delivered!.attrs.from, a.jid), `from='${a.jid}'`, delivered!);
      t.outcome("the forged 'from' was replaced with the sender's full JID");
    },
  },
  {
    id: 'RFC6120-8.1.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.1.3', keyword: 'MUST', quote: '' },
    },
    requirement: "An IQ response carries the request's id exactly, however long or unusual.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const ids = [`long-${'x'.repeat(600)}`, 'ünïcødé-€-日本-𝄞', `quotes'"&<amp>-${token(2)}`];
      // each wait matches the id exactly, so a changed id shows as a missing response
      for (const id of ids) await s.iq(ping(t.domain, id));
      t.note(`ids echoed: ${ids.map((id) => JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…(${id.length} chars)` : id)).join(', ')}`);
    },
  },
  {
    id: 'RFC6120-8.2.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.2.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'An IQ get in an unknown namespace, to the server or on behalf of the account, gets <service-unavailable/> of type cancel.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const targets: [string, string | undefined][] = [['no to', undefined], ['to the domain', t.domain], ["to the account's bare JID", bare(s.jid!)]];
      for (const [what, to] of targets) {
        const response = await s.iq(iq('get', { to }, unknownQuery()));
        const error = t.expectError(response, unknownNamespaceConditions(t));
        t.check(error?.type === 'cancel', `an error of type cancel (${what})`, response);
        t.outcome(`${what}: <${error?.condition}/>`);
      }
    },
  },
  {
    id: 'RFC6120-8.2.3-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.2.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'An IQ get with no payload or with two payloads is answered with an error (<bad-request/> expected), never a result.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const requests: [string, Element][] = [
        ['no payload', iq('get', { to: t.domain })],
        ['two payloads', iq('get', { to: t.domain }, x('ping', { xmlns: NS.ping }), x('query', { xmlns: NS.discoInfo }))],
      ];
      for (const [what, request] of requests) {
        const response = await s.iq(request);
        t.check(response.attrs.type === 'error', `an error for an IQ with ${what}`, response);
        const error = stanzaError(response);
        t.outcome(`${what}: <${error?.condition ?? '?'}/>`);
        t.should(error?.condition === 'bad-request', `<bad-request/> for an IQ with ${what} (RFC 6120 §8.3.3.1)`, response);
      }
    },
  },
  {
    id: 'RFC6120-8.2.3-3',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.2.3', keyword: 'MUST', quote: '' },
    },
    requirement: "An IQ without an id, or with a type that does not exist, is rejected (an error, or a stream error), never answered with a result.",
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const fetchId = newId();
      const variants: [string, Element, Match][] = [
        ['an IQ without id', x('iq', { type: 'get', to: t.domain }, x('ping', { xmlns: NS.ping })), iqStanza({ where: (el) => el.attrs.id === undefined || el.attrs.id === '' }, 'an IQ without id')],
        ["an IQ of type 'fetch'", x('iq', { type: 'fetch', id: fetchId, to: t.domain }, x('ping', { xmlns: NS.ping })), iqStanza({ id: fetchId })],
      ];
      const results = await Promise.all(variants.map(async ([, stanza, answer]) => sendInvalidIq(await t.login(a!), stanza, answer)));
      variants.forEach(([what], i) => {
        const { answers, ending } = results[i]!;
        const result = answers.find((el) => el.attrs.type === 'result');
        t.check(result === undefined, `no result for ${what}`, result);
        const error = answers.find((el) => el.attrs.type === 'error');
        t.check(error !== undefined || ending?.error !== undefined, `an error or a stream error for ${what}`, ending ? describeEnding(ending) : 'no answer at all');
        t.outcome(`${what}: ${error ? `<${stanzaError(error)?.condition ?? '?'}/>` : `stream error <${ending?.condition ?? '?'}/>`}`);
      });
    },
  },
  {
    id: 'RFC6120-8.2.3-4',
    cite: {
      '3920': { section: '', keyword: 'MUST NOT', quote: '' },
      '6120': { section: '8.2.3', keyword: 'MUST NOT', quote: '' },
    },
    requirement: 'The server never answers an IQ of type result or error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const ids = [newId(), newId()];
      s.send(iq('result', { to: t.domain, id: ids[0] }));
      s.send(iq('error', { to: t.domain, id: ids[1] }, x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors }))));
      await s.sync();
      const answers = s.received(iqStanza({ where: (el) => ids.includes(el.attrs.id) }));
      t.check(answers.length === 0, 'no answer to an unsolicited IQ result or error', answers[0]);
    },
  },
  {
    id: 'RFC6120-8.3.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.3.1', keyword: 'MUST', quote: '' },
    },
    requirement: "Error stanzas have type error, the request's id, swapped addresses, and one <error/> with a type and one defined condition.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const requests: [string, Element][] = [
        ['an unknown namespace at the domain', iq('get', { to: t.domain }, unknownQuery())],
        ["an unknown namespace at the account's bare JID", iq('get', { to: bare(s.jid!) }, unknownQuery())],
        ['an unknown namespace at an account that does not exist', iq('get', { to: nobody(t) }, unknownQuery())],
      ];
      for (const [what, request] of requests) {
        const response = await s.iq(request);
        const error = response.getChild('error');
        const conditions = stanzaError(response)?.conditions ?? [];
        t.check(response.attrs.type === 'error', `type='error' for ${what}`, response);
        // §8.1.2.1: what the server says on behalf of the account may also come without a from
        const onBehalf = sameJid(request.attrs.to, bare(s.jid!)) && response.attrs.from === undefined;
        t.check(onBehalf || sameJid(response.attrs.from, request.attrs.to), `from='${request.attrs.to}' (the request's to) for ${what}`, response);
        t.check(response.attrs.to === undefined || sameJid(response.attrs.to, s.jid), `to='${s.jid}' or none for ${what}`, response);
        t.check(['auth', 'cancel', 'continue', 'modify', 'wait'].includes(error?.attrs.type), `an <error/> whose type is auth, cancel, continue, modify or wait for ${what}`, response);
        t.check(conditions.length === 1, `exactly one condition in ${NS.stanzaErrors} for ${what}`, response);
      }
    },
  },
  {
    id: 'RFC6120-8.3.1-2',
    cite: {
      '3920': { section: '', keyword: 'MUST NOT', quote: '' },
      '6120': { section: '8.3.1', keyword: 'MUST NOT', quote: '' },
    },
    requirement: 'The server never answers an error stanza with another error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const id = newId();
      s.send(x('message', { to: nobody(t), type: 'error', id }, x('error', { type: 'cancel' }, x('item-not-found', { xmlns: NS.stanzaErrors }))));
      await s.sync();
      const answers = s.received(message({ id }));
      t.check(answers.length === 0, 'no answer to a message of type error sent to an account that does not exist', answers[0]);
    },
  },
  {
    id: 'RFC6120-8.1.5-1',
    cite: {
      '3920': { section: '', keyword: ['SHOULD', 'MUST NOT'], quote: '' },
      '6120': { section: '8.1.5', keyword: ['SHOULD', 'MUST NOT'], quote: '' },
    },
    requirement: "A stanza without xml:lang is delivered with the sender's stream language; an xml:lang the sender set is never changed.",
    accounts: 2,
    transports: ['tcp'],
    async run(t) {
      const [a, b] = t.accounts;
      const [sender, receiver] = await Promise.all([t.login(a!, { lang: 'fr' }), t.login(b!, { presence: true })]);
      const [plain, german] = [`sans langue ${token(3)}`, `auf Deutsch ${token(3)}`];
      sender.send(x('message', { to: receiver.jid, type: 'chat' }, x('body', {}, plain)));
      sender.send(x('message', { to: receiver.jid, type: 'chat', 'xml:lang': 'de' }, x('body', {}, german)));
      const [first, second] = [await receiver.expect(messageWithBody(plain)), await receiver.expect(messageWithBody(german))];
      t.must(second.attrs['xml:lang'] === 'de', "xml:lang='de' kept as the sender set it", second);
      t.should(first.attrs['xml:lang'] === 'fr', "xml:lang='fr' (the sender's stream language) added to the message that had none", first);
    },
  },
  {
    id: 'RFC6120-8.4-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.4', keyword: 'MUST', quote: '' },
    },
    requirement: 'Extension elements the server does not understand are delivered unchanged.',
    accounts: 2,
    async run(t) {
      const [a, b] = await loginPair(t);
      const body = `extension ${token(4)}`;
      a.send(x('message', { to: b.jid, type: 'chat' }, x('body', {}, body), unknownExtension()));
      const got = await b.expect(messageWithBody(body));
      const seen = got.getChild('x', 'urn:xmpp-certify:test');
      t.check(seen !== undefined && canonical(seen) === canonical(unknownExtension()), `the extension as sent: ${unknownExtension().toString()}`, got);
    },
  },
  {
    id: 'RFC6120-10.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '10.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'Stanzas from one sender to one recipient arrive in the order sent.',
    accounts: 2,
    async run(t) {
      const [a, b] = await loginPair(t);
      const run = token(3);
      const count = 100;
      for (let i = 0; i < count; i++) a.send(x('message', { to: b.jid, type: 'chat' }, x('body', {}, `${run} ${i}`)));
      await b.expect(messageWithBody(`${run} ${count - 1}`));
      const order = b.received(message({ where: (el) => el.getChildText('body')?.startsWith(`${run} `) === true }))
        .map((el) => Number(el.getChildText('body')!.slice(run.length + 1)));
      const firstWrong = order.findIndex((n, i) => n !== i);
      t.check(order.length === count - 1 && firstWrong === -1, `messages 0 to ${count - 2} in order before message ${count - 1}`,
        `${order.length} arrived before the last${firstWrong >= 0 ? `; position ${firstWrong} holds message ${order[firstWrong]}` : ''}`);
    },
  },
  {
    id: 'RFC6120-10.4.3-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '10.4.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'A stanza to a domain that cannot be reached is answered with <remote-server-not-found/> (or <remote-server-timeout/>).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      // .invalid never resolves (RFC 6761), so no server can reach it
      const remote = `certify@${token(4)}.invalid`;
      const id = newId();
      s.send(x('message', { to: remote, type: 'chat', id }, x('body', {}, 'unreachable')));
      const [bounce, response] = await Promise.all([s.expect(message({ id, type: 'error' }), REMOTE_WAIT_MS), s.iq(ping(remote), REMOTE_WAIT_MS)]);
      const refusals = [bounce, response].map((el) => stanzaError(el)?.condition ?? '');
      // inter-domain communication is optional for a deployment (§10.4): a server that refuses
      // it by policy never tries to reach the domain, and the rule cannot be exercised
      if (refusals.every((c) => POLICY_REFUSALS.includes(c))) {
        t.skip(`the server does not route to remote domains: ${refusals.map((c) => `<${c}/>`).join(' and ')} for ${remote} (${stanzaError(bounce)?.text ?? 'no text'})`);
      }
      const conditions = ['remote-server-not-found', 'remote-server-timeout'];
      const errors = [t.expectError(bounce, conditions), t.expectError(response, conditions)];
      t.outcome(`message: <${errors[0]?.condition}/>, IQ: <${errors[1]?.condition}/>`);
    },
  },
  {
    id: 'RFC6120-10.5.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '10.5.1', keyword: 'MUST', quote: '' },
    },
    requirement: 'The server answers IQs to its own domain itself: a result where it supports the namespace, <service-unavailable/> where not.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const info = await discoInfo(s, t.domain);
      t.check(info.ok && sameJid(info.response.attrs.from, t.domain), `a disco#info result from ${t.domain}`, info.response);
      const response = await s.iq(iq('get', { to: t.domain }, unknownQuery()));
      t.expectError(response, unknownNamespaceConditions(t));
    },
  },
]);
