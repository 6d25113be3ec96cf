/**
 * Simulated time. Atlas phases are stated in simulated seconds (an endpoint service takes minutes to
 * leave INITIATING); `timeScale` is the real seconds per simulated second (1 = Atlas speed, 0.001 in
 * tests). Durations are converted to real milliseconds when a phase is scheduled, so changing the scale
 * affects phases scheduled afterwards and never moves a resource backwards in its state machine.
 */
export class Clock {
  /** `source`: where time comes from (default Date.now); tests pass one they move by hand. */
  constructor(
    private scale: number,
    private readonly source: () => number = Date.now,
  ) {
    assertTimeScale(scale);
  }

  /** Real wall-clock milliseconds: every timestamp the simulator records uses this. */
  now(): number {
    return this.source();
  }

  get timeScale(): number {
    return this.scale;
  }

  set timeScale(scale: number) {
    assertTimeScale(scale);
    this.scale = scale;
  }

  /** Real milliseconds that a phase of `simulatedSeconds` lasts at the current scale. */
  realMs(simulatedSeconds: number): number {
    return Math.max(0, Math.round(simulatedSeconds * this.scale * 1000));
  }
}

function assertTimeScale(scale: number): void {
  if (!Number.isFinite(scale) || scale < 0)
    throw new RangeError(`timeScale must be a finite number >= 0, got ${scale}`);
}
