import { afterEach, describe, expect, it } from 'vitest';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { ACCOUNTS, casesById, runAgainst, startHarness } from '../support/harness.js';
import { core } from '../support/core-cases.js';

/** What a run's report must never hold: the passwords it was given, in any form. */

let server: HarnessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
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
