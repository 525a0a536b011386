export interface UntilOptions {
  /** Give up after this long (15 s unless told). */
  timeoutMs?: number;
  /** How often to look (50 ms unless told). */
  intervalMs?: number;
  /** What is awaited, for the error message. */
  what?: string;
  /** Treat a check that throws as one that does not hold yet (a server still starting); the last error is thrown at the timeout. */
  retryErrors?: boolean;
}

/** The one polling loop of the tests: resolves once `check` holds, rejects when it has not within the timeout. */
export async function until(check: () => boolean | Promise<boolean>, opts: UntilOptions | number = {}): Promise<void> {
  const { timeoutMs = 15_000, intervalMs = 50, what, retryErrors = false } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  const end = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      if (await check()) return;
    } catch (err) {
      if (!retryErrors) throw err;
      failure = err;
    }
    if (Date.now() > end) {
      if (failure) throw failure;
      throw new Error(`condition not met in time${what ? `: ${what}` : ''} (${timeoutMs} ms)`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
