import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendControl } from '../../fixtures/clients/control.js';
import { CLIENT_SOFTWARE, UnsupportedAction, startClient, type ClientAction, type ClientHandle, type ClientSoftware } from '../../fixtures/clients/index.js';
import { startFixture, type FixtureServer } from '../../fixtures/servers/index.js';
import type { FixtureAccount } from '../../fixtures/servers/types.js';
import { Redactor } from '../../src/evidence/redact.js';
import { Transcript } from '../../src/evidence/transcript.js';
import { message, messageWithBody, presence } from '../../src/session/match.js';
import { Session } from '../../src/session/session.js';
import { tcpConnector } from '../../src/transport/tcp.js';
import { bare, iq, query, token } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { enter, hasStatus, instantForm, occupantPresence, ownerIq } from '../../suites/xep-0045/room.js';
import { ROOT } from '../support/cli.js';

const WAIT_MS = 10_000;
const MUC = 'conference.localhost';

/** An action each client lacks, to see perform() refuse it the documented way. */
const UNSUPPORTED: Partial<Record<ClientSoftware, ClientAction>> = {
  profanity: { kind: 'set-nickname-vcard', nick: 'Nobody' },
  poezio: { kind: 'accept-file' },
};

/** A logged-in session of our own engine: the witness of what the clients do. */
async function login(server: FixtureServer, account: FixtureAccount): Promise<Session> {
  const limits = { stepMs: WAIT_MS, connectTimeoutMs: WAIT_MS, maxElementChars: 1_000_000 };
  const endpoint = { host: server.host, port: server.port };
  const s = await Session.connect({
    label: account.jid,
    target: { endpoint, domain: server.domain, tls: { ca: [fs.readFileSync(server.caFile, 'utf8')], insecure: false } },
    transcript: new Transcript(new Redactor()),
    limits,
    transport: tcpConnector(endpoint, limits),
  });
  await s.open();
  await s.starttls();
  await s.authenticate({ username: account.jid.split('@')[0]!, password: account.password, domain: server.domain });
  await s.bind(`witness-${token(2)}`);
  return s;
}

/** Subscribes the witness to `account`'s presence, approved by a session of that account. */
async function subscribe(server: FixtureServer, witness: Session, account: FixtureAccount): Promise<void> {
  const owner = await login(server, account);
  owner.send(x('presence'));
  witness.send(x('presence', { to: account.jid, type: 'subscribe' }));
  await owner.expect(presence({ fromBare: bare(witness.jid!), type: 'subscribe' }));
  owner.send(x('presence', { to: bare(witness.jid!), type: 'subscribed' }));
  await witness.expect(presence({ fromBare: account.jid, type: 'subscribed' }));
  await owner.close();
}

/** A fresh room the witness created and unlocked (instant room), and is in as 'witness'. */
async function freshRoom(witness: Session): Promise<string> {
  const room = `clients-${token()}@${MUC}`;
  const { answer } = await enter(witness, room, 'witness');
  expect(hasStatus(answer, '201'), 'the witness created the room').toBe(true);
  expect((await ownerIq(witness, room, 'set', instantForm())).attrs.type).toBe('result');
  return room;
}

describe('real clients driven headless against Prosody', () => {
  let server: FixtureServer;
  let witness: Session;
  let accounts: Record<ClientSoftware | 'cli', FixtureAccount>;

  beforeAll(async () => {
    server = await startFixture('prosody', { accounts: 5 });
    const [w, profanity, poezio, reference, cli] = server.accounts as [FixtureAccount, ...FixtureAccount[]];
    accounts = { profanity: profanity!, poezio: poezio!, reference: reference!, cli: cli! };
    witness = await login(server, w);
    // an interested resource (RFC 6121 §2.1.6): only such resources get the <subscribed/> answers
    await witness.iq(iq('get', {}, query(NS.roster)));
    witness.send(x('presence'));
    for (const software of CLIENT_SOFTWARE) await subscribe(server, witness, accounts[software]);
  });

  afterAll(async () => {
    await witness?.close();
    await server?.stop();
  });

  for (const software of CLIENT_SOFTWARE) {
    describe(software, () => {
      let client: ClientHandle;
      const resource = `${software}-${token(3)}`;

      beforeAll(async () => {
        const account = accounts[software];
        client = await startClient(software, {
          host: server.host, port: server.port, domain: server.domain, jid: account.jid, password: account.password,
          caFile: server.caFile, resource,
        });
      });

      afterAll(async () => {
        const workDir = client?.workDir;
        await client?.stop();
        if (workDir) expect(fs.existsSync(workDir), 'stop() removes the work dir').toBe(false);
      });

      it('logs in with the resource asked for, and its presence reaches a subscriber', async () => {
        expect(client.jid).toBe(`${accounts[software].jid}/${resource}`);
        expect(client.version).toMatch(/^\d+\.\d+/);
        await witness.expect(presence({ from: client.jid, type: 'available' }), WAIT_MS);
      });

      it('send-message: the chat message arrives from its full JID', async () => {
        const body = `hello from ${software} ${token(3)}`;
        await client.perform({ kind: 'send-message', to: bare(witness.jid!), body });
        const received = await witness.expect(messageWithBody(body, { from: client.jid }), WAIT_MS);
        expect(received.attrs.type).toBe('chat');
      });

      it('join-room: its occupant presence appears in the room, and it can speak there', async () => {
        const room = await freshRoom(witness);
        const nick = `${software} user`;
        await client.perform({ kind: 'join-room', room, nick });
        await witness.expect(occupantPresence(room, nick), WAIT_MS);
        const body = `groupchat from ${software} ${token(3)}`;
        await client.perform({ kind: 'send-groupchat', room, body });
        await witness.expect(message({ from: `${room}/${nick}`, type: 'groupchat', where: (m) => m.getChildText('body') === body }), WAIT_MS);
      });

      it('join-room on a room it creates: the client unlocks it, so others can enter', async () => {
        const room = `made-by-${software}-${token()}@${MUC}`;
        await client.perform({ kind: 'join-room', room, nick: 'creator' });
        const { answer, before } = await enter(witness, room, 'guest');
        expect(answer.attrs.type, 'a locked room answers item-not-found').toBeUndefined();
        expect(before.some((el) => occupantPresence(room, 'creator').test(el)), 'the creator is among the occupants').toBe(true);
      });

      const unsupported = UNSUPPORTED[software];
      if (unsupported) {
        it(`refuses '${unsupported.kind}' with UnsupportedAction`, async () => {
          await expect(client.perform(unsupported)).rejects.toBeInstanceOf(UnsupportedAction);
        });
      }
    });
  }

  it('cli.js: start prints a control socket, do performs through it, SIGTERM stops the client', async () => {
    const account = accounts.cli;
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/fixtures/clients/cli.js'), 'start', 'reference',
      '--host', server.host, '--port', String(server.port), '--domain', server.domain, '--jid', account.jid,
      '--password-env', 'CLIENT_PASSWORD', '--ca', server.caFile], { env: { ...process.env, CLIENT_PASSWORD: account.password }, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const line = await Promise.race([
        new Promise<string>((resolve) => readline.createInterface({ input: child.stdout }).once('line', resolve)),
        exited.then((code): never => {
          throw new Error(`cli.js exited (${code}) before it printed`);
        }),
      ]);
      const started = JSON.parse(line) as { jid: string; control: string; workDir: string };
      expect(started.jid.startsWith(`${account.jid}/`)).toBe(true);
      const body = `via the control socket ${token(3)}`;
      expect(await sendControl(started.control, { action: { kind: 'send-message', to: bare(witness.jid!), body } })).toEqual({ ok: true });
      await witness.expect(messageWithBody(body, { from: started.jid }), WAIT_MS);
      expect(await sendControl(started.control, { action: { kind: 'fly' } })).toMatchObject({ ok: false });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(started.workDir)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
