import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { CaseContext } from '../../src/engine/context.js';
import { ACCOUNTS, casesById, harnessEnvironment, runAgainst, startHarness, testAccounts } from '../support/harness.js';
import { core } from '../support/core-cases.js';

/** Logging in to the target: a login that cannot work, a refused password or registration, and a session still connecting when its case ends. */

let server: HarnessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('logins', () => {
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
    // the server sees the tool's close a moment after it is made
    await vi.waitFor(() => expect(server!.connections.size, 'connections the tool left open').toBe(0), { timeout: 2000 });
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
    // the server sees the tool's close a moment after it is made
    await vi.waitFor(() => expect(server!.connections.size, 'connections the tool left open').toBe(0), { timeout: 2000 });
  });
});
