/**
 * The emulator's clock. Apps Script code reads time through `new Date()`; the emulator decides what
 * that returns, so tests and the CLI can stand at any instant and move forward deliberately.
 */
export type ClockListener = (now: Date) => void;

export class Clock {
  private ms: number;
  /** Fractions of a millisecond advanced but not yet shown (modeled costs like 0.1 ms add up). */
  private fraction = 0;
  private readonly listeners: ClockListener[] = [];

  constructor(start: Date | string | number = Date.now()) {
    this.ms = new Date(start).getTime();
    if (Number.isNaN(this.ms)) throw new Error(`Clock: not a valid instant: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  set(instant: Date | string | number): void {
    const ms = new Date(instant).getTime();
    if (Number.isNaN(ms)) throw new Error(`Clock: not a valid instant: ${String(instant)}`);
    this.ms = ms;
    this.fraction = 0;
    for (const l of this.listeners) l(this.now());
  }

  advance(ms: number): void {
    const total = this.fraction + ms;
    const whole = Math.floor(total);
    const fraction = total - whole;
    this.set(this.ms + whole);
    this.fraction = fraction;
  }

  onChange(listener: ClockListener): void {
    this.listeners.push(listener);
  }

  /**
   * A `Date` constructor whose no-argument form reads this clock. Installed as the `Date` global of a
   * vm context so that bundled code sees emulated time exactly where real Apps Script code would.
   */
  dateClass(): DateConstructor {
    const clock = this;
    const RealDate = Date;
    function ClockDate(this: unknown, ...args: unknown[]): Date | string {
      if (!new.target) return new RealDate(clock.nowMs()).toString();
      if (args.length === 0) return new RealDate(clock.nowMs());
      return new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
    }
    ClockDate.prototype = RealDate.prototype;
    ClockDate.now = () => clock.nowMs();
    ClockDate.parse = RealDate.parse;
    ClockDate.UTC = RealDate.UTC;
    return ClockDate as unknown as DateConstructor;
  }
}
