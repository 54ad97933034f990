import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SOFTWARE, startFixture, type FixtureServer } from '../../fixtures/servers/index.js';
import { allCases, runCli, summary, targetArgs } from '../support/cli.js';
import { expectSoundRun, failedCleanups, FindingsLedger, spec } from '../support/verdicts.js';

/**
 * Stream management (XEP-0198), carbons (XEP-0280), message archives (XEP-0313) and client
 * state indication (XEP-0352) against real Prosody and ejabberd: each found by behaviour, the
 * behaviours the specs rest on seen working, every failure a known finding, nothing left
 * behind (a clean-up that failed would leave a session or a room for later cases).
 */

/** Behaviours each spec rests on; both fixture servers show every one. */
const CORE_BEHAVIOURS = [
  'XEP0198-3-1', // <enable/> answered
  'XEP0198-4-1', // <a h/> counts the stanzas sent
  'XEP0198-5-3', // a dropped connection resumed, nothing lost, the counts going on
  'XEP0198-5-4', // an unknown SM-ID refused
  'XEP0280-7-1', // the <received/> copy, from the bare JID
  'XEP0280-8-1', // the <sent/> copy, to a resource that did not send
  'XEP0280-9-1', // <private/> not copied
  'XEP0280-10.1-1', // enable, disable, enable: copies follow
  'XEP0313-3.3.1-1', // the account's archive on its bare JID
  'XEP0313-3.5-1', // the stanza-id names the archive and the UID
  'XEP0313-4-1', // <fin> with first and last
  'XEP0313-4.1.1-1', // the with filter
  'XEP0313-4.3.1-1', // an RSM page
  'XEP0313-3.3.2-1', // a room's archive on its bare JID
  'XEP0352-5-2', // inactive changes neither presence nor delivery
  'XEP0352-5.1-1', // what <active/> releases comes before the next answer
];

describe.each(FIXTURE_SOFTWARE)('%s: stream management, carbons, archives and CSI', (software) => {
  const ledger = new FindingsLedger(software);
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixture(software);
  });
  afterAll(async () => {
    await server?.stop();
    expect(ledger.stale(), 'known findings no run showed').toEqual([]);
  });

  it('IM Advanced: XEP-0198, XEP-0280 and XEP-0313 found by behaviour; every failure a known finding', async () => {
    const run = await runCli([...targetArgs(server), '--level', 'cs2023-im-advanced-server', '--register', '--no-progress', '--only', 'XEP0198', '--only', 'XEP0280', '--only', 'XEP0313']);
    expectSoundRun(run);
    const { report } = run;
    expect(summary(ledger.unexplained(report)), 'failures that are not known findings').toBe('');
    for (const id of ['xep-0198', 'xep-0280', 'xep-0313']) expect(spec(report, id).support?.supported, `${id} found`).toBe(true);
    const cases = allCases(report);
    expect(failedCleanups(report)).toEqual([]);
    // the timeout case waits on the server's clock: without --slow it is not run, and says so
    const slow = cases.find((c) => c.id === 'XEP0198-5-5')!;
    expect([slow.verdict, slow.skipKind]).toEqual(['skip', 'not-run']);
    for (const id of CORE_BEHAVIOURS.filter((i) => !i.startsWith('XEP0352'))) {
      expect(cases.find((c) => c.id === id)?.verdict, `${id}: ${cases.find((c) => c.id === id)?.reason ?? 'not in the report'}`).toBe('pass');
    }
  });

  it('Mobile: XEP-0352 found in the stream features and by behaviour; every case passes', async () => {
    const run = await runCli([...targetArgs(server), '--level', 'cs2023-mobile-server', '--register', '--no-progress', '--only', 'XEP0352']);
    expectSoundRun(run);
    const { report } = run;
    const csi = spec(report, 'xep-0352');
    expect(csi.support?.supported).toBe(true);
    expect(csi.support?.advertised).toBe(true);
    expect(summary(allCases(report).filter((c) => c.verdict !== 'pass'))).toBe('');
    expect(allCases(report).map((c) => c.id)).toEqual(expect.arrayContaining(CORE_BEHAVIOURS.filter((i) => i.startsWith('XEP0352'))));
  });
});
