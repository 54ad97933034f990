import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Suite } from '../../src/engine/case.js';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { defineCases } from '../../src/engine/case.js';
import { xmppCore } from '../../suites/rfc6120/index.js';
import { CaseContext } from '../../src/engine/context.js';
import { message } from '../../src/session/match.js';
import { iq } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { ACCOUNTS, casesById, harnessEnvironment, runAgainst, startHarness, testAccounts } from '../support/harness.js';
import { testCite } from '../support/reports.js';

/** The core suite cut down to some of its cases. */
function core(...ids: string[]): Suite[] {
  return [{ spec: 'xmpp-core', role: 'server', cases: xmppCore.cases.filter((c) => ids.includes(c.id)) }];
}

let server: HarnessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('verdicts against an in-process server', () => {
  it('passes requirements the server meets', async () => {
    server = await startHarness();
    const report = await runAgainst({ port: server.port, suites: core('RFC6120-4.2-1', 'RFC6120-4.7.1-1', 'RFC6120-4.3.3-1', 'RFC6120-4.9.3.6-1') });
    const cases = casesById(report);
    for (const id of ['RFC6120-4.2-1', 'RFC6120-4.7.1-1', 'RFC6120-4.3.3-1', 'RFC6120-4.9.3.6-1']) {
      expect(cases.get(id)?.verdict, `${id}: ${cases.get(id)?.reason}`).toBe('pass');
    }
    const restarts = cases.get('RFC6120-4.3.3-1')!;
    expect(restarts.transcript.some((e) => e.direction === 'sent' && e.data.includes('<starttls'))).toBe(true);
  });

  it('fails a MUST the server breaks, with expected and actual, and warns for the same miss under a SHOULD baseline', async () => {
    server = await startHarness({ headerWithoutFrom: true });
    const strict = casesById(await runAgainst({ port: server.port, suites: core('RFC6120-4.7.1-1'), baseline: '6120' })).get('RFC6120-4.7.1-1')!;
    expect(strict.verdict).toBe('fail');
    expect(strict.keyword).toBe('MUST');
    expect(strict.findings[0]).toMatchObject({ strength: 'must', expected: `from='example.test'`, actual: 'no from attribute' });
    const lenient = casesById(await runAgainst({ port: server.port, suites: core('RFC6120-4.7.1-1'), baseline: '3920' })).get('RFC6120-4.7.1-1')!;
    expect(lenient.verdict).toBe('warn');
    expect(lenient.keyword).toBe('SHOULD');
  });

  it('fails a server that routes stanzas before authentication', async () => {
    server = await startHarness({ routeBeforeAuth: true });
    const result = casesById(await runAgainst({ port: server.port, suites: core('RFC6120-4.9.3.12-1') })).get('RFC6120-4.9.3.12-1')!;
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/the recipient receives nothing/);
  });

  it('fails a wait for an answer that never comes, naming what was expected', async () => {
    server = await startHarness({ ignoreServerIqs: true });
    const result = casesById(await runAgainst({ port: server.port, suites: core('RFC6120-11.7-1'), stepMs: 500 })).get('RFC6120-11.7-1')!;
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/a response to <iq id=.*nothing matching arrived within 500 ms/);
  });

  it('reports ERROR, not FAIL, when the tool cannot log in, and the level is incomplete', async () => {
    server = await startHarness({ mechanisms: ['X-UNKNOWN'] });
    const report = await runAgainst({ port: server.port, suites: core('RFC6120-4.9.3.24-1', 'RFC6120-4.2-1') });
    const cases = casesById(report);
    expect(cases.get('RFC6120-4.9.3.24-1')!.verdict).toBe('error');
    expect(cases.get('RFC6120-4.9.3.24-1')!.reason).toMatch(/could not log in as (alice|bob|carol)@example\.test: no usable SASL mechanism/);
    expect(cases.get('RFC6120-4.2-1')!.verdict).toBe('pass');
    expect(report.level.verdict).not.toBe('pass');
  });

  it('stops before any case when a password is refused, having tried it once, and leaves no connection open', async () => {
    server = await startHarness();
    const report = await runAgainst({
      port: server.port,
      accounts: { alice: 'not-alices-password', bob: ACCOUNTS.bob },
      suites: core('RFC6120-8.1.3-1', 'RFC6120-8.2.3-1', 'RFC6120-8.4-1'),
    });
    const cases = [...casesById(report).values()];
    expect(cases).toHaveLength(3);
    for (const c of cases) {
      expect([c.verdict, c.skipKind]).toEqual(['skip', 'not-run']);
      expect(c.reason).toBe('not run: the server refused the password of alice@example.test (SASL <not-authorized/>); each was tried once only, so no account is locked out');
    }
    expect(report.level.verdict).toBe('incomplete');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.connections.size, 'connections the tool left open').toBe(0);
  });

  it('stops before any case when the server refuses in-band registration, having asked once', async () => {
    server = await startHarness();
    const report = await runAgainst({ port: server.port, register: true, suites: core('RFC6120-8.1.3-1', 'RFC6120-8.2.3-1', 'RFC6120-8.4-1') });
    const cases = [...casesById(report).values()];
    expect(cases.map((c) => c.skipKind)).toEqual(['not-run', 'not-run', 'not-run']);
    for (const c of cases) expect(c.reason).toBe('not run: --register: the server refused in-band registration: it ended the stream with <not-authorized/>; give accounts with --account instead');
    expect(report.stats?.connections).toBe(1);
    expect(report.level.verdict).toBe('incomplete');
  });

  it('closes a session that finishes connecting after its case has ended', async () => {
    server = await startHarness();
    const [alice, bob] = testAccounts();
    const env = { ...(await harnessEnvironment(server.port, [alice!, bob!])), refusedLogins: new Set([alice!.jid]) };
    const t = new CaseContext(env, [alice!, bob!], 'tcp', new Map(), new AbortController().signal, { strength: 'must' });
    // as loginPair does: alice is refused at once, while bob is still connecting
    const bobLogin = t.login(bob!);
    await expect(t.login(alice!)).rejects.toThrow(/refused earlier in this run/);
    await t.finish(1000);
    await expect(bobLogin).rejects.toThrow(/the case ended while this session was connecting/);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.connections.size, 'connections the tool left open').toBe(0);
  });

  it('runs no case when nothing listens, says so in one line, and still completes the report', async () => {
    server = await startHarness();
    const port = server.port;
    await server.close();
    server = undefined;
    const report = await runAgainst({ port, suites: core('RFC6120-4.2-1', 'RFC6120-4.7.1-1') });
    expect(report.unusable).toBe(`nothing listens at 127.0.0.1:${port} (connection refused)`);
    expect([...casesById(report).values()].map((c) => c.skipKind)).toEqual(['not-run', 'not-run']);
    expect(report.complete).toBe(true);
    expect(report.level.verdict).toBe('incomplete');
  });
});

describe('a silent target', () => {
  let silent: net.Server | undefined;
  afterEach(() => silent?.close());

  it('runs no case against a port that never answers a stream header, after one step deadline', async () => {
    // accepts connections and never sends a byte
    silent = net.createServer(() => undefined).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as net.AddressInfo;
    let connections = 0;
    silent.on('connection', () => connections++);
    const started = performance.now();
    const report = await runAgainst({ port, stepMs: 300, suites: core('RFC6120-4.2-1', 'RFC6120-8.1.3-1') });
    expect(report.unusable).toBe(`127.0.0.1:${port} sent nothing in answer to a stream header within 0.3 s: not an XMPP client port, or a silent one`);
    expect(connections).toBe(1);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(report.level.verdict).toBe('incomplete');
  });

  it('stops trying logins once the account check finds no answer, and still runs the cases of the stream', async () => {
    // answers with a stream header, then stalls: an XMPP server that hangs before its features
    silent = net.createServer((socket) => {
      socket.once('data', () => socket.write("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='example.test' version='1.0'>"));
      socket.on('error', () => undefined);
    }).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as net.AddressInfo;
    let streamsOpened = 0;
    silent.on('connection', () => streamsOpened++);
    const report = await runAgainst({ port, stepMs: 300, reruns: 0, suites: core('RFC6120-4.3.2-1', 'RFC6120-8.1.3-1', 'RFC6120-8.2.3-1', 'RFC6120-8.4-1') });
    const cases = casesById(report);
    // the stream case ran on its own connection and saw no features: the target's failure
    expect(cases.get('RFC6120-4.3.2-1')!.verdict).toBe('fail');
    for (const id of ['RFC6120-8.1.3-1', 'RFC6120-8.2.3-1', 'RFC6120-8.4-1']) {
      expect([cases.get(id)!.verdict, cases.get(id)!.skipKind]).toEqual(['skip', 'not-run']);
      expect(cases.get(id)!.reason).toMatch(/^not run: the target did not answer the account check before the run \(could not open a stream as A1: expected <stream:features\/>/);
    }
    // the first contact (2), the account check's logins (alice, bob, carol) and the stream case: no login per case
    expect(streamsOpened).toBe(6);
    expect(report.level.verdict).toBe('fail');
  });
});

describe('temporary errors', () => {
  // a request the case needs answered, made as suites make their preparation requests
  const versionAsked: Suite[] = [{
    spec: 'xmpp-core', role: 'server',
    cases: defineCases({ spec: 'xmpp-core', role: 'server' }, [{
      id: 'TEST-version', cite: testCite(), requirement: 'the server tells its version',
      accounts: 1,
      async run(t) {
        const session = await t.login(t.accounts[0]!);
        const response = await session.iqRetryingWait(iq('get', { to: session.domain }, x('query', { xmlns: NS.version })));
        t.must(response.attrs.type === 'result', 'a version result', response);
      },
    }]),
  }];

  it('sends a request again after an error of type wait (RFC 6120 §8.3.2), and reports the last answer when it stays temporary', async () => {
    server = await startHarness({ busyVersionRequests: 2 });
    const patient = casesById(await runAgainst({ port: server.port, suites: versionAsked })).get('TEST-version')!;
    expect(patient.verdict, patient.reason).toBe('pass');
    const retries = patient.transcript.filter((e) => e.direction === 'note' && e.data.includes("type='wait'"));
    expect(retries.map((e) => e.data)).toEqual([expect.stringMatching(/attempt 2 of 3/), expect.stringMatching(/attempt 3 of 3/)]);
    const ids = patient.transcript.filter((e) => e.direction === 'sent' && e.data.includes('jabber:iq:version')).map((e) => /id=['"]([^'"]+)/.exec(e.data)?.[1]);
    expect(new Set(ids).size).toBe(3);
    await server.close();

    server = await startHarness({ busyVersionRequests: 3 });
    const busy = casesById(await runAgainst({ port: server.port, suites: versionAsked })).get('TEST-version')!;
    expect(busy.verdict).toBe('fail');
    expect(busy.reason).toMatch(/resource-constraint/);
  });
});

describe('sessions handed from case to case', () => {
  type Step = Parameters<typeof defineCases>[1][number]['run'];
  const sequence = (...steps: [string, number, Step][]): Suite[] => [{
    spec: 'xmpp-core', role: 'server',
    cases: defineCases({ spec: 'xmpp-core', role: 'server' }, steps.map(([id, accounts, run]) => ({
      id, cite: testCite(), requirement: id, accounts, run,
    }))),
  }];
  const discoOfServer = async (t: CaseContext): Promise<void> => {
    const session = await t.login(t.accounts[0]!);
    await session.iq(iq('get', { to: session.domain }, x('query', { xmlns: NS.discoInfo })));
  };
  const loggedInAnew = (transcript: { direction: string; data: string }[]): boolean => transcript.some((e) => e.direction === 'sent' && e.data.includes('<auth '));

  it('gives a later case a quiet session of the same account, but never one that sent presence', async () => {
    server = await startHarness();
    const report = await runAgainst({
      port: server.port, concurrency: 1, accounts: { alice: ACCOUNTS.alice },
      suites: sequence(
        ['TEST-quiet', 1, discoOfServer],
        ['TEST-available', 1, async (t) => { await t.login(t.accounts[0]!, { presence: true }); }],
        ['TEST-after-presence', 1, discoOfServer],
        ['TEST-again', 1, discoOfServer],
      ),
    });
    const cases = casesById(report);
    for (const c of cases.values()) expect(c.verdict, `${c.id}: ${c.reason}`).toBe('pass');
    // the account check's login serves the first case, which hands it on to the second
    expect(loggedInAnew(cases.get('TEST-quiet')!.transcript)).toBe(false);
    expect(cases.get('TEST-quiet')!.transcript.some((e) => e.direction === 'note' && e.data.startsWith('no new login'))).toBe(true);
    expect(loggedInAnew(cases.get('TEST-available')!.transcript)).toBe(false);
    // the second case made its session available: the third logs in anew, and hands that on
    expect(loggedInAnew(cases.get('TEST-after-presence')!.transcript)).toBe(true);
    expect(loggedInAnew(cases.get('TEST-again')!.transcript)).toBe(false);
    expect(report.stats).toMatchObject({ logins: 2, reusedSessions: 3 });
  });

  it('drops what reached a session before it was handed on', async () => {
    server = await startHarness();
    const bobsSessions: string[] = [];
    const report = await runAgainst({
      port: server.port, concurrency: 1, accounts: { alice: ACCOUNTS.alice, bob: ACCOUNTS.bob },
      suites: sequence(
        ['TEST-send-late', 2, async (t) => {
          const [alice, bob] = await Promise.all(t.accounts.map((a) => t.login(a)));
          bobsSessions.push(bob!.jid!);
          // sent as the case ends, so it is still on its way when the case's sessions are handed on
          alice!.send(x('message', { to: bob!.jid, type: 'chat' }, x('body', {}, 'left over')));
        }],
        ['TEST-inbox-empty', 2, async (t) => {
          const bob = await t.login(t.accounts[1]!);
          bobsSessions.push(bob.jid!);
          await bob.sync();
          t.must(bob.received(message()).length === 0, 'no message from an earlier case', bob.received(message())[0]);
        }],
      ),
    });
    const cases = casesById(report);
    expect(cases.get('TEST-inbox-empty')!.verdict, cases.get('TEST-inbox-empty')!.reason).toBe('pass');
    expect(bobsSessions[1]).toBe(bobsSessions[0]);
    expect(cases.get('TEST-send-late')!.transcript.some((e) => e.direction === 'received' && e.data.includes('left over'))).toBe(true);
  });

  it('keeps no session once the target left the flushing ping unanswered', async () => {
    server = await startHarness({ ignoreServerIqs: true });
    const loginOnly = async (t: CaseContext): Promise<void> => {
      await t.login(t.accounts[0]!);
    };
    const report = await runAgainst({
      port: server.port, concurrency: 1, stepMs: 300, accounts: { alice: ACCOUNTS.alice },
      suites: sequence(['TEST-one', 1, loginOnly], ['TEST-two', 1, loginOnly], ['TEST-three', 1, loginOnly]),
    });
    for (const c of casesById(report).values()) {
      expect(loggedInAnew(c.transcript), c.id).toBe(true);
      // the account check's session met the silence: no case waits on another ping
      expect(c.transcript.filter((e) => e.direction === 'sent' && e.data.includes(NS.ping)), c.id).toEqual([]);
    }
    expect(report.stats).toMatchObject({ logins: 4, reusedSessions: 0 });
  });

  it('closes kept sessions before a case reaches the target its own way, and lets its clean-up finish after the case ends', async () => {
    server = await startHarness();
    let cleanedUp = false;
    const report = await runAgainst({
      port: server.port, concurrency: 1, accounts: { alice: ACCOUNTS.alice },
      suites: sequence(
        ['TEST-quiet', 1, discoOfServer],
        ['TEST-own-way', 1, async (t) => {
          // as raw BOSH requests do: a connection the context does not make
          await t.closeKept();
          t.defer(async () => {
            // a clean-up step obeys stepSignal: by now the case's own signal has fired
            await sleep(20, undefined, { signal: t.stepSignal });
            cleanedUp = true;
          });
        }],
        ['TEST-after', 1, discoOfServer],
      ),
    });
    const cases = casesById(report);
    for (const c of cases.values()) expect(c.verdict, `${c.id}: ${c.reason}`).toBe('pass');
    const own = cases.get('TEST-own-way')!.transcript;
    expect(own.some((e) => e.session === 'A-kept' && e.direction === 'sent' && e.data.includes('</stream:stream>'))).toBe(true);
    expect(own.filter((e) => e.data.startsWith('clean-up step failed'))).toEqual([]);
    expect(cleanedUp).toBe(true);
    // nothing was left to hand on
    expect(loggedInAnew(cases.get('TEST-after')!.transcript)).toBe(true);
  });

  it('logs in anew for every case with --no-session-reuse', async () => {
    server = await startHarness();
    const report = await runAgainst({
      port: server.port, concurrency: 1, accounts: { alice: ACCOUNTS.alice }, reuseSessions: false,
      suites: sequence(['TEST-one', 1, discoOfServer], ['TEST-two', 1, discoOfServer]),
    });
    for (const c of casesById(report).values()) expect(loggedInAnew(c.transcript), c.id).toBe(true);
    expect(report.stats).toMatchObject({ logins: 3, reusedSessions: 0 });
  });
});

describe('deadlines and interruption', () => {
  const stall: Suite[] = [{
    spec: 'xmpp-core',
    role: 'server',
    cases: defineCases({ spec: 'xmpp-core', role: 'server' }, [1, 2, 3].map((n) => ({
      id: `TEST-stall-${n}`, cite: testCite(), requirement: 'never finishes',
      async run(t) {
        const s = await t.connect();
        await s.expect({ describe: 'nothing', test: () => false }, 60_000);
      },
    }))),
  }];

  it('ends a case that overruns its deadline as ERROR', async () => {
    server = await startHarness();
    const report = await runAgainst({ port: server.port, suites: stall, caseTimeoutMs: 300 });
    const result = casesById(report).get('TEST-stall-1')!;
    expect(result.verdict).toBe('error');
    expect(result.reason).toMatch(/did not finish within its deadline of 300 ms/);
  });

  it('keeps finished cases and marks the rest when the run is interrupted', async () => {
    server = await startHarness();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted by SIGINT')), 200);
    const report = await runAgainst({ port: server.port, suites: stall, signal: controller.signal, caseTimeoutMs: 30_000 });
    expect(report.complete).toBe(false);
    expect(report.interruption).toBe('interrupted by SIGINT');
    // cases under way end as errors; those not started yet were not run
    for (const c of casesById(report).values()) {
      expect(c.verdict === 'error' || (c.verdict === 'skip' && c.skipKind === 'not-run'), `${c.id}: ${c.verdict}`).toBe(true);
      expect(c.reason).toMatch(/interrupted by SIGINT/);
    }
    expect(report.level.verdict).toBe('incomplete');
  });
});

describe('secrets', () => {
  it('never writes a password into a report, even base64-encoded in SASL PLAIN', async () => {
    server = await startHarness({ mechanisms: ['PLAIN'] });
    const report = await runAgainst({ port: server.port, suites: core('RFC6120-4.3.3-1', 'RFC6120-11.7-1') });
    expect(casesById(report).get('RFC6120-4.3.3-1')!.verdict).toBe('pass');
    const text = JSON.stringify(report);
    for (const password of Object.values(ACCOUNTS)) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(Buffer.from(`\0alice\0${password}`).toString('base64'));
    }
    expect(text).toContain('[redacted]');
  });
});
