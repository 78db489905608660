/**
 * An Apps Script execution may run 6 minutes. Jobs stop cleanly at about 4.5 and let the next heartbeat
 * resume, so a big backlog never ends in a killed run with half-written state.
 */
export class Budget {
  private readonly startedAt: number;

  constructor(
    private readonly limitMs = 270_000,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.startedAt = clock();
  }

  elapsedMs(): number {
    return this.clock() - this.startedAt;
  }

  /** Whether `reserveMs` more work still fits. */
  has(reserveMs = 0): boolean {
    return this.elapsedMs() + reserveMs < this.limitMs;
  }

  /** Milliseconds left (never negative). */
  remainingMs(): number {
    return Math.max(0, this.limitMs - this.elapsedMs());
  }

  /** A budget for one part of the work: at most `limitMs` from now, and never past this one's end. */
  slice(limitMs: number): Budget {
    return new Budget(Math.min(this.remainingMs(), limitMs), this.clock);
  }
}
