import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SOFTWARE, type ClientSoftware } from '../../fixtures/clients/index.js';
import { startFixture, type FixtureServer } from '../../fixtures/servers/index.js';
import { freePort, makeCertificate } from '../../fixtures/servers/workdir.js';
import { allCases, runCli, summary, targetArgs, type CliRun } from '../support/cli.js';
import { CLIENT_CLI, startClientProcess } from '../support/clients.js';
import { expectSoundRun, FindingsLedger, secretForms } from '../support/verdicts.js';

/**
 * Real console clients certified by the real CLI. Listen mode: the tool is the client's server,
 * and its --exec driver performs user actions through the client fixture. Peer mode: the client
 * sits on a fixture Prosody and the tool probes it from another account.
 */

/** Behaviours every client here shows, whatever else it does: they pass. */
const CORE_BEHAVIOURS = [
  'RFC6120-6.3.2-2', // the stream restarted after TLS and SASL on one connection
  'RFC6120-7.1-2', // a resource bound before any stanza
  'RFC6120-8.2.3-6', // no answer to IQ results and errors
  'RFC6121-4.2.1-1', // initial presence without 'to' and 'type'
  'XEP0030-3.1-5', // disco#info answered
  'XEP0030-3.1-6', // an identity of category client, and the disco#info feature
  'XEP0045-7.2.1-2', // joined a room with <x xmlns='…muc'/> (a user action)
  'XEP0045-7.4-4', // groupchat to the bare room JID (a user action)
];

function waitForListener(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', () => {
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Certifies `software` at `level` with the tool listening as its server. */
async function certifyListening(software: ClientSoftware, level: string, extra: string[] = []): Promise<{ run: CliRun; password: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-client-'));
  const cert = await makeCertificate(dir, 'localhost');
  const port = await freePort();
  const password = crypto.randomBytes(9).toString('base64url');
  const controlFile = path.join(dir, 'control');
  // the driver waits until the client is up and its control socket known
  const driver = `while [ ! -s ${controlFile} ]; do sleep 0.1; done; node ${CLIENT_CLI} do "$(cat ${controlFile})" "$XMPP_CERTIFY_ACTION"`;
  const running = runCli(['--level', level, '--listen', `127.0.0.1:${port}`, '--account', `alice@localhost:${password}`, '--tls-cert', cert.cert, '--tls-key', cert.key,
    ...(extra.includes('--non-interactive') ? [] : ['--exec', driver]), '--action-timeout', '20', '--no-progress', ...extra], { html: true, markdown: true });
  await waitForListener(port, 10_000);
  const client = await startClientProcess(software, { host: '127.0.0.1', port, domain: 'localhost', jid: 'alice@localhost', password, caFile: cert.cert });
  fs.writeFileSync(controlFile, client.control);
  try {
    return { run: await running, password };
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(CLIENT_SOFTWARE)('%s certified at advanced-client, the tool as its server', (software) => {
  const ledger = new FindingsLedger(software);
  let run: CliRun;
  let password: string;
  beforeAll(async () => {
    ({ run, password } = await certifyListening(software, 'advanced-client'));
  });

  it('ends with valid reports and no error; each failure is a known finding stated from its spec', () => {
    expectSoundRun(run);
    expect(run.report.target.client?.mode).toBe('listen');
    expect(run.report.target.client?.jid).toMatch(/^alice@localhost\//);
    expect(summary(ledger.unexplained(run.report)), 'failures that are not known findings').toBe('');
  });

  it('shows every finding listed for it', () => {
    expect(ledger.stale()).toEqual([]);
  });

  it('passes the behaviours every client here shows, user actions included', () => {
    const cases = new Map(allCases(run.report).map((c) => [c.id, c]));
    for (const id of CORE_BEHAVIOURS) expect(cases.get(id)?.verdict, `${id}: ${cases.get(id)?.reason ?? ''}`).toBe('pass');
  });

  it('judges the answer to an unknown IQ by what the client sent: silence fails, <service-unavailable/> passes, another error warns (RFC 3921 §2.4: SHOULD)', () => {
    expect(run.report.level.baseline).toBe('3920');
    const c = allCases(run.report).find((r) => r.id === 'RFC6120-8.2.3-5')!;
    const asked = c.transcript.find((e) => e.direction === 'sent' && e.data.includes('urn:xmpp:certify:unknown:0'))!;
    const id = /id="([^"]+)"/.exec(asked.data)![1]!;
    const answer = c.transcript.find((e) => e.direction === 'received' && e.data.includes(`id="${id}"`) && e.data.includes('type="error"'));
    expect(c.verdict).toBe(!answer ? 'fail' : answer.data.includes('<service-unavailable') ? 'pass' : 'warn');
  });

  it('shows no form of the client\'s password in any output', () => {
    const outputs = [run.stdout, run.stderr, ...[run.jsonFile, run.junitFile, run.htmlFile!, run.markdownFile!].map((f) => fs.readFileSync(f, 'utf8'))];
    expect(outputs.join('\n'), 'the SASL exchange is in the evidence').toMatch(/<auth\b[^>]*urn:ietf:params:xml:ns:xmpp-sasl/);
    for (const form of secretForms('alice', 'alice@localhost', password)) for (const text of outputs) expect(text.includes(form)).toBe(false);
  });
});

describe('without a way to act (--non-interactive)', () => {
  it('skips every case that needs a user action as not run, and passes none of them', async () => {
    const { run } = await certifyListening('reference', 'basic-client', ['--non-interactive']);
    expectSoundRun(run);
    const acting = allCases(run.report).filter((c) => c.notes.some((n) => n.startsWith('user action')) || /needs the user to/.test(c.reason ?? ''));
    expect(acting.length).toBeGreaterThan(0);
    for (const c of acting) {
      expect(c.verdict, c.id).toBe('skip');
      expect(c.skipKind).toBe('not-run');
      expect(c.reason).toMatch(/run with --exec, or interactively$/);
    }
  });
});

describe('peer mode: a client on its own server, probed from another account', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixture('prosody');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('certifies what a peer can see, and leaves what only the client\'s server sees as not run', async () => {
    const [own, tool] = server.accounts;
    const client = await startClientProcess('reference', { host: server.host, port: server.port, domain: server.domain, jid: own!.jid, password: own!.password, caFile: server.caFile });
    let run: CliRun;
    try {
      run = await runCli([...targetArgs(server), '--account', `${tool!.jid}:${tool!.password}`, '--peer', client.jid, '--level', 'core-client', '--non-interactive', '--no-progress']);
    } finally {
      await client.stop();
    }
    expectSoundRun(run);
    expect(run.report.target.client).toEqual({ mode: 'peer', jid: client.jid });
    expect(summary(new FindingsLedger('reference').unexplained(run.report))).toBe('');
    const cases = new Map(allCases(run.report).map((c) => [c.id, c]));
    for (const id of ['XEP0030-3.1-5', 'XEP0030-3.1-6', 'XEP0030-7-2', 'RFC6120-8.2.3-6', 'XEP0199-4.1-1']) expect(cases.get(id)?.verdict, `${id}: ${cases.get(id)?.reason ?? ''}`).toBe('pass');
    for (const id of ['RFC6120-4.7.2-1', 'RFC6120-6.3.2-2', 'RFC6121-2.2-2']) {
      expect(cases.get(id)?.verdict).toBe('skip');
      expect(cases.get(id)?.reason).toMatch(/\(--listen\)/);
    }
    expect(run.report.level.verdict, 'login behaviour was not observed: the level cannot pass').not.toBe('pass');
  });
});
