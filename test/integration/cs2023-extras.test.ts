import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SOFTWARE, startFixture, type FixtureServer } from '../../fixtures/servers/index.js';
import { accountArgs, allCases, runCli, runTool, summary, targetArgs } from '../support/cli.js';
import { expectSoundRun, failedCleanups, FindingsLedger, spec } from '../support/verdicts.js';

/**
 * The Compliance Suites 2023 specs beside the stream and the MUC: XEP-0363 (upload over HTTPS),
 * XEP-0049 and XEP-0223 (private storage), XEP-0048 and XEP-0402 (bookmarks), XEP-0249 and
 * XEP-0410 (group chat), XEP-0398 and XEP-0153 (avatar conversion), run with --only on the IM
 * Advanced server level against Prosody and ejabberd. Each spec must be found by behaviour, each
 * failure be a known finding, and the cases leave the accounts as they found them.
 */

const LEVEL = 'cs2023-im-advanced-server';
const SPECS = ['xep-0363', 'xep-0049', 'xep-0223', 'xep-0048', 'xep-0402', 'xep-0249', 'xep-0410', 'xep-0398', 'xep-0153'];
const ONLY = ['XEP0363', 'XEP0049', 'XEP0223', 'XEP0048', 'XEP0402', 'XEP0249', 'XEP0410', 'XEP0398', 'XEP0153'].flatMap((p) => ['--only', p]);
const AVATARS = ['xep-0398', 'xep-0153'];

/** Behaviours each spec rests on; both servers show them. */
const CORE_BEHAVIOURS = [
  'XEP0363-2-1', // a PUT of random bytes and a GET of the same bytes
  'XEP0363-4-2', // https: URLs over a handshake the run trusts
  'XEP0363-6-1', // a Content-Length other than the slot's is refused
  'XEP0049-2.1-1', // a fragment comes back as stored
  'XEP0049-4-1', // another user cannot change it
  'XEP0223-2-1', // whitelist and persistence
  'XEP0048-3-1', // the PEP list is stored
  'XEP0402-3.5-1', // a retract removes a bookmark
  'XEP0402-5.1-1', // bookmarks are hidden from contacts
  'XEP0249-8.4-1', // an invitation arrives as sent
  'XEP0410-3.3-1', // a joined occupant's self-ping is answered by the service
  'XEP0410-3.3-2', // one who left gets <not-acceptable/>
  'XEP0398-3.1-1', // a XEP-0084 avatar becomes the vCard PHOTO
  'XEP0398-4-1', // its hash goes into presence
  'XEP0153-4.5-4', // the PHOTO has no mime-type attribute
];

describe.each(FIXTURE_SOFTWARE)('%s from Debian: uploads, private storage, bookmarks, group chat extras, avatar conversion', (software) => {
  const ledger = new FindingsLedger(software);
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixture(software, { avatarConversion: true });
  });
  afterAll(async () => {
    await server?.stop();
    expect(ledger.stale(), 'known findings no run showed').toEqual([]);
  });

  it('finds every spec by behaviour; its cores pass, every failure is a known finding, no clean-up fails', async () => {
    const run = await runCli([...targetArgs(server), '--level', LEVEL, '--register', ...ONLY, '--no-progress']);
    expectSoundRun(run);
    expect(run.report.specs.map((s) => s.spec).sort()).toEqual([...SPECS].sort());
    for (const id of SPECS) {
      const s = spec(run.report, id);
      expect(s.support?.supported ?? true, `${s.name} found by behaviour: ${s.support?.detail ?? ''}`).toBe(true);
      expect(s.verdict, `${s.name} tested`).not.toMatch(/absent|incomplete|untested/);
    }
    expect(summary(ledger.unexplained(run.report)), 'failures that are not known findings').toBe('');
    const byId = new Map(allCases(run.report).map((c) => [c.id, c]));
    for (const id of CORE_BEHAVIOURS) expect(byId.get(id)?.verdict, `${id}: ${byId.get(id)?.reason ?? 'not in the report'}`).toBe('pass');
    expect(failedCleanups(run.report)).toEqual([]);
  });

  it('twice with the given accounts: the second run finds what the first did (bookmarks, avatars, storage put back)', async () => {
    // the specs whose cases store something in the account (uploads cannot be taken back: XEP-0363 has no delete)
    const stateful = ['XEP0049', 'XEP0223', 'XEP0048', 'XEP0402', 'XEP0398'].flatMap((p) => ['--only', p]);
    const args = [...targetArgs(server), ...accountArgs(server), '--level', LEVEL, ...stateful, '--no-progress'];
    const first = await runCli(args);
    expectSoundRun(first);
    expect(summary(ledger.unexplained(first.report))).toBe('');
    const again = await runCli(args);
    expectSoundRun(again);
    expect(summary(ledger.unexplained(again.report))).toBe('');
    const compared = await runTool(['compare', first.jsonFile, again.jsonFile]);
    expect(compared.code, compared.stdout).toBe(0);
  });
});

describe.each(FIXTURE_SOFTWARE)('%s without avatar conversion', (software) => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixture(software);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('finds XEP-0398 and XEP-0153 absent, by behaviour, and runs none of their cases', async () => {
    const run = await runCli([...targetArgs(server), '--level', LEVEL, '--register', '--only', 'XEP0398', '--only', 'XEP0153', '--no-progress']);
    expectSoundRun(run);
    for (const id of AVATARS) {
      const s = spec(run.report, id);
      expect(s.verdict, s.support?.detail).toBe('absent');
      expect(s.support?.supported).toBe(false);
      expect(s.cases.every((c) => c.verdict === 'skip'), `${s.name}: no case judged`).toBe(true);
    }
  });
});
