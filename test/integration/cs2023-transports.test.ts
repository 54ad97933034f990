import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SOFTWARE, startFixture, type FixtureServer } from '../../fixtures/servers/index.js';
import type { CaseResult } from '../../src/report/model.js';
import { allCases, runCli, summary, targetArgs } from '../support/cli.js';
import { expectSoundRun, FindingsLedger, spec } from '../support/verdicts.js';

/**
 * The web transports of the Compliance Suites 2023 against real Prosody and ejabberd: WebSocket
 * (RFC 7395), direct TLS (XEP-0368), host-meta (XEP-0156) and the TLS practice (RFC 7590), each
 * found by behaviour, each failure a known finding; and stanza cases run over WebSocket and
 * direct TLS as over TCP.
 */

const LEVEL = 'cs2023-web-advanced-server';
const SPECS = ['RFC7395', 'XEP0368', 'XEP0156', 'RFC7590'];

/** The endpoints of the fixture, as a user gives them. */
function endpointArgs(server: FixtureServer): string[] {
  return ['--websocket-url', server.websocketUrl, '--direct-tls', server.directTls, '--host-meta-url', server.hostMetaUrl, '--bosh-url', server.boshUrl];
}

const verdictOf = (cases: CaseResult[], id: string, transport = 'tcp'): string | undefined => cases.find((c) => c.id === id && c.transport === transport)?.verdict;

describe.each(FIXTURE_SOFTWARE)('%s: WebSocket, direct TLS, host-meta and TLS practice', (software) => {
  const ledger = new FindingsLedger(software);
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixture(software);
  });
  afterAll(async () => {
    await server?.stop();
    expect(ledger.stale(), 'known findings no run showed').toEqual([]);
  });

  it('finds each spec by behaviour at the endpoints given; every failure a known finding; what the tool cannot offer is skipped with the reason', async () => {
    const run = await runCli([...targetArgs(server), ...endpointArgs(server), '--level', LEVEL, '--register', '--no-progress', ...SPECS.flatMap((p) => ['--only', p])]);
    expectSoundRun(run);
    const { report } = run;
    expect(summary(ledger.unexplained(report)), 'failures that are not known findings').toBe('');
    for (const id of ['rfc7395', 'xep-0368', 'xep-0156']) expect(spec(report, id).support?.supported, `${id} found`).toBe(true);
    const cases = allCases(report);
    // the login over each transport, and what the spec asks of the framing, by behaviour
    for (const id of ['XEP0368-3-2', 'XEP0368-3-4', 'XEP0368-3-5', 'XEP0368-3-8', 'RFC7395-3.1-1', 'RFC7395-3.3.3-1', 'RFC7395-3.3.3-4', 'RFC7395-3.4-2', 'RFC7395-3.7-1', 'RFC7395-3.9-1', 'XEP0156-2.2-1', 'XEP0156-2.2-3', 'XEP0156-4-1']) {
      expect(verdictOf(cases, id), `${id}: ${cases.find((c) => c.id === id)?.reason ?? ''}`).toBe('pass');
    }
    // TLS 1.2 is negotiated, TLS 1.0 and 1.1 are refused by both servers' defaults
    for (const id of ['RFC7590-3.1.1-3', 'RFC7590-3.1.1-4', 'RFC7590-3.1.1-5']) expect(verdictOf(cases, id), id).toBe('pass');
    // SSL 2.0 and 3.0 and RC4 are beyond Node's OpenSSL: not run, saying why
    for (const id of ['RFC7590-3.1.1-1', 'RFC7590-3.1.1-2', 'RFC7590-4.1-2']) {
      const c = cases.find((x) => x.id === id)!;
      expect([c.verdict, c.skipKind]).toEqual(['skip', 'not-run']);
      expect(c.reason).toMatch(/OpenSSL/);
    }
  });

  it('runs stanza cases over WebSocket and direct TLS as over TCP', async () => {
    const run = await runCli([...targetArgs(server), ...endpointArgs(server), '--level', LEVEL, '--register', '--no-progress', '--only', 'RFC6120-10.1', '--only', 'RFC6120-10.5.1']);
    expectSoundRun(run);
    expect(run.report.target.transports).toEqual(['tcp', 'bosh', 'websocket', 'directtls']);
    const cases = allCases(run.report);
    for (const transport of ['tcp', 'websocket', 'directtls']) {
      for (const id of ['RFC6120-10.1-1', 'RFC6120-10.5.1-1']) expect(verdictOf(cases, id, transport), `${id} over ${transport}`).toBe('pass');
    }
    expect(summary(ledger.unexplained(run.report))).toBe('');
  });

  it('without WebSocket and direct TLS: both found absent at the endpoints named, the rest as before', async () => {
    const degraded = await startFixture(software, { disable: ['websocket', 'direct-tls'] });
    try {
      const run = await runCli([...targetArgs(degraded), ...endpointArgs(degraded), '--level', LEVEL, '--register', '--no-progress', ...SPECS.flatMap((p) => ['--only', p])]);
      expectSoundRun(run);
      for (const id of ['rfc7395', 'xep-0368']) {
        expect(spec(run.report, id).support?.supported, `${id} switched off`).toBe(false);
        expect(spec(run.report, id).verdict).toBe('absent');
      }
      // host-meta now names BOSH alone, and that still works
      expect(spec(run.report, 'xep-0156').support?.supported).toBe(true);
      expect(verdictOf(allCases(run.report), 'XEP0156-2.2-3')).toBe('pass');
      expect(summary(ledger.unexplained(run.report)), 'failures that are not known findings').toBe('');
    } finally {
      await degraded.stop();
    }
  });

  it('finds the WebSocket endpoint through host-meta when none is given', async () => {
    const run = await runCli([...targetArgs(server), '--host-meta-url', server.hostMetaUrl, '--level', LEVEL, '--register', '--no-progress', '--only', 'RFC7395-3.4-2']);
    expectSoundRun(run);
    expect(run.stderr).toContain(`WebSocket endpoint ${server.websocketUrl}, from the host-meta at ${server.hostMetaUrl}`);
    expect(verdictOf(allCases(run.report), 'RFC7395-3.4-2')).toBe('pass');
  });
});
