import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SOFTWARE, startFixture, type FixtureFeature, type FixtureServer } from '../../fixtures/servers/index.js';
import type { CaseResult, RunReport } from '../../src/report/model.js';
import { accountArgs, allCases, runCli, runTool, summary, targetArgs, type CliRun } from '../support/cli.js';
import { expectSoundRun, failedCleanups, FindingsLedger, secretForms, spec } from '../support/verdicts.js';

/**
 * The real CLI against real Prosody and ejabberd from Debian's packages. A mature server is
 * expected to pass; where one breaks a MUST, the failure must be one of the known findings
 * (findings.ts, each stated from its spec) and show the listed behaviour. Nothing here depends
 * on which server runs: both go through the same assertions.
 */

/** The specs a fixture feature stands for. */
const FEATURE_SPECS: Record<FixtureFeature, string[]> = {
  privacy: ['xep-0016'],
  blocking: ['xep-0191'],
  muc: ['xep-0045'],
  vcard: ['xep-0054'],
  pep: ['xep-0163'],
  bosh: ['xep-0124', 'xep-0206'],
  register: ['xep-0077'],
  'legacy-auth': ['xep-0078'],
  compression: ['xep-0138'],
  version: ['xep-0092'],
  ping: ['xep-0199'],
  websocket: ['rfc7395'],
  'direct-tls': ['xep-0368'],
};

/** Behaviours each spec's core rests on; a conforming server passes every one over TCP. */
const CORE_BEHAVIOURS = [
  'RFC6120-6.4.5-1', // a wrong password gets <not-authorized/>, and a retry on the same stream works
  'RFC6120-6.4.6-1', // SCRAM success carries a server signature that verifies
  'RFC6120-7.7.2.2-1', // a resource conflict is resolved one of the allowed ways
  'RFC6120-8.2.3-1', // an IQ in an unknown namespace gets <service-unavailable/>
  'RFC6120-10.1-1', // stanzas arrive in the order sent
  'RFC6120-11.3-1', // malformed XML ends the stream with <not-well-formed/>
  'RFC6121-3.1.5-1', // approving a subscription: pushes, 'subscribed', then presence
  'RFC6121-4.2.2-1', // initial presence reaches subscribed contacts
  'RFC6121-8.5.3.1-1', // stanzas to a full JID reach that resource
  'XEP0016-2.14-1', // an active list really blocks a message
  'XEP0191-3.3-4', // a block really stops the blocked JID's stanzas
  'XEP0030-3.1-2', // the server's disco#info has an identity and the disco#info feature
  'XEP0045-7.4-1', // groupchat is reflected to every occupant
  'XEP0045-7.5-1', // a private message reaches the occupant
  'XEP0054-3.2-1', // a stored vCard comes back field for field
  'XEP0163-4.3.1-1', // a PEP notification arrives, from the publisher's bare JID
  'XEP0124-8-1', // every BOSH request gets a body within 'wait'
  'XEP0206-5-2', // bind over BOSH, and stanzas flow both ways
  'XEP0199-4.2-1', // a ping to the server gets a result
];

/**
 * A run against a degraded server: exactly the specs switched off are found absent (a REQUIRED
 * one fails the level, a RECOMMENDED one warns); every other spec is still found and fails, if
 * at all, only by known findings.
 */
function expectExactlyOff(run: CliRun, reference: RunReport, off: FixtureFeature[], ledger: FindingsLedger): void {
  expectSoundRun(run);
  const unknown = ledger.unexplained(run.report);
  const offSpecs = new Set(off.flatMap((f) => FEATURE_SPECS[f]));
  const levelSpecs = run.report.specs.map((s) => s.spec);
  expect(levelSpecs.some((s) => offSpecs.has(s)), 'the level names a switched-off spec').toBe(true);
  for (const s of run.report.specs) {
    if (offSpecs.has(s.spec)) {
      expect(s.verdict, `${s.name} was switched off`).toBe('absent');
      expect(s.support?.supported).toBe(false);
      const said = s.requirement === 'REQUIRED' ? run.report.level.reasons : run.report.level.warnings;
      if (s.requirement !== 'INFORMATIONAL') expect(said).toContain(`${s.name} (${s.requirement}) is not supported by the target`);
    } else {
      const before = spec(reference, s.spec);
      expect(s.verdict === 'absent', `${s.name} was left on: absent only if it was absent with everything on`).toBe(before.verdict === 'absent');
      expect(s.support?.supported ?? null, `${s.name}: support as found with everything on`).toBe(before.support?.supported ?? null);
      expect(summary(unknown.filter((c) => c.spec === s.spec)), `${s.name}: failures that are not known findings`).toBe('');
    }
  }
  const notSupported = run.report.level.reasons.filter((r) => r.endsWith('is not supported by the target'));
  expect(notSupported).toHaveLength(run.report.specs.filter((s) => offSpecs.has(s.spec) && s.requirement === 'REQUIRED').length);
}

describe.each(FIXTURE_SOFTWARE)('%s from Debian', (software) => {
  const ledger = new FindingsLedger(software);
  let server: FixtureServer;
  let advanced: CliRun;
  let basicIm: CliRun;
  let basic: CliRun;

  beforeAll(async () => {
    server = await startFixture(software);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('advanced-server over TCP and BOSH with registered accounts: every spec found; each failure a known finding', async () => {
    advanced = await runCli([...targetArgs(server), '--level', 'advanced-server', '--register', '--bosh-url', server.boshUrl, '--no-progress']);
    expectSoundRun(advanced);
    const { report } = advanced;
    expect(report.target.transports).toEqual(['tcp', 'bosh']);
    expect(report.target.software?.name.toLowerCase()).toContain(software);
    expect(report.specs.length, 'specs in the report').toBeGreaterThan(0);
    for (const s of report.specs) expect(s.verdict, `${s.name} is found and tested`).not.toMatch(/absent|incomplete|untested/);
    expect(summary(ledger.unexplained(report)), 'failures that are not known findings').toBe('');
    expect(failedCleanups(report)).toEqual([]);
    const tcp = new Map(allCases(report).filter((c) => c.transport === 'tcp').map((c) => [c.id, c]));
    for (const id of CORE_BEHAVIOURS) expect(tcp.get(id)?.verdict, `${id}: ${tcp.get(id)?.reason ?? ''}`).toBe('pass');
    expect(allCases(report).find((c) => c.id === 'RFC6121-8.5.3.1-1' && c.transport === 'bosh')?.verdict, 'stanzas to a full JID over BOSH').toBe('pass');
    // a failing level names its reasons, and each is a spec with a known finding
    for (const s of report.specs.filter((s) => s.verdict === 'fail')) expect(s.cases.some((c) => c.verdict === 'fail')).toBe(true);
  });

  it('advanced-server on the RFC 6120 baseline: judged by RFC 6120/6121, each failure a known finding', async () => {
    const run = await runCli([...targetArgs(server), '--level', 'advanced-server', '--register', '--bosh-url', server.boshUrl, '--core', '6120', '--no-progress']);
    expectSoundRun(run);
    expect(run.report.level.baseline).toBe('6120');
    expect(run.report.specs.map((s) => s.name)).toEqual(expect.arrayContaining(['RFC 6120', 'RFC 6121']));
    // privacy lists came in through RFC 3921 §10; RFC 6121 dropped them, the advanced level names XEP-0016 itself
    expect(spec(run.report, 'xep-0016').requirement).toBe('REQUIRED');
    expect(summary(ledger.unexplained(run.report)), 'failures that are not known findings').toBe('');
  });

  it('intermediate-server judges XEP-0045 by v1.22, the version in force when it was approved; advanced-server by v1.24', async () => {
    const run = await runCli([...targetArgs(server), '--level', 'intermediate-server', '--register', '--only', 'XEP0045', '--no-progress']);
    expectSoundRun(run);
    const muc = spec(run.report, 'xep-0045');
    expect([muc.version, muc.url]).toEqual(['1.22', 'https://xmpp.org/extensions/attic/xep-0045-1.22.html']);
    expect(muc.cases.filter((c) => c.citation.doc === 'XEP-0045').length).toBeGreaterThan(20);
    // a rule v1.22 does not have runs for information only, citing the later version that has it
    const judgedBy = (c: CaseResult): string => (c.citation.later ? `later than 1.22: ${c.citation.version !== '1.22'}` : c.citation.version ?? '');
    expect(new Set(muc.cases.filter((c) => c.citation.doc === 'XEP-0045').map(judgedBy))).toEqual(new Set(['1.22', 'later than 1.22: true']));
    expect(spec(advanced.report, 'xep-0045').version).toBe('1.24');
    expect(summary(ledger.unexplained(run.report)), 'failures that are not known findings').toBe('');
  });

  it('basic-im-suite on the RFC 6120 baseline with the given accounts: every report written, no password in any of them', async () => {
    basicIm = await runCli([...targetArgs(server), ...accountArgs(server), '--level', 'basic-im-suite', '--core', '6120', '--no-progress'], { html: true, markdown: true });
    expectSoundRun(basicIm);
    expect(summary(ledger.unexplained(basicIm.report))).toBe('');
    expect(spec(basicIm.report, 'xep-0077').verdict).not.toBe('absent');
    const outputs = {
      stdout: basicIm.stdout,
      stderr: basicIm.stderr,
      json: fs.readFileSync(basicIm.jsonFile, 'utf8'),
      junit: fs.readFileSync(basicIm.junitFile, 'utf8'),
      html: fs.readFileSync(basicIm.htmlFile!, 'utf8'),
      markdown: fs.readFileSync(basicIm.markdownFile!, 'utf8'),
    };
    // the transcripts hold SASL exchanges, so there is something to hide
    expect(outputs.json).toContain('<auth xmlns=');
    expect(server.accounts.length, 'accounts whose passwords to look for').toBeGreaterThan(0);
    for (const account of server.accounts) {
      const local = account.jid.split('@')[0]!;
      for (const form of secretForms(local, account.jid, account.password)) {
        for (const [where, text] of Object.entries(outputs)) expect(text.includes(form), `${where} holds a form of ${account.jid}'s password`).toBe(false);
      }
    }
  });

  it('basic-server twice with the given accounts: the second run finds what the first did (no case leaves state behind)', async () => {
    basic = await runCli([...targetArgs(server), ...accountArgs(server), '--level', 'basic-server', '--no-progress']);
    expectSoundRun(basic);
    expect(summary(ledger.unexplained(basic.report))).toBe('');
    const again = await runCli([...targetArgs(server), ...accountArgs(server), '--level', 'basic-server', '--no-progress']);
    expectSoundRun(again);
    const compared = await runTool(['compare', basic.jsonFile, again.jsonFile]);
    expect(compared.code, compared.stdout).toBe(0);
  });

  it('a wrong password: one attempt, every case not run with the account named, exit 2', async () => {
    const [first, second] = server.accounts;
    const run = await runCli([...targetArgs(server), '--account', `${first!.jid}:not-the-password`, '--account', `${second!.jid}:${second!.password}`, '--level', 'basic-server', '--no-progress']);
    expectSoundRun(run);
    expect(run.code).toBe(2);
    const cases = allCases(run.report);
    expect(cases.length, 'cases in the report').toBeGreaterThan(0);
    for (const c of cases) expect(c.reason).toContain(`the server refused the password of ${first!.jid}`);
    expect(run.report.stats?.logins).toBeLessThanOrEqual(2);
    expect(run.stdout).not.toContain('not-the-password');
  });

  it('a certificate the tool was not told to trust: no stack trace, and the reason names --ca and --insecure-tls', async () => {
    // the server answers the refused handshake with an alert: a second TLS error the tool must absorb
    const run = await runCli(['--target', `${server.host}:${server.port}`, '--domain', server.domain, ...accountArgs(server), '--level', 'core-server', '--no-progress']);
    expect(run.stderr).not.toMatch(/Unhandled|^\s+at /m);
    const reasons = allCases(run.report).map((c) => c.reason ?? '');
    expect(reasons.some((r) => r.includes('--ca FILE') && r.includes('--insecure-tls'))).toBe(true);
  });

  describe('with features switched off', () => {
    const degraded: { off: FixtureFeature[]; args: (s: FixtureServer) => string[]; reference: () => RunReport }[] = [
      { off: ['muc', 'vcard', 'pep', 'bosh'], args: (s) => ['--level', 'advanced-server', '--register', '--bosh-url', s.boshUrl], reference: () => advanced.report },
      { off: ['privacy'], args: (s) => ['--level', 'advanced-server', '--register', '--bosh-url', s.boshUrl], reference: () => advanced.report },
      { off: ['compression'], args: (s) => ['--level', 'basic-server', ...accountArgs(s)], reference: () => basic.report },
      { off: ['register', 'legacy-auth'], args: (s) => ['--level', 'basic-im-suite', '--core', '6120', ...accountArgs(s)], reference: () => basicIm.report },
    ];

    it.for(degraded)('without $off: exactly those specs fail or warn as absent', async ({ off, args, reference }, ctx) => {
      const missing = reference().specs.filter((s) => off.some((f) => FEATURE_SPECS[f].includes(s.spec)) && s.verdict === 'absent');
      if (missing.length) ctx.skip(`${missing.map((s) => s.name).join(', ')} already absent with everything on: nothing to switch off`);
      const weak = await startFixture(software, { disable: off });
      try {
        const run = await runCli([...targetArgs(weak), ...args(weak), '--no-progress']);
        // the fixture reports what it really switched off (a server may take a dependent feature with it)
        expectExactlyOff(run, reference(), weak.disabled, ledger);
        if (weak.disabled.includes('register')) {
          const refused = await runCli([...targetArgs(weak), '--register', '--level', 'basic-server', '--no-progress']);
          expectSoundRun(refused);
          expect(refused.code).toBe(2);
          const cases = allCases(refused.report);
          expect(cases.length, 'cases in the report').toBeGreaterThan(0);
          for (const c of cases) expect(c.reason).toMatch(/^not run: --register: the server refused in-band registration: .*; give accounts with --account instead$/);
        }
      } finally {
        await weak.stop();
      }
    });
  });

  it('shows every finding listed for it: no allowance outlives the behaviour it allows', () => {
    expect(ledger.stale()).toEqual([]);
  });
});
