import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { ClientSoftware } from '../../fixtures/clients/index.js';
import { ROOT } from './cli.js';

export const CLIENT_CLI = path.join(ROOT, 'dist/fixtures/clients/cli.js');

export interface RunningClient {
  jid: string;
  /** The control socket `cli.js do` acts through (the tool's --exec driver). */
  control: string;
  stop(): Promise<void>;
}

/** Starts a fixture client in a process of its own (as a user of the tool would), logged in as `jid`. */
export function startClientProcess(software: ClientSoftware, options: { host: string; port: number; domain: string; jid: string; password: string; caFile: string }): Promise<RunningClient> {
  const child = spawn(process.execPath, [CLIENT_CLI, 'start', software, '--host', options.host, '--port', String(options.port), '--domain', options.domain,
    '--jid', options.jid, '--password-env', 'CLIENT_PASSWORD', '--ca', options.caFile], { env: { ...process.env, CLIENT_PASSWORD: options.password }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${software} did not start (exit ${code}): ${stderr}`)));
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const started = JSON.parse(line) as { jid: string; control: string };
      resolve({
        jid: started.jid,
        control: started.control,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
