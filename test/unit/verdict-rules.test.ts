import { afterEach, describe, expect, it } from 'vitest';
import { findLevel, resolveLevel } from '../../src/catalogue/levels.js';
import { levelsCommand } from '../../src/cli/info.js';
import { defineCases, type Suite } from '../../src/engine/case.js';
import { planCases } from '../../src/engine/runner.js';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { message } from '../../src/session/match.js';
import { iq, query } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { casesById, runAgainst, startHarness } from '../support/harness.js';
import { testCite } from '../support/reports.js';

/**
 * The rules that make a verdict signable, each against an in-process server that misbehaves on
 * purpose: silence proves nothing without a barrier, setup is not the requirement, an accepted
 * error must be well formed, and a rule the cited text lacks is not applicable.
 */

let server: HarnessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const suite = (cases: Parameters<typeof defineCases>[1]): Suite[] => [{ spec: 'xmpp-core', role: 'server', cases: defineCases({ spec: 'xmpp-core', role: 'server' }, cases) }];

describe('a negative check passes only behind a barrier', () => {
  // "a message to a full JID that is not online is not delivered to another resource", reduced:
  // the check is that nothing arrives at B after A's stanza, proved by a ping answered after it
  const silence = suite([{
    id: 'TEST-silence', cite: testCite(), requirement: 'nothing reaches B', accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      a.send(x('message', { to: `nobody@${t.domain}/gone`, type: 'chat' }, x('body', {}, 'lost')));
      await t.nothingArrived(a, message({ type: 'chat' }), 'chat message back', () => a.sync());
    },
  }]);

  it('passes when the barrier is answered and nothing came', async () => {
    server = await startHarness();
    expect(casesById(await runAgainst({ port: server.port, suites: silence })).get('TEST-silence')?.verdict).toBe('pass');
  });

  it('is unproven, never a pass, when the target answers nothing at all', async () => {
    server = await startHarness({ ignoreServerIqs: true });
    const result = casesById(await runAgainst({ port: server.port, suites: silence, stepMs: 300 })).get('TEST-silence')!;
    expect(result.verdict).toBe('skip');
    expect(result.skipKind).toBe('unproven');
    expect(result.reason).toMatch(/^unproven: no chat message back arrived/);
  });

  it('fails when what must not arrive arrives before the barrier', async () => {
    server = await startHarness();
    const echo = suite([{
      id: 'TEST-echo', cite: testCite(), requirement: 'nothing reaches A', accounts: 1,
      async run(t) {
        const a = await t.login(t.accounts[0]!);
        a.send(x('message', { to: a.jid!, type: 'chat' }, x('body', {}, 'to myself')));
        await t.nothingArrived(a, message({ type: 'chat' }), 'chat message', () => a.sync());
      },
    }]);
    const result = casesById(await runAgainst({ port: server.port, suites: echo })).get('TEST-echo')!;
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/expected no chat message; got <message/);
  });
});

describe('an accepted error answer is checked for its structure', () => {
  const unknownNamespace = suite([{
    id: 'TEST-error', cite: testCite(), requirement: 'an unknown namespace gets service-unavailable', accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      t.expectError(await a.iq(iq('get', { to: t.domain }, query('urn:example:unknown'))), ['service-unavailable']);
    },
  }]);

  it('passes a well-formed error', async () => {
    server = await startHarness();
    expect(casesById(await runAgainst({ port: server.port, suites: unknownNamespace })).get('TEST-error')?.verdict).toBe('pass');
  });

  it("fails an error whose <error/> has no 'type', though its condition is the one expected", async () => {
    server = await startHarness({ malformedErrors: true });
    const result = casesById(await runAgainst({ port: server.port, suites: unknownNamespace })).get('TEST-error')!;
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/well formed.*the <error\/> has no 'type'/);
  });
});

describe('setup is not the requirement', () => {
  // the version request stands for a publish that only sets the scene of another requirement
  const scene = suite([{
    id: 'TEST-setup', cite: testCite(), requirement: 'a requirement after a preparation step', accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      await t.setupIq('ask the server its version', a, iq('get', { to: t.domain }, query(NS.version)));
      t.must(true, 'what the case checks after the scene is set');
    },
  }]);

  it('retries a temporary error once, then goes on', async () => {
    server = await startHarness({ busyVersionRequests: 1 });
    const result = casesById(await runAgainst({ port: server.port, suites: scene, reuseSessions: false })).get('TEST-setup')!;
    expect(result.verdict, result.reason).toBe('pass');
    expect(result.transcript.some((e) => e.direction === 'note' && e.data.includes('temporary error'))).toBe(true);
  });

  it('ends as ERROR naming the step, not FAIL, when the scene cannot be set', async () => {
    server = await startHarness({ busyVersionRequests: 2 });
    const result = casesById(await runAgainst({ port: server.port, suites: scene, reuseSessions: false })).get('TEST-setup')!;
    expect(result.verdict).toBe('error');
    expect(result.reason).toMatch(/^could not ask the server its version: the target answered <iq .*resource-constraint/);
  });
});

describe('the text a run judges by', () => {
  const onlyIn6120 = defineCases({ spec: 'xmpp-core', role: 'server' }, [{
    id: 'RFC6120-0-1', requirement: 'a rule RFC 3920 does not have',
    cite: {
      '3920': { absent: 'RFC 3920 has no such rule' },
      '6120': { section: '4.3.5', keyword: 'MUST', quote: 'the receiving entity MUST NOT accept the stanza' },
    },
    async run(t) { t.must(false, 'never run under 3920'); },
  }]);
  const rows = (baseline: '3920' | '6120') => resolveLevel(findLevel('core-server'), 'server', baseline);

  it('cites the baseline RFC with its own section, keyword and words, linked to the section', () => {
    const [planned] = planCases(rows('6120'), [{ spec: 'xmpp-core', role: 'server', cases: onlyIn6120 }], 'server', '6120', ['tcp']);
    expect(planned?.citation).toMatchObject({ doc: 'RFC 6120', section: '4.3.5', keyword: 'MUST', quote: 'the receiving entity MUST NOT accept the stanza', url: 'https://www.rfc-editor.org/rfc/rfc6120#section-4.3.5' });
    expect(planned?.strength).toBe('must');
  });

  it('reports a rule RFC 3920 lacks as not applicable under --core 3920, naming the document', async () => {
    server = await startHarness();
    const report = await runAgainst({ port: server.port, suites: [{ spec: 'xmpp-core', role: 'server', cases: onlyIn6120 }], baseline: '3920' });
    const result = casesById(report).get('RFC6120-0-1')!;
    expect(result.verdict).toBe('skip');
    expect(result.skipKind).toBe('not-applicable');
    expect(result.reason).toBe('not in RFC 3920: RFC 3920 has no such rule');
    expect(report.specs.find((s) => s.spec === 'xmpp-core')?.verdict).toBe('untested');
  });

  it('runs a rule only a later text states for information: even t.must at most warns', async () => {
    server = await startHarness();
    const later = defineCases({ spec: 'xmpp-core', role: 'server' }, [{
      id: 'RFC6120-0-2', requirement: 'a rule RFC 6120 added',
      cite: {
        '3920': { absent: 'RFC 3920 has no such rule', later: { doc: 'RFC 6120', section: '4.3.6', keyword: 'MUST', quote: 'the server MUST do what RFC 3920 did not ask' } },
        '6120': { section: '4.3.6', keyword: 'MUST', quote: 'the server MUST do what RFC 3920 did not ask' },
      },
      async run(t) { t.must(false, 'what the later text asks', 'not done'); },
    }]);
    const judged = async (baseline: '3920' | '6120') => casesById(await runAgainst({ port: server!.port, suites: [{ spec: 'xmpp-core', role: 'server', cases: later }], baseline, reruns: 0 })).get('RFC6120-0-2')!;
    const informational = await judged('3920');
    expect([informational.verdict, informational.strength, informational.citation.later]).toEqual(['warn', 'should', true]);
    expect((await judged('6120')).verdict).toBe('fail');
  });

  it('judges a XEP by the version in force the day the level was approved', () => {
    const version = (level: string) => resolveLevel(findLevel(level), 'server', '3920').find((r) => r.spec === 'xep-0045')?.version;
    expect(version('intermediate-server')).toBe('1.22');
    expect(version('advanced-server')).toBe('1.24');
  });

  it('names the approval day and the version judged in the levels table', () => {
    const table = JSON.parse(levelsCommand({ json: true, core: '3920' })) as { levels: { id: string; approved: string; specs: { spec: string; version?: string }[] }[] };
    const level = table.levels.find((l) => l.id === 'intermediate-server')!;
    expect(level.approved).toBe('2007-07-11');
    expect(level.specs.find((s) => s.spec === 'XEP-0045')?.version).toBe('1.22');
    expect(level.specs.find((s) => s.spec === 'RFC 3920')?.version).toBeUndefined();
    expect(levelsCommand({ core: '3920' })).toMatch(/XEP-0045 v1\.22 +Multi-User Chat/);
  });
});

describe('a target that fails only now and then', () => {
  // the body stands for a target: it decides, run by run, whether the requirement is met
  const scripted = (id: string, outcomes: boolean[], strength: 'must' | 'should'): Suite[] => {
    let run = 0;
    return suite([{
      id, cite: testCite(), requirement: 'what the scripted target does, run by run', accounts: 0,
      async run(t) {
        const ok = outcomes[Math.min(run++, outcomes.length - 1)]!;
        t[strength](ok, 'the behaviour', `run ${run}: not seen`);
      },
    }]);
  };
  const judge = async (outcomes: boolean[], reruns?: number, strength: 'must' | 'should' = 'must') => {
    server ??= await startHarness();
    const report = await runAgainst({ port: server.port, suites: scripted('TEST-flaky', outcomes, strength), reruns });
    return casesById(report).get('TEST-flaky')!;
  };

  it('fails at once, alone again, and is judged a failure without more runs', async () => {
    const result = await judge([false, false, true]);
    expect(result.verdict).toBe('fail');
    expect(result.intermittent).toBeUndefined();
    expect(result.notes).toContain('run 2 times, the others after the rest of the run: fail every time');
  });

  it('passes every run alone after failing beside other cases: PASS, reported as intermittent', async () => {
    const result = await judge([false, true, true]);
    expect(result.verdict).toBe('pass');
    expect(result.intermittent).toEqual({ failed: 1, runs: 3 });
    expect(result.notes).toContain('intermittent: did not pass 1 of 3 runs (the first under the load of the whole run, the others after it)');
  });

  it('fails again alone after a pass: FAIL, marked intermittent', async () => {
    const result = await judge([false, true, false]);
    expect(result.verdict).toBe('fail');
    expect(result.intermittent).toEqual({ failed: 2, runs: 3 });
    expect(result.reason).toMatch(/^intermittent: did not pass 2 of 3 runs .*; expected the behaviour; got run 3: not seen/);
  });

  it('runs a SHOULD it missed again too: a warning that does not come back is a PASS, reported as intermittent', async () => {
    const result = await judge([false, true, true], undefined, 'should');
    expect([result.verdict, result.intermittent]).toEqual(['pass', { failed: 1, runs: 3 }]);
    const steady = await judge([false, false], undefined, 'should');
    expect([steady.verdict, steady.intermittent]).toEqual(['warn', undefined]);
  });

  it('judges the first run with --reruns 0', async () => {
    const result = await judge([false, true, true], 0);
    expect(result.verdict).toBe('fail');
    expect(result.notes).toEqual([]);
  });
});

describe('per-run counters', () => {
  it('counts each target its own logins and connections when targets run at once', async () => {
    const logins = suite([{
      id: 'TEST-logins', cite: testCite(), requirement: 'two logins', accounts: 2,
      async run(t) {
        await Promise.all(t.accounts.map((a) => t.login(a)));
      },
    }]);
    server = await startHarness();
    const other = await startHarness();
    try {
      const alone = await runAgainst({ port: server.port, suites: logins, reuseSessions: false });
      const [first, second] = await Promise.all([server, other].map((s) => runAgainst({ port: s.port, suites: logins, reuseSessions: false })));
      expect(alone.stats?.logins).toBeGreaterThan(0);
      for (const report of [first!, second!]) expect(report.stats).toMatchObject({ logins: alone.stats!.logins, connections: alone.stats!.connections });
    } finally {
      await other.close();
    }
  });
});
