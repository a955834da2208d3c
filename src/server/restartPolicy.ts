/**
 * When to restart a crashed server, as an immutable value (js-debug's restartPolicy): `next(now)`
 * returns the delay before the next restart and the policy to use after it, or `undefined` when the
 * server crashed too often and should stay stopped (the user is told, with the output tail).
 */
export class RestartPolicy {
  private constructor(private readonly crashes: readonly number[], private readonly maxCrashes: number, private readonly windowMs: number,
    private readonly baseDelayMs: number, private readonly maxDelayMs: number) {}

  static create(o: { maxCrashes?: number; windowMs?: number; baseDelayMs?: number; maxDelayMs?: number } = {}): RestartPolicy {
    return new RestartPolicy([], o.maxCrashes ?? 5, o.windowMs ?? 180_000, o.baseDelayMs ?? 500, o.maxDelayMs ?? 15_000);
  }

  /** Records a crash at `now`; the delay doubles with each crash still inside the window. */
  next(now: number): { delayMs: number; policy: RestartPolicy } | undefined {
    const recent = [...this.crashes.filter(t => now - t < this.windowMs), now];
    if (recent.length >= this.maxCrashes) return undefined;
    const delayMs = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (recent.length - 1));
    return { delayMs, policy: new RestartPolicy(recent, this.maxCrashes, this.windowMs, this.baseDelayMs, this.maxDelayMs) };
  }

  /** A clean start (e.g. the user pressed Restart) forgets earlier crashes. */
  reset(): RestartPolicy {
    return new RestartPolicy([], this.maxCrashes, this.windowMs, this.baseDelayMs, this.maxDelayMs);
  }
}
