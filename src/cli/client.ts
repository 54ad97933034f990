import { tcpConnector } from '../transport/tcp.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Account } from '../engine/accounts.js';
import { ExecDriver, PromptDriver, type ActionDriver } from '../engine/action-driver.js';
import type { ClientLink } from '../engine/client-link.js';
import { PeerLink } from '../engine/peer-link.js';
import type { Redactor } from '../evidence/redact.js';
import { Transcript } from '../evidence/transcript.js';
import { makeCertificate } from '../host/certificate.js';
import { ClientHost } from '../host/client-host.js';
import { HostLink } from '../host/host-link.js';
import { Session, type SessionLimits, type TargetAddress } from '../session/session.js';
import { domainOf, resourceOf } from '../session/stanza.js';
import { x } from '../xml/element.js';
import { NS } from '../xml/namespaces.js';
import { parseAccountOption, parseTarget, UsageError } from './parse.js';
import type { TargetSettings } from './targets.js';

/** The client-mode options of the command line. */
export interface ClientFlags {
  listen?: string;
  peer?: string;
  tlsCert?: string;
  tlsKey?: string;
  exec?: string;
  nonInteractive?: boolean;
  actionTimeout: number;
  clientTimeout: number;
  account: string[];
  domain: string[];
}

/** The client under certification, once reached: what cases use, and how to let it go. */
export interface OpenClient {
  link: ClientLink;
  actions?: ActionDriver;
  /** Gets the client ready before the cases: a reason when it cannot be. */
  ready(signal: AbortSignal): Promise<string | undefined>;
  close(): Promise<void>;
}

export function clientMode(flags: ClientFlags): 'listen' | 'peer' {
  if (flags.listen && flags.peer) throw new UsageError('--listen and --peer exclude each other: the tool is either the client\'s server or a peer of it');
  if (flags.listen) return 'listen';
  if (flags.peer) return 'peer';
  throw new UsageError('client levels need --listen HOST:PORT (the client logs in to the tool) or --peer JID (the tool probes a client on its own server)');
}

/** --listen: the address to listen on, the domain served, and the client's account. */
export function listenTarget(flags: ClientFlags): TargetSettings {
  const endpoint = parseTarget(flags.listen!, '--listen');
  if (flags.account.length !== 1) throw new UsageError('--listen needs exactly one --account JID:PASSWORD: the account the client under test logs in with');
  const account = parseAccountOption(flags.account[0]!);
  const domain = flags.domain[0] ?? account.domain;
  if (domain !== account.domain) throw new UsageError(`--domain ${domain} does not match the account ${account.jid}`);
  return { name: `client@${endpoint.host}:${endpoint.port}`, endpoint, domain, accounts: [account], register: false, caFiles: [], insecureTls: false };
}

/** How user actions get done: --exec, or a person at a terminal; without either, they are not (--non-interactive, or no terminal). */
function actionDriver(flags: ClientFlags): ActionDriver | undefined {
  if (flags.exec) return new ExecDriver(flags.exec);
  return flags.nonInteractive || !process.stdin.isTTY ? undefined : new PromptDriver();
}

/** Listen mode: the tool as the client's server; it waits for the client to log in. */
export async function openListening(target: TargetSettings, flags: ClientFlags, redactor: Redactor, limits: SessionLimits): Promise<OpenClient> {
  const tls = await serverCertificate(flags, target.domain);
  const account = target.accounts[0]!;
  const host = await ClientHost.start({ host: target.endpoint.host, port: target.endpoint.port, domain: target.domain, account, tls: tls.pem, redactor });
  process.stderr.write(`xmpp-certify: listening on ${target.endpoint.host}:${host.port} as the server of ${target.domain}; log the client in as ${account.jid}`
    + `${tls.file ? ` (it must trust ${tls.file})` : ''}\n`);
  const link = new HostLink(host, limits.stepMs);
  return {
    link,
    actions: actionDriver(flags),
    async ready(signal) {
      try {
        await host.loggedIn(flags.clientTimeout * 1000, limits.stepMs * 2, signal);
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
    async close() {
      await host.close();
      if (tls.dir) fs.rmSync(tls.dir, { recursive: true, force: true });
    },
  };
}

/** The host's certificate: the one given, or a self-signed one made for the domain. */
async function serverCertificate(flags: ClientFlags, domain: string): Promise<{ pem: { cert: string; key: string }; file?: string; dir?: string }> {
  if (flags.tlsCert || flags.tlsKey) {
    if (!flags.tlsCert || !flags.tlsKey) throw new UsageError('--tls-cert and --tls-key go together');
    const read = (file: string, what: string): string => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    };
    return { pem: { cert: read(flags.tlsCert, '--tls-cert'), key: read(flags.tlsKey, '--tls-key') } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmpp-certify-host-'));
  const made = await makeCertificate(dir, domain);
  return { pem: { cert: fs.readFileSync(made.cert, 'utf8'), key: fs.readFileSync(made.key, 'utf8') }, file: made.cert, dir };
}

/** Peer mode: the tool logs in as its own account on the client's server and probes the client's full JID. */
export async function openPeer(target: TargetSettings, flags: ClientFlags, redactor: Redactor, limits: SessionLimits, tls: TargetAddress['tls']): Promise<OpenClient> {
  const clientJid = flags.peer!;
  if (!resourceOf(clientJid)) throw new UsageError(`--peer ${clientJid}: give the client's full JID (user@domain/resource); the client shows it, or its server's admin tools do`);
  if (target.accounts.length !== 1) throw new UsageError('--peer needs exactly one --account JID:PASSWORD: the tool\'s own account on the client\'s server');
  const account: Account = target.accounts[0]!;
  if (domainOf(clientJid).toLowerCase() !== target.domain.toLowerCase()) throw new UsageError(`--peer ${clientJid} is not on ${target.domain}`);
  const address: TargetAddress = { endpoint: target.endpoint, domain: target.domain, tls };
  const link = new PeerLink(clientJid, limits.stepMs, new Transcript(redactor));
  return {
    link,
    actions: actionDriver(flags),
    async ready(signal) {
      try {
        const session = await Session.connect({ label: 'peer', target: address, transcript: new Transcript(redactor), limits, signal, transport: tcpConnector(address.endpoint, limits) });
        await session.open();
        if (session.features?.getChild('starttls', NS.tls)) await session.starttls();
        await session.authenticate({ username: account.local, password: account.password, domain: account.domain });
        await session.bind('certify-peer');
        await session.establishSession();
        session.send(x('presence'));
        link.start(session);
      } catch (err) {
        return `the peer account ${account.jid} could not log in: ${(err as Error).message}`;
      }
      // a client approves the subscription, or not; either way it must answer disco (XEP-0030)
      const seen = await link.subscribe();
      const info = await link.iq(x('iq', { type: 'get' }, x('query', { xmlns: NS.discoInfo }))).catch(() => undefined);
      if (!seen && (!info || info.attrs.type === 'error')) return `${clientJid} does not answer (is the client online with that resource?)`;
      return undefined;
    },
    async close() {
      if (!link.connected) return;
      await link.unsubscribe();
      link.close();
    },
  };
}
