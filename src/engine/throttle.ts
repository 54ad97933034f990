import { performance } from 'node:perf_hooks';
import type { TranscriptEntry } from '../evidence/transcript.js';
import type { ThrottleStats } from '../report/model.js';

export type { ThrottleStats };

/** How many cases may run at once: the run starts at `start` and adapts between `min` and `max`. */
export interface ConcurrencyBounds {
  min: number;
  start: number;
  max: number;
}

/** The default: start as before, grow to hide the target's latency, back off to one case on a fragile target. */
export const ADAPTIVE_CONCURRENCY: ConcurrencyBounds = { min: 1, start: 8, max: 64 };

/** `--concurrency N`: at most N at once (fewer after signs of overload, and back up to N after). */
export function atMost(n: number): ConcurrencyBounds {
  return { min: 1, start: n, max: n };
}

/** What the throttle watches besides the cases: the tool's own CPU (event loop utilisation). */
export interface Gauges {
  now(): number;
  /** The share of the time since the previous call that the tool spent working (0–1). */
  busy(): number;
}

function processGauges(): Gauges {
  let last = performance.eventLoopUtilization();
  return {
    now: () => performance.now(),
    busy: () => {
      const current = performance.eventLoopUtilization();
      const share = performance.eventLoopUtilization(current, last).utilization;
      last = current;
      return share;
    },
  };
}

/** How often growth is considered, at most. */
const ADJUST_MS = 500;
/** After signs of overload, no growth for this long: the target needs time to recover. */
const CALM_MS = 5000;
/** Cases in flight when the target showed overload fail from the same burst: one backoff per window. */
const BACKOFF_WINDOW_MS = 1000;
/** Above this share of its time working, the tool itself is the bound: more cases would only queue in it. */
const TOOL_BUSY = 0.85;
/** Round trips kept for the latency estimate. */
const WINDOW = 200;
/** Queueing the target may show (beyond its best round trip) before growth stops. */
const QUEUEING_SLACK_MS = 10;

/**
 * A limit on the cases in flight that adapts to the target: it grows while the cases mostly
 * wait (the target's round trips are as short as they ever were, and the tool has CPU to spare),
 * stops growing once round trips lengthen (the target queues the work: more at once would only
 * slow it), and halves on signs of overload (see overload.ts). A gate for the runner: acquire()
 * before a case starts, release() when it ends.
 */
export class Throttle {
  private limit: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private lastAdjust: number;
  private lastBackoff = -Infinity;
  private readonly roundTrips: number[] = [];
  /** The lowest median round trip seen: the target's latency with nothing queued. */
  private baseline = Infinity;
  private readonly stats: ThrottleStats;

  constructor(
    private readonly bounds: ConcurrencyBounds,
    /** Once aborted, every case waiting starts at once (and is reported not run). */
    private readonly signal: AbortSignal,
    private readonly gauges: Gauges = processGauges(),
  ) {
    signal.addEventListener('abort', () => {
      for (const start of [...this.waiting]) start();
    }, { once: true });
    this.limit = clamp(bounds.start, bounds.min, bounds.max);
    this.lastAdjust = gauges.now();
    this.stats = { min: bounds.min, max: bounds.max, start: this.limit, peak: this.limit, lowest: this.limit, final: this.limit, backoffs: 0, retries: 0, signs: [] };
  }

  /** Cases that may run at once now. */
  get current(): number {
    return this.limit;
  }

  /** Resolves once a case may start (at once when aborted: the caller reports it not run). */
  acquire(): Promise<void> {
    if (this.running < this.limit || this.signal.aborted) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const start = (): void => {
        this.waiting.splice(this.waiting.indexOf(start), 1);
        this.running++;
        resolve();
      };
      this.waiting.push(start);
    });
  }

  /** A case ended; `transcript` gives the round trips it saw. */
  release(transcript: readonly TranscriptEntry[] = []): void {
    this.running--;
    this.observe(roundTrips(transcript));
    this.consider();
    this.admit();
  }

  /** A case showed `sign` of overload: fewer cases at once, and no growth for a while. */
  overloaded(sign: string): void {
    if (!this.stats.signs.includes(sign) && this.stats.signs.length < 5) this.stats.signs.push(sign);
    const now = this.gauges.now();
    this.lastAdjust = now;
    if (now - this.lastBackoff < BACKOFF_WINDOW_MS) return;
    this.lastBackoff = now;
    this.stats.backoffs++;
    this.set(Math.floor(this.limit / 2));
  }

  /** A case is tried again after a sign of overload. */
  retried(): void {
    this.stats.retries++;
  }

  report(): ThrottleStats {
    return { ...this.stats, signs: [...this.stats.signs], final: this.limit };
  }

  private observe(samples: number[]): void {
    if (samples.length === 0) return;
    this.roundTrips.push(...samples);
    if (this.roundTrips.length > WINDOW) this.roundTrips.splice(0, this.roundTrips.length - WINDOW);
    if (this.roundTrips.length >= WINDOW / 4) this.baseline = Math.min(this.baseline, median(this.roundTrips));
  }

  /** Grows while cases wait for a slot, the target does not queue and the tool is not the bound. */
  private consider(): void {
    const now = this.gauges.now();
    if (now - this.lastAdjust < ADJUST_MS) return;
    const calm = now - this.lastBackoff >= CALM_MS;
    const busy = this.gauges.busy();
    this.lastAdjust = now;
    if (!calm || this.waiting.length === 0 || this.limit >= this.bounds.max || busy > TOOL_BUSY) return;
    if (this.baseline !== Infinity && median(this.roundTrips) > 2 * this.baseline + QUEUEING_SLACK_MS) return;
    this.set(this.limit + Math.max(1, Math.ceil(this.limit / 4)));
  }

  private set(limit: number): void {
    this.limit = clamp(limit, this.bounds.min, this.bounds.max);
    this.stats.peak = Math.max(this.stats.peak, this.limit);
    this.stats.lowest = Math.min(this.stats.lowest, this.limit);
  }

  private admit(): void {
    while (this.running < this.limit && this.waiting.length > 0) this.waiting[0]!();
  }
}

/** Per session, the time from each thing sent to the first thing received after it. */
export function roundTrips(transcript: readonly TranscriptEntry[]): number[] {
  const pending = new Map<string, number>();
  const out: number[] = [];
  for (const e of transcript) {
    if (e.direction === 'sent' && !pending.has(e.session)) pending.set(e.session, e.at);
    else if (e.direction === 'received' && pending.has(e.session)) {
      out.push(e.at - pending.get(e.session)!);
      pending.delete(e.session);
    }
  }
  return out;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}
