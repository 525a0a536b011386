import { MicroBatcher } from './micro-batcher.js';

describe('MicroBatcher', () => {
  it('processes concurrent calls together and answers each caller with its own result', async () => {
    const seen: number[][] = [];
    const b = new MicroBatcher<number, number>(async (xs) => {
      seen.push(xs);
      await new Promise((r) => setTimeout(r, 5));
      return xs.map((x) => x * 10);
    });
    const first = await Promise.all([1, 2, 3].map((x) => b.submit(x)));
    expect(first).toEqual([10, 20, 30]);
    expect(seen).toEqual([[1, 2, 3]]);
    const p4 = b.submit(4);
    const p5 = b.submit(5);
    await expect(Promise.all([p4, p5])).resolves.toEqual([40, 50]);
    expect(seen).toHaveLength(2);
  });

  it('fails every caller of a failed batch, and recovers for the next', async () => {
    let fail = true;
    const b = new MicroBatcher<number, number>(async (xs) => {
      if (fail) throw new Error('boom');
      return xs;
    });
    await expect(Promise.all([b.submit(1), b.submit(2)])).rejects.toThrow('boom');
    fail = false;
    await expect(b.submit(3)).resolves.toBe(3);
  });

  it('caps the batch size', async () => {
    const sizes: number[] = [];
    const b = new MicroBatcher<number, number>(
      async (xs) => {
        sizes.push(xs.length);
        return xs;
      },
      { maxBatch: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((x) => b.submit(x)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});

describe('MicroBatcher with concurrency', () => {
  it('runs up to `concurrency` batches at once, never more', async () => {
    let inFlight = 0;
    let peak = 0;
    const b = new MicroBatcher<number, number>(
      async (xs) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight -= 1;
        return xs;
      },
      { maxBatch: 1, concurrency: 3 },
    );
    await expect(Promise.all([1, 2, 3, 4, 5, 6, 7].map((x) => b.submit(x)))).resolves.toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });
});
