import { chooseMechanism, createExchange, defineCases, describe, type Element, type MechanismName, NS, type SaslCredentials, type Session, token, ToolError, x } from '../../src/authoring.js';
import { clearStream, credentials, saslAnswer, unknownCredentials } from '../lib/sessions.js';
import { type Attempt, attempt, describeAttempt, failureCondition, saslStream } from './sasl.js';

/** Writes an <auth/> element as it is, for payloads the tool's mechanisms would never produce. */
function sendAuth(s: Session, mechanism: string, payload?: string): void {
  s.send(x('auth', { xmlns: NS.sasl, mechanism }, payload));
}

function describeAnswer(el: Element): string {
  return el.getName() === 'failure' ? `<failure><${failureCondition(el) ?? '?'}/></failure>` : describe(el);
}

/** The offered mechanisms the tool can speak. */
function spoken(offered: string[]): MechanismName[] {
  return offered.filter((m): m is MechanismName => chooseMechanism([m]) !== undefined);
}

/** A mechanism that carries its data in <auth/> itself, so an encoding error shows at once. */
function mechanismWithInitialData(s: Session): string {
  return ['PLAIN', 'SCRAM-SHA-1'].find((m) => s.mechanisms.includes(m)) ?? s.mechanisms[0]!;
}

/** Enough wrong passwords to pass the largest retry allowance RFC 6120 §6.4.5 recommends (5). */
const RETRY_PROBES = 7;

/** RFC 3920 §6.2: how a failure reports its cause (SHOULD); RFC 6120 §6.4.5 makes it a MUST. */
const CAUSE_3920 = {
  section: '6.2',
  keyword: 'SHOULD',
  quote: 'The receiving entity reports failure of the handshake by sending a <failure/> element … (the particular cause of failure SHOULD be communicated in an appropriate child element of the <failure/> element as defined under SASL Errors (Section 6.4)).',
  changed: 'RFC 6120 §6.4.5: MUST',
} as const;

const CAUSE_6120 = {
  section: '6.4.5',
  keyword: 'MUST',
  quote: 'The receiving entity reports failure of the handshake for this authentication mechanism by sending a <failure/> element … (the particular cause of failure MUST be communicated in an appropriate child element of the <failure/> element as defined under Section 6.5).',
} as const;

/**
 * Runs a SASL exchange up to <success/> without restarting the stream, for the case that judges
 * the restart itself. Throws when the server answers anything but success.
 */
async function saslWithoutRestart(s: Session, creds: SaslCredentials, mechanism: MechanismName): Promise<void> {
  const exchange = createExchange(mechanism, creds);
  const initial = await exchange.initialResponse();
  sendAuth(s, mechanism, initial === null ? undefined : initial.length === 0 ? '=' : initial.toString('base64'));
  for (;;) {
    const answer = await saslAnswer(s);
    if (answer.getName() === 'success') return;
    if (answer.getName() !== 'challenge') throw new Error(`the server answered ${describeAnswer(answer)}`);
    const response = await exchange.respond(Buffer.from(answer.getText().trim(), 'base64'));
    s.send(x('response', { xmlns: NS.sasl }, response.length ? response.toString('base64') : undefined));
  }
}

/** RFC 6120 §6 (RFC 3920 §6): SASL negotiation and its failures. */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-6.2-1',
    cite: {
      '3920': {
        section: '6.1',
        keyword: 'MUST',
        quote: "If the receiving entity is capable of SASL negotiation, it MUST advertise one or more authentication mechanisms within a <mechanisms/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-sasl' namespace in reply to the opening stream tag received from the initiating entity …",
      },
      '6120': {
        section: '6.2',
        keyword: 'REQUIRED',
        quote: 'Support for SASL negotiation is REQUIRED in XMPP client and server implementations.',
      },
    },
    requirement: 'The server offers SASL: <mechanisms/> with at least one <mechanism/> (after TLS where TLS is offered).',
    async run(t) {
      const s = await t.secureStream();
      const offer = s.features?.getChild('mechanisms', NS.sasl);
      t.check(offer !== undefined && s.mechanisms.length > 0, `<mechanisms xmlns='${NS.sasl}'> with a <mechanism/>`, s.features!);
      t.note(`mechanisms offered: ${s.mechanisms.join(', ')}`);
    },
  },
  {
    id: 'RFC6120-6.3.4-1',
    cite: {
      '3920': {
        section: '6.2',
        keyword: 'MUST NOT',
        quote: 'If Use of TLS (Section 5) needs to be established before a particular authentication mechanism may be used, the receiving entity MUST NOT provide that mechanism in the list of available SASL authentication mechanisms prior to TLS negotiation.',
      },
      '6120': {
        section: '6.3.4',
        keyword: 'MUST NOT',
        quote: 'If the receiving entity considers TLS negotiation (Section 5) to be mandatory-to-negotiate before it will accept authentication with a particular SASL mechanism, it MUST NOT advertise that mechanism in its list of available SASL mechanisms before TLS negotiation has been completed.',
      },
    },
    requirement: 'Every mechanism offered before TLS can be used before TLS (RFC 6120: and PLAIN is not among them, §13.8.3); not applicable where nothing is offered before TLS.',
    async run(t) {
      const s = await clearStream(t);
      const offered = s.mechanisms;
      if (offered.length === 0) t.skip('no SASL mechanism is offered before TLS');
      t.note(`offered in the clear: ${offered.join(', ')}`);
      const testable = spoken(offered);
      if (testable.length === 0) t.skip(`the mechanisms offered in the clear [${offered.join(', ')}] are none the tool speaks`, 'not-run');
      // made-up credentials: the answer shows whether the server would judge them in the clear,
      // and nothing secret crosses the unencrypted stream
      const results = await Promise.all(testable.map(async (mechanism) => attempt(await clearStream(t, mechanism), unknownCredentials(t), mechanism)));
      testable.forEach((mechanism, i) => {
        t.note(`${mechanism} in the clear: ${describeAttempt(results[i]!)}`);
      });
      testable.forEach((mechanism, i) => {
        const r = results[i]!;
        const refused = r.ended === 'stream' || (r.ended === 'failure' && ['encryption-required', 'mechanism-too-weak', 'invalid-mechanism'].includes(r.condition));
        t.check(!refused, `${mechanism}, offered in the clear, is usable in the clear`, describeAttempt(r));
      });
      if (t.baseline === '6120') {
        t.must(!offered.includes('PLAIN'), 'PLAIN not offered on an unencrypted stream (RFC 6120 §13.8.3: "A server MUST NOT offer SASL PLAIN if the confidentiality and integrity of the stream are not protected via TLS or an equivalent security layer.")', `offered in the clear: ${offered.join(', ')}`);
      } else if (offered.includes('PLAIN')) {
        t.note('PLAIN is offered in the clear (RFC 3920 has no rule on it; RFC 6120 §13.8.3 forbids it)');
      }
    },
  },
  {
    id: 'RFC6120-6.4.2-1',
    cite: { '3920': CAUSE_3920, '6120': CAUSE_6120 },
    requirement: 'A mechanism the server does not support is refused with <failure><invalid-mechanism/></failure>, the condition defined for it (RFC 3920 §6.4, RFC 6120 §6.5.7).',
    async run(t) {
      const s = await saslStream(t);
      const bogus = `X-CERTIFY-${token(3).toUpperCase()}`;
      sendAuth(s, bogus);
      const answer = await saslAnswer(s);
      t.check(answer.getName() === 'failure' && failureCondition(answer) === 'invalid-mechanism', `<failure><invalid-mechanism/></failure> for ${bogus}`, describeAnswer(answer));
    },
  },
  {
    id: 'RFC6120-6.5.5-1',
    cite: {
      '3920': {
        section: '14.9',
        keyword: 'MUST',
        quote: 'Both the client and the server MUST verify any [BASE64] data received during SASL negotiation.',
      },
      '6120': {
        section: '13.9.1',
        keyword: 'MUST',
        quote: 'Both the client and the server MUST verify any base 64 data received during SASL negotiation (Section 6).',
      },
    },
    requirement: 'Data that is not valid base64 (a character outside the alphabet; a pad in the middle) is rejected with a <failure/>, whose condition is <incorrect-encoding/> (RFC 3920 §6.2: should; RFC 6120 §6.4.5: must).',
    async run(t) {
      const payloads = ['$$$not-base64$$$', 'AAA=BBB'];
      const answers = await Promise.all(payloads.map(async (payload) => {
        const s = await saslStream(t);
        const mechanism = mechanismWithInitialData(s);
        // the transcript redacts <auth/> payloads; these carry nothing secret
        t.note(`${mechanism} <auth/> carrying "${payload}"`);
        sendAuth(s, mechanism, payload);
        return { mechanism, answer: await saslAnswer(s) };
      }));
      payloads.forEach((payload, i) => {
        const { mechanism, answer } = answers[i]!;
        t.must(answer.getName() === 'failure', `the ${mechanism} data "${payload}" rejected with a <failure/> (RFC 3920 §14.9, RFC 6120 §13.9.1: "MUST reject (not ignore)")`, describeAnswer(answer));
      });
      payloads.forEach((payload, i) => {
        const { mechanism, answer } = answers[i]!;
        const expected = `<failure><incorrect-encoding/></failure> for ${mechanism} data "${payload}"`;
        const actual = describeAnswer(answer);
        if (t.baseline === '6120') t.must(failureCondition(answer) === 'incorrect-encoding', `${expected} (RFC 6120 §6.4.5: the cause MUST be communicated in an appropriate child element)`, actual);
        else t.should(failureCondition(answer) === 'incorrect-encoding', `${expected} (RFC 3920 §6.2: the cause SHOULD be communicated in an appropriate child element)`, actual);
      });
    },
  },
  {
    id: 'RFC6120-6.4.5-1',
    cite: {
      '3920': {
        section: '6.2',
        keyword: 'SHOULD',
        quote: '… (the particular cause of failure SHOULD be communicated in an appropriate child element of the <failure/> element as defined under SASL Errors (Section 6.4)). If the failure case occurs, the receiving entity SHOULD allow a configurable but reasonable number of retries (at least 2) …',
        changed: 'RFC 6120 §6.4.5 makes the cause a MUST',
      },
      '6120': {
        section: '6.4.5',
        keyword: ['MUST', 'SHOULD'],
        quote: '… (the particular cause of failure MUST be communicated in an appropriate child element of the <failure/> element as defined under Section 6.5). … Where appropriate for the chosen SASL mechanism, the receiving entity SHOULD allow a configurable but reasonable number of retries (at least 2 and no more than 5) …',
      },
    },
    requirement: 'A wrong password gets <failure><not-authorized/></failure>, and the stream stays open for a retry: a correct retry on it succeeds.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await saslStream(t);
      const wrong = await attempt(s, credentials(a!, { password: `wrong-${token(6)}` }));
      t.check(wrong.ended === 'failure' && wrong.condition === 'not-authorized', '<failure><not-authorized/></failure> for a wrong password', describeAttempt(wrong));
      const retry = await attempt(s, credentials(a!));
      t.should(retry.ended === 'success', 'a correct retry on the same stream succeeds', describeAttempt(retry));
    },
  },
  {
    id: 'RFC6120-6.5.10-1',
    cite: { '3920': CAUSE_3920, '6120': CAUSE_6120 },
    requirement: 'An unknown user is refused with <not-authorized/>, the condition for credentials that are not valid (RFC 3920 §6.4: "this includes … an unknown username"; RFC 6120 §6.5.10), as a wrong password is: the answer does not tell which accounts exist.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const [known, unknown] = await Promise.all([
        saslStream(t, 'known').then((s) => attempt(s, credentials(a!, { password: `wrong-${token(6)}` }))),
        saslStream(t, 'unknown').then((s) => attempt(s, unknownCredentials(t))),
      ]);
      const both = `wrong password: ${describeAttempt(known)}; unknown user: ${describeAttempt(unknown)}`;
      t.note(both);
      t.check(unknown.ended === 'failure' && unknown.condition === 'not-authorized', '<failure><not-authorized/></failure> for an unknown user', describeAttempt(unknown));
      t.check(known.ended === 'failure' && unknown.ended === 'failure' && known.condition === unknown.condition, 'the same <failure/> condition for a wrong password', both);
    },
  },
  {
    id: 'RFC6120-6.4.5-2',
    cite: {
      '3920': {
        section: '6.2',
        keyword: ['SHOULD', 'MUST'],
        quote: 'If the failure case occurs, the receiving entity SHOULD allow a configurable but reasonable number of retries (at least 2), after which it MUST terminate the TCP connection …',
        changed: 'RFC 6120 §6.4.5: at most 5 retries, then a stream error',
      },
      '6120': {
        section: '6.4.5',
        keyword: ['MUST', 'SHOULD'],
        quote: 'If the initiating entity exceeds the number of retries, the receiving entity MUST close the stream with a stream error, which SHOULD be <policy-violation/> (Section 4.9.3.14), although some existing implementations send <not-authorized/> (Section 4.9.3.12) instead.',
      },
    },
    requirement: 'The server allows at least 2 retries (RFC 6120: at most 5); past its limit it ends the connection (RFC 6120: closes the stream with a stream error, preferably <policy-violation/>).',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await saslStream(t);
      const wrong = (n: number): SaslCredentials => credentials(a!, { password: `wrong-${n}-${token(6)}` });
      let failures = 0;
      let last: Attempt;
      do {
        last = await attempt(s, wrong(failures));
      } while (last.ended === 'failure' && ++failures < RETRY_PROBES);
      t.must(last.ended !== 'success', 'no wrong password accepted', describeAttempt(last));
      const retries = Math.max(0, failures - 1);
      if (last.ended === 'failure') {
        t.outcome(`${failures} wrong passwords answered, the stream still open`);
        // RFC 3920 sets no upper bound: its limit was not reached, and that breaks nothing
        if (t.baseline === '6120') t.should(false, 'a limit of at most 5 retries', `${retries} retries allowed and more possible`);
        return;
      }
      t.outcome(`the stream ended after ${failures} failed attempts (${retries} retries): ${describeAttempt(last)}`);
      t.should(retries >= 2 && (t.baseline === '3920' || retries <= 5), t.baseline === '3920' ? 'at least 2 retries allowed' : 'between 2 and 5 retries allowed', `${retries} retries allowed`);
      if (t.baseline === '3920') {
        t.must(await s.waitClosed(), 'the TCP connection terminated once the retries were used up', s.isClosed ? 'closed' : 'the connection stayed open');
        return;
      }
      const condition = last.ended === 'stream' ? last.condition : undefined;
      t.must(condition !== undefined, 'a stream error once the retries are used up', describeAttempt(last));
      t.should(condition === 'policy-violation', 'the stream error <policy-violation/>', describeAttempt(last));
    },
  },
  {
    id: 'RFC6120-6.4.4-1',
    cite: {
      '3920': {
        absent: 'RFC 3920 §6.4 defines <aborted/> ("sent in reply to the <abort/> element") but no sentence requires the reply; §6.2 only speaks of retries after an <abort/>',
        later: {
          doc: 'RFC 6120',
          section: '6.4.4',
          keyword: 'MUST',
          quote: "Upon receiving an <abort/> element, the receiving entity MUST return a <failure/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-sasl' namespace and containing an <aborted/> child element.",
        },
      },
      '6120': {
        section: '6.4.4',
        keyword: 'MUST',
        quote: "Upon receiving an <abort/> element, the receiving entity MUST return a <failure/> element qualified by the 'urn:ietf:params:xml:ns:xmpp-sasl' namespace and containing an <aborted/> child element.",
      },
    },
    requirement: '<abort/> in the middle of an exchange gets <failure><aborted/></failure>.',
    accounts: 1,
    async run(t) {
      const s = await saslStream(t);
      const mechanism = (['SCRAM-SHA-1', 'DIGEST-MD5'] as const).find((m) => s.mechanisms.includes(m))
        ?? t.skip(`no mechanism with a challenge that the tool speaks: offered ${s.mechanisms.join(', ')}`);
      await t.setup(`start ${mechanism} and receive a challenge`, async () => {
        const initial = await createExchange(mechanism, credentials(t.accounts[0]!)).initialResponse();
        sendAuth(s, mechanism, initial?.toString('base64'));
        const answer = await saslAnswer(s);
        if (answer.getName() !== 'challenge') throw new Error(`the server answered ${describeAnswer(answer)}`);
      });
      s.send(x('abort', { xmlns: NS.sasl }));
      const answer = await saslAnswer(s);
      t.check(answer.getName() === 'failure' && failureCondition(answer) === 'aborted', '<failure><aborted/></failure>', describeAnswer(answer));
    },
  },
  {
    id: 'RFC6120-6.4.6-1',
    cite: {
      '3920': {
        absent: 'RFC 3920 §6.2 lets <success/> carry additional data (MAY) but neither recommends it nor names a mechanism of its own that uses it (SCRAM came with RFC 6120)',
        later: {
          doc: 'RFC 6120',
          section: '6.3.10',
          keyword: 'RECOMMENDED',
          quote: 'For the sake of protocol efficiency, it is REQUIRED for clients and servers to support these methods and RECOMMENDED to use them; however, clients and servers MUST support the less efficient modes as well.',
        },
      },
      '6120': {
        section: '6.3.10',
        keyword: 'RECOMMENDED',
        quote: 'For the sake of protocol efficiency, it is REQUIRED for clients and servers to support these methods and RECOMMENDED to use them; however, clients and servers MUST support the less efficient modes as well.',
      },
    },
    requirement: "With SCRAM-SHA-1 the server sends its final message (the server signature) as additional data with <success/>, as recommended, rather than in a last <challenge/>; either way the signature verifies.",
    accounts: 1,
    async run(t) {
      const s = await saslStream(t);
      if (!s.mechanisms.includes('SCRAM-SHA-1')) t.skip(`SCRAM-SHA-1 is not offered (${s.mechanisms.join(', ')}): no mechanism the tool speaks has additional data with success`);
      const exchange = createExchange('SCRAM-SHA-1', credentials(t.accounts[0]!));
      await t.setup('send the SCRAM-SHA-1 client-first and client-final messages', async () => {
        sendAuth(s, 'SCRAM-SHA-1', (await exchange.initialResponse())!.toString('base64'));
        const first = await saslAnswer(s);
        if (first.getName() !== 'challenge') throw new Error(`the server answered ${describeAnswer(first)}`);
        const final = await exchange.respond(Buffer.from(first.getText().trim(), 'base64'));
        s.send(x('response', { xmlns: NS.sasl }, final.toString('base64')));
      });
      const answer = await saslAnswer(s);
      if (answer.getName() === 'failure') throw new ToolError(`could not log in with the account's password: ${describeAnswer(answer)}`);
      const data = answer.getText().trim();
      // a signature that does not verify is no SCRAM (RFC 5802), which RFC 6120 §13.8.1 makes
      // mandatory; under RFC 3920, which knows no SCRAM, it only warns
      const signature = (ok: boolean, actual: string): boolean => (t.baseline === '6120' ? t.must : t.should).call(t, ok, 'a server signature (v=) that verifies', actual);
      if (answer.getName() === 'success') {
        if (data === '' || data === '=') return void signature(false, 'an empty <success/>, and no server-final-message before it');
        const check = exchange.verifySuccess(Buffer.from(data, 'base64'));
        signature(check.verified, check.detail);
        t.outcome('the server-final-message came as additional data with <success/>');
        // the client restarts the stream after <success/> (RFC 6120 §6.4.6), so it ends cleanly
        await t.setup('restart the stream after <success/>', () => s.open());
        return;
      }
      // the less efficient mode: the server-final-message in a last challenge, then an empty success
      const check = exchange.verifySuccess(Buffer.from(data, 'base64'));
      signature(check.verified, check.detail);
      t.check(false, 'the server-final-message as additional data with <success/>', `it came in a <challenge/>`);
      s.send(x('response', { xmlns: NS.sasl }));
      const success = await saslAnswer(s);
      t.outcome(`the server-final-message came in a last <challenge/>; after an empty <response/>: ${describeAnswer(success)}`);
      if (success.getName() === 'success') await t.setup('restart the stream after <success/>', () => s.open());
    },
  },
  {
    id: 'RFC6120-6.3.2-1',
    cite: {
      '3920': {
        section: '6.2',
        keyword: 'MUST',
        quote: 'Upon receiving the new stream header from the initiating entity, the receiving entity MUST respond by sending a new XML stream header to the initiating entity, along with any available features (but not including the STARTTLS and SASL features) or an empty <features/> element …',
      },
      '6120': {
        section: '6.4.6',
        keyword: 'MUST',
        quote: 'Upon receiving the new initial stream header from the initiating entity, the receiving entity MUST respond by sending a new response stream header to the initiating entity (for which it MUST generate a new stream ID instead of reusing the old stream ID).',
      },
    },
    requirement: 'After <success/> the restarted stream gets a new response header and features: RFC 3920, features without SASL or STARTTLS; RFC 6120, a new stream id.',
    accounts: 1,
    async run(t) {
      const s = await saslStream(t);
      const before = s.streamId;
      const mechanism = chooseMechanism(s.mechanisms.filter((m) => m !== 'PLAIN' || s.tlsInfo !== undefined))
        ?? t.skip(`no mechanism the tool uses here: offered ${s.mechanisms.join(', ')}`, 'not-run');
      await t.setup(`authenticate as ${t.accounts[0]!.jid} with ${mechanism}`, () => saslWithoutRestart(s, credentials(t.accounts[0]!), mechanism));
      // the restart is what the case judges: a missing header or features is a finding
      await s.open();
      t.note(`stream id ${before ?? '(none)'} before SASL, ${s.streamId ?? '(none)'} after`);
      const offered = (name: string, ns: string): boolean => s.features?.getChild(name, ns) !== undefined;
      if (t.baseline === '3920') {
        t.check(!offered('mechanisms', NS.sasl) && !offered('starttls', NS.tls), 'no SASL or STARTTLS feature after SASL', s.features!);
        return;
      }
      t.check(s.streamId !== undefined && s.streamId !== before, 'a new stream id on the restarted stream', `${before ?? '(none)'} before, ${s.streamId ?? '(none)'} after`);
      if (offered('mechanisms', NS.sasl)) t.note('SASL is offered again after SASL succeeded');
    },
  },
  {
    id: 'RFC6120-6.3.8-1',
    cite: {
      '3920': { ...CAUSE_3920, changed: 'RFC 6120 §6.3.8: the server MUST return <invalid-authzid/>' },
      '6120': {
        section: '6.3.8',
        keyword: 'MUST',
        quote: 'If the initiating entity provides an authorization identity during SASL negotiation, the receiving entity is responsible for verifying that the initiating entity is in fact allowed to assume the specified authorization identity; if not, the receiving entity MUST return an <invalid-authzid/> SASL error as described under Section 6.5.6.',
      },
    },
    requirement: "An authorization identity the user may not act as (another user's JID) is refused with <failure><invalid-authzid/></failure>, with every mechanism the tool speaks (RFC 3920: the condition defined for it in §6.4, SHOULD).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const first = await saslStream(t);
      const mechanisms = spoken(first.mechanisms);
      if (mechanisms.length === 0) t.skip(`no mechanism the tool speaks: offered ${first.mechanisms.join(', ')}`, 'not-run');
      // every mechanism on offer carries an authzid, and each must refuse a foreign one
      const results = await Promise.all(mechanisms.map(async (mechanism, i) => {
        const s = i === 0 ? first : await saslStream(t, mechanism);
        const result = await attempt(s, credentials(a!, { authzid: b!.jid }), mechanism);
        if (result.ended === 'success') {
          const bound = await s.bind().catch((err: Error) => `nothing (${err.message})`);
          t.note(`${mechanism} accepted the authzid ${b!.jid}; the session was then bound as ${bound}`);
        }
        return result;
      }));
      mechanisms.forEach((mechanism, i) => {
        t.outcome(`${mechanism}: ${describeAttempt(results[i]!)}`);
      });
      // the worst first: an authzid accepted, then a refusal with another condition
      const order = mechanisms.map((mechanism, i) => ({ mechanism, r: results[i]! })).sort((x, y) => Number(y.r.ended === 'success') - Number(x.r.ended === 'success'));
      for (const { mechanism, r } of order) {
        t.check(r.ended === 'failure' && r.condition === 'invalid-authzid',
          `${mechanism}: <failure><invalid-authzid/></failure> for ${a!.jid} asking to act as ${b!.jid}`, describeAttempt(r));
      }
    },
  },
]);
