/**
 * The one source of "now" for domain code and jobs, so tests can drive time instead of sleeping.
 * Override the provider with a FixedClock in tests.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to. */
export class ManualClock extends Clock {
  private current: Date;
  constructor(start: Date = new Date()) {
    super();
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
