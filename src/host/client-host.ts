import net from 'node:net';
import type { Account } from '../engine/accounts.js';
import { ToolError } from '../engine/errors.js';
import type { Redactor } from '../evidence/redact.js';
import { HostedClient } from './hosted-client.js';
import { worldFor, type World } from './world.js';

export interface ClientHostOptions {
  host: string;
  port: number;
  domain: string;
  /** The account the client under certification logs in with. */
  account: Account;
  tls: { cert: string; key: string };
  redactor: Redactor;
  /** Offer XEP-0138 zlib after authentication (default on). */
  compression?: boolean;
}

/**
 * The tool as the server of a client under certification: listens, lets the client log in as
 * its account, and hands each bound connection to the cases (the latest one is the client).
 */
export class ClientHost {
  readonly world: World;
  private readonly listener: net.Server;
  private readonly connections = new Set<HostedClient>();
  private latest?: HostedClient;
  private readonly waiting = new Set<(client: HostedClient) => void>();

  private constructor(private readonly options: ClientHostOptions) {
    this.world = worldFor(options.domain);
    this.listener = net.createServer((socket) => {
      const client = new HostedClient(socket, {
        domain: options.domain,
        account: options.account,
        tls: options.tls,
        compression: options.compression ?? true,
        world: this.world,
        redactor: options.redactor,
        resourceTaken: (jid) => [...this.connections].some((c) => !c.isClosed && c.jid === jid),
        onBound: (bound) => this.onBound(bound),
      });
      this.connections.add(client);
      socket.once('close', () => this.connections.delete(client));
    });
  }

  static async start(options: ClientHostOptions): Promise<ClientHost> {
    const host = new ClientHost(options);
    await new Promise<void>((resolve, reject) => {
      host.listener.once('error', (err: NodeJS.ErrnoException) => reject(new ToolError(`cannot listen on ${options.host}:${options.port}: ${err.code ?? err.message}`)));
      host.listener.listen(options.port, options.host, () => resolve());
    });
    return host;
  }

  get port(): number {
    return (this.listener.address() as net.AddressInfo).port;
  }

  get domain(): string {
    return this.options.domain;
  }

  /** The client's most recent logged-in connection, if it is still open. */
  get current(): HostedClient | undefined {
    return this.latest && !this.latest.isClosed ? this.latest : undefined;
  }

  /** Waits for the client to log in (or resolves at once with its open connection). */
  client(timeoutMs: number, signal: AbortSignal): Promise<HostedClient> {
    if (this.current) return Promise.resolve(this.current);
    return new Promise((resolve, reject) => {
      const done = (client: HostedClient): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        this.waiting.delete(done);
        resolve(client);
      };
      const stop = (): void => {
        clearTimeout(timer);
        this.waiting.delete(done);
        reject(new ToolError('stopped while waiting for the client to log in'));
      };
      const timer = setTimeout(() => {
        this.waiting.delete(done);
        signal.removeEventListener('abort', stop);
        reject(new ToolError(`no client logged in as ${this.options.account.jid} on ${this.options.host}:${this.port} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      signal.addEventListener('abort', stop, { once: true });
      this.waiting.add(done);
    });
  }

  /**
   * Waits for the client to log in, then for its initial presence (up to `settleMs`): what a
   * client does at the start of its session is evidence, so the cases begin after it.
   */
  async loggedIn(timeoutMs: number, settleMs: number, signal: AbortSignal): Promise<HostedClient> {
    const client = await this.client(timeoutMs, signal);
    await client.presenceWithin(settleMs);
    client.sealLogin();
    return client;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.close();
    await new Promise((r) => setTimeout(r, 100));
    for (const c of this.connections) c.destroy();
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
  }

  private onBound(client: HostedClient): void {
    this.latest = client;
    for (const resolve of [...this.waiting]) resolve(client);
  }
}
