import { bare, type CaseContext, defineCases, type Element, iq, iqStanza, message, messageWithBody, newId, NS, sameJid, STANZA_TRANSPORTS, stanzaError, token, x } from '../../src/authoring.js';
import { canonical } from '../lib/canonical.js';
import { loginPair, ping, settled, unknownLocalpart } from '../lib/sessions.js';
import { awaitStreamEnd, describeEnding } from '../lib/streams.js';
import { unknownQuery } from './unknown-payload.js';

/**
 * Judges the answer to an IQ get in a namespace the server does not understand. RFC 6120 §8.4: an
 * error with <service-unavailable/> (MUST). RFC 3920 §9.2.3 only demands an answer (the wait for
 * it already judged that); RFC 3921 §2.4 adds that it SHOULD be a <service-unavailable/> error.
 * Both texts say the type SHOULD be cancel (RFC 6120 §8.3.3.19, RFC 3920 §9.3.3).
 */
function judgeUnknownNamespace(t: CaseContext, response: Element, what: string): void {
  if (t.baseline === '6120') {
    const error = t.expectError(response, ['service-unavailable'], 'must');
    t.should(error?.type === 'cancel', `an error of type cancel (${what}; RFC 6120 §8.3.3.19: the type SHOULD be cancel)`, response);
    return t.outcome(`${what}: <${error?.condition}/> of type ${error?.type}`);
  }
  const error = response.attrs.type === 'error' ? t.expectError(response, [], 'must') : undefined;
  t.outcome(`${what}: ${error ? `<${error.condition}/> of type ${error.type}` : `an IQ of type ${response.attrs.type}`}`);
  t.should(error?.condition === 'service-unavailable', `a <service-unavailable/> error (${what}; RFC 3921 §2.4: SHOULD)`, response);
  if (error) t.should(error.type === 'cancel', `an error of type cancel (${what}; RFC 3920 §9.3.3: the type SHOULD be cancel)`, response);
}

/** An address on the domain under test where no account exists. */
function nobody(t: CaseContext): string {
  return `${unknownLocalpart()}@${t.domain}`;
}

/** Extension content no server knows: attributes, escaped text, a nested foreign namespace. */
function unknownExtension(): Element {
  return x('x', { xmlns: 'urn:xmpp-certify:test', a: '1', b: '<q> & "r"' },
    x('y', {}, 'z & w'),
    x('z', { xmlns: 'urn:xmpp-certify:other', c: "it's" }));
}

/** RFC 6120 §8 (RFC 3920 §9): stanza semantics. */
export default defineCases({ spec: 'xmpp-core', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6120-8.1.2.1-1',
    cite: {
      '3920': {
        section: '9.1.2',
        keyword: 'MUST',
        quote: "When a server receives an XML stanza within the context of an authenticated stream qualified by the 'jabber:client' namespace, it MUST do one of the following: … validate that the value of the 'from' attribute provided by the client is that of a connected resource … add a 'from' address to the stanza …",
        changed: "RFC 6120 §8.1.2.1 makes the server stamp the full JID (MUST); RFC 3920 lets it validate the client's 'from' instead, and SHOULD end a stream whose 'from' does not match with <invalid-from/>",
      },
      '6120': {
        section: '8.1.2.1',
        keyword: 'MUST',
        quote: "… the server MUST add a 'from' attribute to the stanza or override the 'from' attribute specified by the client, where the value of the 'from' attribute MUST be the full JID (<localpart@domainpart/resource>) determined by the server for the connected resource that generated the stanza …",
      },
    },
    requirement: "A stanza with a forged 'from' is never delivered as forged: the server stamps the sender's JID on it (full JID; RFC 3920 also allows the bare JID), or ends the stream with <invalid-from/>; RFC 3920 also allows refusing it.",
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
        t.outcome(`the stream was closed: ${describeEnding(ending)}`);
        // RFC 6120 §4.9.3.9 defines <invalid-from/> for this; RFC 3920 §9.1.2 says the server SHOULD send it
        if (t.baseline === '6120') t.must(ending.condition === 'invalid-from', 'an <invalid-from/> stream error, if the stream is closed', describeEnding(ending));
        else t.should(ending.condition === 'invalid-from', 'an <invalid-from/> stream error, if the stream is closed', describeEnding(ending));
        return;
      }
      t.check(what === 'delivered', "the messages delivered with the sender's JID, or an <invalid-from/> stream error", 'neither within the step deadline');
      // one sender's stanzas keep their order (§10.1): the forged one was handled before the marker
      const delivered = b.received(messageWithBody(spoofed))[0];
      const leaked = b.received(message({ where: (el) => el.getChildText('body') === spoofed && !sameJid(el.attrs.from, a.jid) && !sameJid(el.attrs.from, bare(a.jid!)) }))[0];
      if (t.baseline === '3920') {
        t.must(leaked === undefined, `the message delivered from '${a.jid}' or '${bare(a.jid!)}', not from the forged address`, leaked);
        if (!delivered) {
          // the server validated the 'from' and refused the stanza: the MUST is met, the SHOULD of §9.1.2 is not
          t.outcome("the message with the forged 'from' was not delivered; the stream was left open");
          t.should(false, "an <invalid-from/> stream error for the forged 'from' (RFC 3920 §9.1.2: SHOULD)", 'the stanza was dropped and the stream left open');
          return;
        }
        return t.outcome(`the forged 'from' was replaced with ${delivered.attrs.from}`);
      }
      t.check(delivered !== undefined, "the message with a forged 'from' delivered (restamped) before the marker", 'only the marker arrived');
      t.check(sameJid(delivered!.attrs.from, a.jid), `from='${a.jid}'`, delivered!);
      t.outcome("the forged 'from' was replaced with the sender's full JID");
    },
  },
  {
    id: 'RFC6120-8.1.3-1',
    cite: {
      '3920': {
        section: '9.2.3',
        keyword: 'MUST',
        quote: "An entity that receives an IQ request of type \"get\" or \"set\" MUST reply with an IQ response of type \"result\" or \"error\" (the response MUST preserve the 'id' attribute of the request).",
      },
      '6120': {
        section: '8.1.3',
        keyword: ['REQUIRED', 'MUST'],
        quote: "If the generated stanza includes an 'id' attribute then it is REQUIRED for the response or error stanza to also include an 'id' attribute, where the value of the 'id' attribute MUST match that of the generated stanza.",
      },
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
      '3920': {
        section: '9.2.3',
        keyword: 'MUST',
        quote: "An entity that receives an IQ request of type \"get\" or \"set\" MUST reply with an IQ response of type \"result\" or \"error\" (the response MUST preserve the 'id' attribute of the request).",
        changed: 'RFC 6120 §8.4 requires a <service-unavailable/> error (MUST); under RFC 3920 that is RFC 3921 §2.4, a SHOULD',
      },
      '6120': {
        section: '8.4',
        keyword: 'MUST',
        quote: 'If an intended recipient receives an IQ stanza of type "get" or "set" containing a child element qualified by a namespace it does not understand, then the entity MUST return an IQ stanza of type "error" with an error condition of <service-unavailable/>.',
      },
    },
    requirement: 'An IQ get in an unknown namespace, to the server or on behalf of the account, is answered: with <service-unavailable/> (RFC 6120 MUST; RFC 3921 §2.4 SHOULD), of type cancel (SHOULD).',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const targets: [string, string | undefined][] = [['no to', undefined], ['to the domain', t.domain], ["to the account's bare JID", bare(s.jid!)]];
      for (const [what, to] of targets) judgeUnknownNamespace(t, await s.iq(iq('get', { to }, unknownQuery())), what);
    },
  },
  {
    id: 'RFC6120-8.2.3-2',
    cite: {
      '3920': {
        section: '9.3.1',
        keyword: 'MUST',
        quote: 'The receiving or processing entity that detects an error condition in relation to a stanza MUST return to the sending entity a stanza of the same kind (message, presence, or IQ), whose \'type\' attribute is set to a value of "error" (such a stanza is called an "error stanza" herein).',
      },
      '6120': {
        section: '8.3.1',
        keyword: 'MUST',
        quote: 'The receiving or processing entity that detects an error condition in relation to a stanza SHOULD return an error stanza (and MUST do so for IQ stanzas).',
      },
    },
    requirement: 'An IQ get with no payload or with two payloads, which breaks the one-child rule (RFC 6120 §8.2.3, RFC 3920 §9.2.3: MUST contain exactly one), is answered with an error stanza (<bad-request/> expected), never a result.',
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
        const error = t.expectError(response, []);
        t.outcome(`${what}: <${error?.condition ?? '?'}/>`);
      }
    },
  },
  {
    id: 'RFC6120-8.2.3-3',
    cite: {
      '3920': {
        section: '9.3.1',
        keyword: 'MUST',
        quote: 'The receiving or processing entity that detects an error condition in relation to a stanza MUST return to the sending entity a stanza of the same kind (message, presence, or IQ), whose \'type\' attribute is set to a value of "error" (such a stanza is called an "error stanza" herein).',
        changed: 'RFC 6120 §8.2.3 names the error: <bad-request/> (MUST)',
      },
      '6120': {
        section: '8.2.3',
        keyword: 'MUST',
        quote: "The 'type' attribute is REQUIRED for IQ stanzas. The value MUST be one of the following; if not, the recipient or an intermediate router MUST return a <bad-request/> stanza error (Section 8.3.3.1).",
      },
    },
    requirement: "An IQ whose type is none of get, set, result and error ('fetch') is refused with an error stanza (RFC 6120: <bad-request/>), never processed.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const id = newId();
      s.send(x('iq', { type: 'fetch', id, to: t.domain }, x('ping', { xmlns: NS.ping })));
      const open = await settled(s);
      const ending = open ? undefined : await awaitStreamEnd(s);
      const answer = s.received(iqStanza({ id }))[0];
      t.outcome(answer ? `answered ${answer.attrs.type === 'error' ? `<${stanzaError(answer)?.condition ?? '?'}/>` : `with type '${answer.attrs.type}'`}` : ending ? `no answer; the stream ended: ${describeEnding(ending)}` : 'no answer');
      t.check(answer !== undefined && answer.attrs.type === 'error', "an error stanza for an IQ of type 'fetch'",
        answer ?? (ending ? `no answer; the stream ended: ${describeEnding(ending)}` : 'no answer, though a later ping was answered'));
      t.expectError(answer!, t.baseline === '6120' ? ['bad-request'] : []);
    },
  },
  {
    id: 'RFC6120-8.2.3-4',
    cite: {
      '3920': {
        section: '9.2.3',
        keyword: 'MUST NOT',
        quote: 'An entity that receives a stanza of type "result" or "error" MUST NOT respond to the stanza by sending a further IQ response of type "result" or "error"; …',
      },
      '6120': {
        section: '8.2.3',
        keyword: 'MUST NOT',
        quote: 'An entity that receives a stanza of type "result" or "error" MUST NOT respond to the stanza by sending a further IQ response of type "result" or "error"; …',
      },
    },
    requirement: 'The server never answers an IQ of type result or error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const ids = [newId(), newId()];
      s.send(iq('result', { to: t.domain, id: ids[0] }));
      s.send(iq('error', { to: t.domain, id: ids[1] }, x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors }))));
      await t.nothingArrived(s, iqStanza({ where: (el) => ids.includes(el.attrs.id) }, 'an answer to the unsolicited IQ result or error'), 'answer to an unsolicited IQ result or error', () => s.sync());
    },
  },
  {
    id: 'RFC6120-8.3.1-1',
    cite: {
      '3920': {
        section: '9.3.2',
        keyword: 'MUST',
        quote: "The value of the <error/> element's 'type' attribute MUST be one of the following: … The <error/> element: … MUST contain a child element corresponding to one of the defined stanza error conditions specified below; …",
      },
      '6120': {
        section: '8.3.2',
        keyword: 'MUST',
        quote: 'The "error-type" MUST be one of the following: … The "defined-condition" MUST correspond to one of the stanza error conditions defined under Section 8.3.3.',
      },
    },
    requirement: "Error stanzas have type error, the request's id, an <error/> with a defined type and one defined condition; addresses swapped (RFC 6120 §8.3.1: SHOULD).",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const requests: [string, Element][] = [
        ['an unknown namespace at the domain', iq('get', { to: t.domain }, unknownQuery())],
        ["an unknown namespace at the account's bare JID", iq('get', { to: bare(s.jid!) }, unknownQuery())],
        ['an unknown namespace at an account that does not exist', iq('get', { to: nobody(t) }, unknownQuery())],
      ];
      for (const [what, request] of requests) {
        // the wait matched the request's id: the id is kept
        const response = await s.iq(request);
        t.check(response.attrs.type === 'error', `type='error' for ${what}`, response);
        t.expectError(response, []);
        // §8.1.2.1: what the server says on behalf of the account may also come without a from
        const onBehalf = sameJid(request.attrs.to, bare(s.jid!)) && response.attrs.from === undefined;
        const swapped = (onBehalf || sameJid(response.attrs.from, request.attrs.to)) && (response.attrs.to === undefined || sameJid(response.attrs.to, s.jid));
        if (t.baseline === '6120') t.should(swapped, `from='${request.attrs.to}' and to='${s.jid}' or none for ${what} (RFC 6120 §8.3.1: the error stanza SHOULD swap the addresses)`, response);
        else t.outcome(`${what}: addresses ${swapped ? 'swapped' : `not swapped (from='${response.attrs.from ?? ''}')`}`);
      }
    },
  },
  {
    id: 'RFC6120-8.3.1-2',
    cite: {
      '3920': { section: '9.3.1', keyword: 'MUST NOT', quote: 'An entity that receives an error stanza MUST NOT respond to the stanza with a further error stanza; this helps to prevent looping.' },
      '6120': { section: '8.3.1', keyword: 'MUST NOT', quote: 'An entity that receives an error stanza MUST NOT respond to the stanza with a further error stanza; this helps to prevent looping.' },
    },
    requirement: 'The server never answers an error stanza with another error.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const id = newId();
      s.send(x('message', { to: nobody(t), type: 'error', id }, x('error', { type: 'cancel' }, x('item-not-found', { xmlns: NS.stanzaErrors }))));
      await t.nothingArrived(s, message({ id }), 'answer to a message of type error sent to an account that does not exist', () => s.sync());
    },
  },
  {
    id: 'RFC6120-8.1.5-1',
    cite: {
      '3920': {
        section: '4.4',
        keyword: ['SHOULD', 'MUST NOT'],
        quote: "For all stanzas sent over the initial stream, if the initiating entity does not include an 'xml:lang' attribute, the receiving entity SHOULD apply the default value; if the initiating entity does include an 'xml:lang' attribute, the receiving entity MUST NOT modify or delete it …",
      },
      '6120': {
        section: '8.1.5',
        keyword: ['SHOULD', 'MUST NOT'],
        quote: "If an outbound stanza generated by a client does not possess an 'xml:lang' attribute, the client's server SHOULD add an 'xml:lang' attribute whose value is that specified for the client's output stream … A server MUST NOT modify or delete 'xml:lang' attributes on stanzas it receives from other entities.",
      },
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
      '3920': {
        doc: 'RFC 3921',
        section: '2.4',
        keyword: 'SHOULD',
        quote: 'Router: If a routing entity (usually a server) handles a stanza that contains a child element it does not understand, it SHOULD ignore the associated XML data by passing it on untouched to the recipient.',
        changed: 'RFC 6120 §8.4 makes it a MUST',
      },
      '6120': {
        section: '8.4',
        keyword: 'MUST',
        quote: 'If a server handles a stanza that is intended for delivery to another entity and that contains a child element it does not understand, it MUST route the stanza unmodified to a remote server or deliver the stanza unmodified to a connected client associated with a local account.',
      },
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
]);
