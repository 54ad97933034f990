import { spawn } from 'node:child_process';
import { ToolError } from './errors.js';
import { describeAction, type ClientAction } from './user-actions.js';

/** What became of an action the tool asked for. */
export type ActionOutcome = { done: true } | { done: false; unsupported: string };

/**
 * Gets a user action done in the client under test: by running a driver command (--exec), or
 * by asking the person at the client. Either way the case then waits for the stanza that
 * proves the action happened.
 */
export interface ActionDriver {
  perform(action: ClientAction, timeoutMs: number, signal: AbortSignal): Promise<ActionOutcome>;
}

/** Exit code by which a driver says the client cannot do the action (the case is skipped). */
export const UNSUPPORTED_EXIT = 3;

/**
 * Runs `command` through the shell with the action in the environment: XMPP_CERTIFY_ACTION
 * (JSON, see user-actions.ts) and XMPP_CERTIFY_ACTION_TEXT (one line for people). Exit 0: done;
 * 3: the client cannot do it; anything else: the driver failed.
 */
export class ExecDriver implements ActionDriver {
  constructor(private readonly command: string) {}

  perform(action: ClientAction, timeoutMs: number, signal: AbortSignal): Promise<ActionOutcome> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, {
        shell: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, XMPP_CERTIFY_ACTION: JSON.stringify(action), XMPP_CERTIFY_ACTION_TEXT: describeAction(action) },
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const stop = (): void => {
        child.kill('SIGTERM');
      };
      const timer = setTimeout(stop, timeoutMs);
      signal.addEventListener('abort', stop, { once: true });
      child.on('error', (err) => reject(new ToolError(`the --exec driver could not start: ${err.message}`)));
      child.on('exit', (code, killed) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        const said = output.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
        if (code === 0) return resolve({ done: true });
        if (code === UNSUPPORTED_EXIT) return resolve({ done: false, unsupported: said || `the driver says the client cannot ${describeAction(action)}` });
        reject(new ToolError(`the --exec driver failed to ${describeAction(action)} (${killed ? `stopped by ${killed}` : `exit ${code}`})${said ? `: ${said}` : ''}`));
      });
    });
  }
}

/** Asks the person at the client, on stderr; the wait for the proof is the case's. */
export class PromptDriver implements ActionDriver {
  async perform(action: ClientAction, timeoutMs: number): Promise<ActionOutcome> {
    process.stderr.write(`\n>>> In the client under test: ${describeAction(action)} (waiting up to ${Math.round(timeoutMs / 1000)} s)\n`);
    return { done: true };
  }
}
