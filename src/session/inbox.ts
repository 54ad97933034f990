import { describe, type Element } from '../xml/element.js';
import type { Match } from './match.js';

/** A wait that ended without the awaited element. The case context turns it into a verdict. */
export class ExpectationError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    readonly reason: 'timeout' | 'closed',
  ) {
    super(`expected ${expected}; ${actual}`);
    this.name = 'ExpectationError';
  }
}

interface Waiter {
  match: Match;
  resolve(el: Element): void;
  reject(err: Error): void;
}

/** Unread elements an inbox keeps; beyond this the oldest go (a flooding peer). */
const MAX_INBOX = 2000;

/**
 * What arrived from a peer and was not yet taken, and the waits for what has not arrived yet.
 * Every wait has a deadline; closing the inbox ends every wait at once, so nothing hangs on a
 * peer that went away.
 */
export class Inbox {
  private readonly items: Element[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly arrivals = new WeakMap<Element, number>();
  private arrivalCount = 0;
  private overflowed = false;
  /** Set once the peer is gone: why later waits fail at once. */
  private closedWith?: (m: Match) => ExpectationError;

  constructor(private readonly onOverflow: (text: string) => void = () => undefined) {}

  /** Takes in an element: it resolves the first waiter it matches, or stays for later. */
  deliver(el: Element): void {
    this.arrivals.set(el, ++this.arrivalCount);
    for (const waiter of this.waiters) {
      if (waiter.match.test(el)) {
        this.waiters.delete(waiter);
        waiter.resolve(el);
        return;
      }
    }
    this.items.push(el);
    if (this.items.length > MAX_INBOX) {
      this.items.splice(0, this.items.length - MAX_INBOX);
      if (!this.overflowed) this.onOverflow(`more than ${MAX_INBOX} unread stanzas: the oldest are dropped`);
      this.overflowed = true;
    }
  }

  /**
   * Resolves with the first element that matches, taking it out; elements that arrived earlier
   * and were not taken count too. Rejects with an ExpectationError after `timeoutMs`, or when
   * the inbox is closed first.
   */
  expect(m: Match, timeoutMs: number): Promise<Element> {
    const index = this.items.findIndex((el) => m.test(el));
    if (index >= 0) return Promise.resolve(this.items.splice(index, 1)[0]!);
    if (this.closedWith) return Promise.reject(this.closedWith(m));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match: m,
        resolve: (el) => {
          clearTimeout(timer);
          resolve(el);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new ExpectationError(m.describe, `nothing matching arrived within ${timeoutMs} ms${this.recentSummary()}`, 'timeout'));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Like expect(), but resolves to undefined instead of rejecting when nothing matches in time. */
  async maybe(m: Match, timeoutMs: number): Promise<Element | undefined> {
    try {
      return await this.expect(m, timeoutMs);
    } catch (err) {
      if (err instanceof ExpectationError) return undefined;
      throw err;
    }
  }

  /** Every element not yet taken that matches (they stay). */
  received(m: Match): Element[] {
    return this.items.filter((el) => m.test(el));
  }

  /** The position of `el` among everything delivered (1 = first): for order checks. */
  arrival(el: Element): number {
    return this.arrivals.get(el) ?? 0;
  }

  /** Forgets everything delivered so far, so later checks see only what comes next. */
  clear(): void {
    this.items.length = 0;
  }

  /**
   * Ends the waits in progress with `error(match)`: the peer ended its stream. With
   * `permanent` (the peer is gone), later waits fail at once too.
   */
  interrupt(error: (m: Match) => ExpectationError, permanent: boolean): void {
    if (permanent) this.closedWith = error;
    for (const waiter of [...this.waiters]) {
      this.waiters.delete(waiter);
      waiter.reject(error(waiter.match));
    }
  }

  /** The last few unread elements, for a failed wait's message. */
  private recentSummary(): string {
    const recent = this.items.slice(-3);
    return recent.length ? `; received meanwhile: ${recent.map((el) => describe(el, 160)).join(' ')}` : '';
  }
}
