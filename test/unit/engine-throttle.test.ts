import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../src/evidence/transcript.js';
import { concurrencyBounds, UsageError } from '../../src/cli/parse.js';
import { overloadSign } from '../../src/engine/overload.js';
import { ADAPTIVE_CONCURRENCY, atMost, roundTrips, Throttle, type Gauges } from '../../src/engine/throttle.js';

/** The concurrency a run adapts, and the signs of overload it backs off on: no clock but the test's own. */

const received = (data: string, at = 0, session = 'A1'): TranscriptEntry => ({ at, session, direction: 'received', data });
const sent = (data: string, at = 0, session = 'A1'): TranscriptEntry => ({ at, session, direction: 'sent', data });

describe('signs of overload', () => {
  it('reads the conditions a busy server answers with, a refused or reset connection and HTTP 429 or 503', () => {
    const sign = (entry: TranscriptEntry, reason?: string): string | undefined => overloadSign({ transcript: [entry], reason });
    expect(sign(received("<stream:error><internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"))).toBe('stream error <internal-server-error/>');
    expect(sign(received("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"))).toBe('stream error <policy-violation/>');
    expect(sign(received("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><temporary-auth-failure/></failure>"))).toBe('SASL <temporary-auth-failure/>');
    expect(sign(received("<iq type='error' id='1'><error type='wait'><recipient-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"))).toBe("a temporary stanza error (type='wait')");
    expect(sign(received("<iq type='error' id='1'><error type='cancel'><resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"))).toBe('stanza error <resource-constraint/>');
    expect(sign({ at: 0, session: 'A1', direction: 'note', data: 'connection closed: read ECONNRESET' })).toBe('connection reset (ECONNRESET)');
    expect(overloadSign({ transcript: [], reason: 'tool error: cannot connect to 127.0.0.1:5222: ECONNREFUSED' })).toBe('connection refused (ECONNREFUSED)');
    expect(sign({ at: 0, session: 'B1', direction: 'note', data: 'connection closed: the connection manager answered HTTP 429' })).toBe('HTTP 429');
  });

  it('does not take what a case provoked or an ordinary refusal for overload', () => {
    expect(overloadSign({ transcript: [received("<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>")] })).toBeUndefined();
    expect(overloadSign({ transcript: [received("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>")] })).toBeUndefined();
    expect(overloadSign({ transcript: [received("<iq type='error'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>")] })).toBeUndefined();
    // what the tool sent is no sign of the target's state
    expect(overloadSign({ transcript: [sent("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>")] })).toBeUndefined();
  });
});

/** A clock the test moves, and a tool that is as busy as the test says. */
function gauges(): Gauges & { time: number; load: number } {
  const g = { time: 0, load: 0.2, now: () => g.time, busy: () => g.load };
  return g;
}

/** `n` cases queued behind a throttle, counting how many have started. */
function queue(throttle: Throttle, n: number): { started: () => number } {
  let started = 0;
  for (let i = 0; i < n; i++) void throttle.acquire().then(() => started++);
  return { started: () => started };
}

/** The signal of a run nobody stops. */
const running = (): AbortSignal => new AbortController().signal;

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the throttle', () => {
  it('lets no more cases start than its limit, and the next one when a case ends', async () => {
    const throttle = new Throttle(atMost(2), running(), gauges());
    const q = queue(throttle, 5);
    await flush();
    expect(q.started()).toBe(2);
    throttle.release();
    await flush();
    expect(q.started()).toBe(3);
  });

  it('halves on a sign of overload, once for a burst of them, never below its minimum, and says so', () => {
    const g = gauges();
    const throttle = new Throttle({ min: 2, start: 16, max: 32 }, running(), g);
    throttle.overloaded('stream error <internal-server-error/>');
    throttle.overloaded('stream error <internal-server-error/>');
    expect(throttle.current).toBe(8);
    g.time += 1500;
    throttle.overloaded('SASL <temporary-auth-failure/>');
    g.time += 1500;
    throttle.overloaded('stream error <internal-server-error/>');
    g.time += 1500;
    throttle.overloaded('stream error <internal-server-error/>');
    expect(throttle.current).toBe(2);
    expect(throttle.report()).toMatchObject({ start: 16, lowest: 2, final: 2, backoffs: 4, signs: ['stream error <internal-server-error/>', 'SASL <temporary-auth-failure/>'] });
  });

  it('grows while cases wait for a slot and the target answers as fast as ever, up to its maximum', async () => {
    const g = gauges();
    const throttle = new Throttle({ min: 1, start: 8, max: 12 }, running(), g);
    const q = queue(throttle, 40);
    await flush();
    const steady = [sent('<iq/>', 0), received('<iq/>', 50)];
    for (let i = 0; i < 20; i++) {
      g.time += 600;
      throttle.release(steady);
    }
    await flush();
    expect(throttle.current).toBe(12);
    expect(throttle.report().peak).toBe(12);
    // every release freed a slot, and the limit grew: more started than were released
    expect(q.started()).toBe(32);
  });

  it('does not grow while the target queues the work, nor while the tool is the bound, nor soon after overload', async () => {
    const slower = (ms: number): TranscriptEntry[] => [sent('<iq/>', 0), received('<iq/>', ms)];
    const g = gauges();
    const queued = new Throttle(ADAPTIVE_CONCURRENCY, running(), g);
    queue(queued, 200);
    // round trips of 5 ms, then of 60 ms, faster than the throttle reconsiders
    for (let i = 0; i < 60; i++) queued.release(slower(5));
    for (let i = 0; i < 200; i++) queued.release(slower(60));
    for (let i = 0; i < 10; i++) {
      g.time += 600;
      queued.release(slower(60));
    }
    expect(queued.current).toBe(8);

    const cpu = gauges();
    cpu.load = 0.95;
    const busyTool = new Throttle(ADAPTIVE_CONCURRENCY, running(), cpu);
    queue(busyTool, 20);
    for (let i = 0; i < 10; i++) {
      cpu.time += 600;
      busyTool.release();
    }
    expect(busyTool.current).toBe(8);

    const hurt = gauges();
    const recovering = new Throttle(ADAPTIVE_CONCURRENCY, running(), hurt);
    queue(recovering, 20);
    recovering.overloaded('HTTP 503');
    hurt.time += 600;
    recovering.release();
    expect(recovering.current).toBe(4);
    hurt.time += 6000;
    recovering.release();
    expect(recovering.current).toBe(5);
  });

  it('measures a round trip per session from what it sent to what came back first', () => {
    expect(roundTrips([sent('a', 0), sent('b', 5), received('c', 30), sent('d', 40, 'B1'), received('e', 45), received('f', 90, 'B1')])).toEqual([30, 50]);
  });
});

describe('--concurrency', () => {
  const parse = concurrencyBounds('--concurrency');

  it('takes a number (at most that many) or a range to adapt within, starting at 8 where it fits', () => {
    expect(parse('16')).toEqual({ min: 1, start: 16, max: 16 });
    expect(parse('4-32')).toEqual({ min: 4, start: 8, max: 32 });
    expect(parse('12-40')).toEqual({ min: 12, start: 12, max: 40 });
    expect(parse('1-4')).toEqual({ min: 1, start: 4, max: 4 });
  });

  it('refuses anything else in one line', () => {
    for (const bad of ['0', '8-4', 'eight', '-3', '2.5', '4-']) {
      expect(() => parse(bad), bad).toThrow(new UsageError(`--concurrency must be a number of cases or a range MIN-MAX (such as 4-32), not "${bad}"`));
    }
  });
});
