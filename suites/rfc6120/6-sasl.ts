import { defineCases } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { chooseMechanism, createExchange, type MechanismName, type SaslCredentials } from '../../src/session/sasl/index.js';
import { ExpectationError, SaslFailure, type Session } from '../../src/session/session.js';
import { streamErrorCondition, token } from '../../src/session/stanza.js';
import { describe, x, type Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { clearStream, credentials, saslAnswer, unknownCredentials } from '../lib/sessions.js';

/** A stream ready for SASL: opened, and secured where STARTTLS is offered. */
async function saslStream(t: CaseContext, label?: string): Promise<Session> {
  const s = await t.secureStream(label);
  if (s.mechanisms.length === 0) t.skip('the server offers no SASL mechanism (see RFC6120-6.2-1)');
  return s;
}

/** Writes an <auth/> element as it is, for payloads the tool's mechanisms would never produce. */
function sendAuth(s: Session, mechanism: string, payload?: string): void {
  s.send(x('auth', { xmlns: NS.sasl, mechanism }, payload));
}

/** The defined condition of a SASL <failure/>, whatever order its children come in. */
function failureCondition(failure: Element): string | undefined {
  return failure.getChildElements().find((c) => c.getName() !== 'text')?.getName();
}

function describeAnswer(el: Element): string {
  return el.getName() === 'failure' ? `<failure><${failureCondition(el) ?? '?'}/></failure>` : describe(el);
}

/** How one authentication attempt ended. */
type Attempt = { ended: 'success' } | { ended: 'failure'; condition: string; failure: Element } | { ended: 'stream'; condition?: string };

async function attempt(s: Session, creds: SaslCredentials, mechanism?: MechanismName): Promise<Attempt> {
  try {
    await s.authenticate(creds, mechanism);
    return { ended: 'success' };
  } catch (err) {
    if (err instanceof SaslFailure) return { ended: 'failure', condition: failureCondition(err.failure) ?? err.condition, failure: err.failure };
    if (err instanceof ExpectationError && err.reason === 'closed') return { ended: 'stream', condition: s.streamError && streamErrorCondition(s.streamError) };
    throw err;
  }
}

function describeAttempt(a: Attempt): string {
  if (a.ended === 'success') return '<success/>';
  if (a.ended === 'failure') return `<failure><${a.condition}/></failure>`;
  return a.condition ? `stream error <${a.condition}/>` : 'the stream ended without a stream error';
}

/** The offered mechanisms the tool can speak. */
function spoken(offered: string[]): MechanismName[] {
  return offered.filter((m): m is MechanismName => chooseMechanism([m]) !== undefined);
}

/** A mechanism that carries its data in <auth/> itself, so an encoding error shows at once. */
function mechanismWithInitialData(s: Session): string {
  return ['PLAIN', 'SCRAM-SHA-1'].find((m) => s.mechanisms.includes(m)) ?? s.mechanisms[0]!;
}

/** The mandatory-to-implement password mechanism of each baseline (RFC 3920 §14.7, RFC 6120 §13.8). */
const MTI_MECHANISM = { '3920': 'DIGEST-MD5', '6120': 'SCRAM-SHA-1' } as const;

/** Enough wrong passwords to pass the largest retry allowance RFC 6120 §6.4.5 recommends (5). */
const RETRY_PROBES = 7;

/** RFC 6120 §6 (RFC 3920 §6): SASL negotiation, its failures, and the mandatory mechanism (§13.8). */
export default defineCases({ spec: 'xmpp-core', role: 'server' }, [
  {
    id: 'RFC6120-6.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'The server offers SASL: <mechanisms/> with at least one <mechanism/> (after TLS where required).',
    async run(t) {
      const s = await t.secureStream();
      const offer = s.features?.getChild('mechanisms', NS.sasl);
      t.check(offer !== undefined && s.mechanisms.length > 0, `<mechanisms xmlns='${NS.sasl}'> with a <mechanism/>`, s.features!);
      t.note(`mechanisms offered: ${s.mechanisms.join(', ')}`);
    },
  },
  {
    id: 'RFC6120-13.8-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '13.8', keyword: 'MUST', quote: '' },
    },
    requirement: 'The mandatory-to-implement mechanism is offered and works: SCRAM-SHA-1 (RFC 6120), DIGEST-MD5 (RFC 3920).',
    accounts: 1,
    async run(t) {
      const mechanism = MTI_MECHANISM[t.baseline];
      const s = await saslStream(t);
      t.check(s.mechanisms.includes(mechanism), `${mechanism} among the mechanisms`, `offered: ${s.mechanisms.join(', ')}`);
      const result = await attempt(s, credentials(t.accounts[0]!), mechanism);
      t.check(result.ended === 'success', `a successful ${mechanism} login with the account's password`, describeAttempt(result));
    },
  },
  {
    id: 'RFC6120-6.3.4-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.3.4', keyword: 'MUST', quote: '' },
    },
    requirement: 'A mechanism the server allows only under TLS is not offered before TLS; PLAIN should not be offered in the clear at all.',
    async run(t) {
      const s = await clearStream(t);
      const offered = s.mechanisms;
      if (offered.length === 0) return t.outcome('no SASL mechanism is offered before TLS');
      t.note(`offered in the clear: ${offered.join(', ')}`);
      const testable = spoken(offered);
      // made-up credentials: the answer shows whether the server would judge them in the clear,
      // and nothing secret crosses the unencrypted stream
      const results = await Promise.all(testable.map(async (mechanism) => attempt(await clearStream(t, mechanism), unknownCredentials(t), mechanism)));
      testable.forEach((mechanism, i) => t.note(`${mechanism} in the clear: ${describeAttempt(results[i]!)}`));
      testable.forEach((mechanism, i) => {
        const r = results[i]!;
        const refused = r.ended === 'stream' || (r.ended === 'failure' && ['encryption-required', 'mechanism-too-weak', 'invalid-mechanism'].includes(r.condition));
        t.must(!refused, `${mechanism}, offered in the clear, is usable in the clear`, describeAttempt(r));
      });
      t.should(!offered.includes('PLAIN'), 'PLAIN not offered on an unencrypted stream (RFC 6120 §13.9.4)', `offered in the clear: ${offered.join(', ')}`);
    },
  },
  {
    id: 'RFC6120-6.4.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.4.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'A mechanism that was not offered is refused with <failure><invalid-mechanism/></failure>.',
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
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.5.5', keyword: 'MUST', quote: '' },
    },
    requirement: 'Data that is not valid base64 is refused with <failure><incorrect-encoding/></failure>.',
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
        t.check(answer.getName() === 'failure' && failureCondition(answer) === 'incorrect-encoding',
          `<failure><incorrect-encoding/></failure> for ${mechanism} data "${payload}"`, describeAnswer(answer));
      });
    },
  },
  {
    id: 'RFC6120-6.4.5-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.4.5', keyword: 'MUST', quote: '' },
    },
    requirement: 'A wrong password gets <failure><not-authorized/></failure> and the stream stays open: a correct retry succeeds.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await saslStream(t);
      const wrong = await attempt(s, credentials(a!, { password: `wrong-${token(6)}` }));
      t.check(wrong.ended === 'failure' && wrong.condition === 'not-authorized', '<failure><not-authorized/></failure> for a wrong password', describeAttempt(wrong));
      const retry = await attempt(s, credentials(a!));
      t.check(retry.ended === 'success', 'a correct retry on the same stream succeeds', describeAttempt(retry));
    },
  },
  {
    id: 'RFC6120-6.5.10-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '6.5.10', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'An unknown user and a wrong password fail alike, so account names cannot be harvested.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const [known, unknown] = await Promise.all([
        saslStream(t, 'known').then((s) => attempt(s, credentials(a!, { password: `wrong-${token(6)}` }))),
        saslStream(t, 'unknown').then((s) => attempt(s, unknownCredentials(t))),
      ]);
      t.note(`wrong password: ${describeAttempt(known)}; unknown user: ${describeAttempt(unknown)}`);
      t.check(known.ended === 'failure' && unknown.ended === 'failure' && known.condition === unknown.condition,
        'the same <failure/> condition for both', `wrong password: ${describeAttempt(known)}; unknown user: ${describeAttempt(unknown)}`);
    },
  },
  {
    id: 'RFC6120-6.4.5-2',
    cite: {
      '3920': { section: '', keyword: ['SHOULD', 'MUST'], quote: '' },
      '6120': { section: '6.4.5', keyword: ['SHOULD', 'MUST'], quote: '' },
    },
    requirement: 'The server allows 2 to 5 retries; past its limit it ends the stream with a stream error (preferably <policy-violation/>).',
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
      t.check(last.ended !== 'success', 'no wrong password accepted', describeAttempt(last));
      const retries = Math.max(0, failures - 1);
      if (last.ended === 'failure') {
        t.outcome(`${failures} wrong passwords answered, the stream still open`);
        t.should(false, 'a limit of at most 5 retries', `${retries} retries allowed and more possible`);
        return;
      }
      t.outcome(`the stream ended after ${failures} failed attempts (${retries} retries): ${describeAttempt(last)}`);
      t.should(retries >= 2 && retries <= 5, 'between 2 and 5 retries allowed', `${retries} retries allowed`);
      const condition = last.ended === 'stream' ? last.condition : undefined;
      t.must(condition !== undefined, 'a stream error once the retries are used up', describeAttempt(last));
      t.should(condition === 'policy-violation', 'the stream error <policy-violation/>', describeAttempt(last));
    },
  },
  {
    id: 'RFC6120-6.4.4-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.4.4', keyword: 'MUST', quote: '' },
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
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.4.6', keyword: 'MUST', quote: '' },
    },
    requirement: 'Success is signalled with <success/>; with SCRAM it carries a server signature that verifies.',
    accounts: 1,
    async run(t) {
      const s = await saslStream(t);
      const mechanism = (s.mechanisms.includes('SCRAM-SHA-1') ? 'SCRAM-SHA-1' : chooseMechanism(s.mechanisms))
        ?? t.skip(`no mechanism the tool speaks: offered ${s.mechanisms.join(', ')}`);
      try {
        const { serverProof } = await s.authenticate(credentials(t.accounts[0]!), mechanism);
        t.outcome(`${mechanism}: ${serverProof}`);
      } catch (err) {
        if (!(err instanceof SaslFailure)) throw err;
        t.check(err.condition !== 'server-proof-mismatch', `${mechanism} <success/> data that proves the server knows the credentials`, describe(err.failure));
        t.check(false, `<success/> for ${mechanism} with the account's password`, describeAnswer(err.failure));
      }
    },
  },
  {
    id: 'RFC6120-6.3.2-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.3.2', keyword: 'MUST', quote: '' },
    },
    requirement: 'After <success/> the stream restarts: a new response header, and features that no longer offer SASL.',
    accounts: 1,
    async run(t) {
      const s = await saslStream(t);
      const before = s.streamId;
      // authenticate() restarts the stream and waits for the new header and features
      await s.authenticate(credentials(t.accounts[0]!));
      t.note(`stream id ${before ?? '(none)'} before SASL, ${s.streamId ?? '(none)'} after`);
      t.check(s.features?.getChild('mechanisms', NS.sasl) === undefined, 'no <mechanisms/> in the features after SASL', s.features!);
    },
  },
  {
    id: 'RFC6120-6.3.8-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '6.3.8', keyword: 'MUST', quote: '' },
    },
    requirement: 'An authorization identity the user may not act as is refused with <invalid-authzid/> (or <not-authorized/>).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const first = await saslStream(t);
      const mechanisms = spoken(first.mechanisms);
      if (mechanisms.length === 0) t.skip(`no mechanism the tool speaks: offered ${first.mechanisms.join(', ')}`);
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
      mechanisms.forEach((mechanism, i) => t.outcome(`${mechanism}: ${describeAttempt(results[i]!)}`));
      mechanisms.forEach((mechanism, i) => {
        const r = results[i]!;
        t.check(r.ended === 'failure' && ['invalid-authzid', 'not-authorized'].includes(r.condition),
          `${mechanism}: <failure><invalid-authzid/></failure> (or <not-authorized/>) for ${a!.jid} asking to act as ${b!.jid}`, describeAttempt(r));
      });
    },
  },
]);
