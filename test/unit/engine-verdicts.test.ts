import { afterEach, describe, expect, it } from 'vitest';
import type { Suite } from '../../src/engine/case.js';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { defineCases } from '../../src/engine/case.js';
import { iq } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { casesById, runAgainst, startHarness } from '../support/harness.js';
import { core } from '../support/core-cases.js';
import { testCite } from '../support/reports.js';

/** The verdicts a run gives what an in-process server does: pass, fail, warn, and a request answered with a temporary error. */

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

  it('sends a request again after an error of type wait (RFC 6120 §8.3.2), and reports the last answer when it stays temporary, after trying the case again', async () => {
    server = await startHarness({ busyVersionRequests: 2 });
    const patient = casesById(await runAgainst({ port: server.port, suites: versionAsked })).get('TEST-version')!;
    expect(patient.verdict, patient.reason).toBe('pass');
    const retries = patient.transcript.filter((e) => e.direction === 'note' && e.data.includes("type='wait'"));
    expect(retries.map((e) => e.data)).toEqual([expect.stringMatching(/attempt 2 of 3/), expect.stringMatching(/attempt 3 of 3/)]);
    const ids = patient.transcript.filter((e) => e.direction === 'sent' && e.data.includes('jabber:iq:version')).map((e) => /id=['"]([^'"]+)/.exec(e.data)?.[1]);
    expect(new Set(ids).size).toBe(3);
    await server.close();

    // temporary on every new session, however often tried: a sign of overload that stays, judged as it is
    server = await startHarness({ busyVersionRequests: 3 });
    const busy = casesById(await runAgainst({ port: server.port, suites: versionAsked, reruns: 0, reuseSessions: false })).get('TEST-version')!;
    expect(busy.verdict).toBe('fail');
    expect(busy.reason).toMatch(/resource-constraint/);
    expect(busy.notes).toContainEqual(expect.stringMatching(/^tried 4 times: 3 earlier tries showed signs of overload \(a temporary stanza error \(type='wait'\)\)/));
  });
});
