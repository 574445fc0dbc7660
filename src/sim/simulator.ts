/**
 * The discrete-event simulation core shared by all four decision levels.
 *
 * A `Simulator<E>` owns a clock (seconds, starting at 0) and an `EventQueue`
 * of typed events `E`. `run(handler)` pops events in (time, priority, seq)
 * order, advances the clock to each event's time and calls `handler(event,
 * sim)`, which may schedule more events. The clock never goes backwards:
 * scheduling an event in the past throws.
 *
 * Levels define their own event unions (round boundaries, arrivals,
 * completions, lease expiries …) and keep their state outside the simulator;
 * the simulator knows nothing of tenants or jobs (pure mechanics, effectful
 * shell — see DESIGN.md).
 */
import { EventQueue } from './event-queue.js';

/** Options of `Simulator.run`: when to stop besides an empty queue. */
export interface RunOptions {
  /** Stop before the first event later than this time (s). Default: run until the queue is empty. */
  until?: number;
  /** Stop after this many events (guards against runaway loops). Default 1e9. */
  maxEvents?: number;
}

/**
 * A clock (seconds, from 0) and an event queue of typed events `E` (see the
 * module header). Scheduling in the past throws RangeError; `run(handler)`
 * handles events in (time, priority, seq) order.
 */
export class Simulator<E> {
  private readonly queue = new EventQueue<E>();
  private clock = 0;
  private processed = 0;
  private stopped = false;

  /** Current simulated time (s). */
  get now(): number {
    return this.clock;
  }

  /** Number of events handled so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events waiting. */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedules `event` at absolute time `time` (s, ≥ now). Lower `priority` runs first at equal times. */
  at(time: number, event: E, priority = 0): void {
    if (time < this.clock) throw new RangeError(`cannot schedule at ${time} s: the clock is already at ${this.clock} s`);
    this.queue.push(time, event, priority);
  }

  /** Schedules `event` after `delay` seconds (≥ 0). */
  after(delay: number, event: E, priority = 0): void {
    if (!(delay >= 0)) throw new RangeError(`delay must be ≥ 0, got ${delay}`);
    this.at(this.clock + delay, event, priority);
  }

  /** Asks `run` to return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Time of the next event, or undefined when the queue is empty. */
  nextTime(): number | undefined {
    const t = this.queue.peekTime();
    return t === Infinity ? undefined : t;
  }

  /** Processes events in order. Returns the number handled by this call. */
  run(handler: (event: E, sim: Simulator<E>) => void, options: RunOptions = {}): number {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? 1e9;
    this.stopped = false;
    let handled = 0;
    const queue = this.queue;
    while (!this.stopped && handled < maxEvents) {
      const time = queue.peekTime();
      if (time === Infinity || time > until) break;
      const event = queue.popEvent() as E;
      this.clock = time;
      handler(event, this);
      handled++;
    }
    if (Number.isFinite(until) && !this.stopped && this.clock < until && queue.peekTime() > until) this.clock = until;
    this.processed += handled;
    return handled;
  }
}
