import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Suite } from '../../src/engine/case.js';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { defineCases } from '../../src/engine/case.js';
import type { CaseContext } from '../../src/engine/context.js';
import { message } from '../../src/session/match.js';
import { iq } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { ACCOUNTS, casesById, runAgainst, startHarness } from '../support/harness.js';
import { testCite } from '../support/reports.js';

/** Logged-in sessions handed from one case to the next: which ones, what they carry over, and when a case logs in anew. */

let server: HarnessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
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
    expect(cases.size, 'cases in the report').toBe(4);
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
    const cases = [...casesById(report).values()];
    expect(cases.length, 'cases in the report').toBe(3);
    for (const c of cases) {
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
            // (the wait is the point: a step that takes time, which an aborted signal would cut short)
            await sleep(20, undefined, { signal: t.stepSignal });
            cleanedUp = true;
          });
        }],
        ['TEST-after', 1, discoOfServer],
      ),
    });
    const cases = casesById(report);
    expect(cases.size, 'cases in the report').toBe(3);
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
    const cases = [...casesById(report).values()];
    expect(cases.length, 'cases in the report').toBe(2);
    for (const c of cases) expect(loggedInAnew(c.transcript), c.id).toBe(true);
    expect(report.stats).toMatchObject({ logins: 3, reusedSessions: 0 });
  });
});
