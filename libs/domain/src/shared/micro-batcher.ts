/**
 * Coalesces concurrent calls into batches: while batches are being processed, new items wait and go
 * together in the next one (group commit without timers: a lone call is processed at once). Up to
 * `concurrency` batches run at the same time, so one slow round trip does not stall the queue.
 */
export class MicroBatcher<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly process: (items: I[]) => Promise<O[]>,
    private readonly opts: { maxBatch?: number; concurrency?: number; onIdle?: () => void } = {},
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= (this.opts.concurrency ?? 1)) return;
    this.scheduled = true;
    // Let the calls of the current tick join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.runOne();
    });
  }

  private async runOne(): Promise<void> {
    if (!this.queue.length) return;
    const batch = this.queue.splice(0, this.opts.maxBatch ?? 500);
    this.running += 1;
    if (this.queue.length) this.schedule();
    try {
      const out = await this.process(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(out[i]!));
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      this.running -= 1;
      if (this.queue.length) this.schedule();
      else if (this.running === 0) this.opts.onIdle?.();
    }
  }
}
