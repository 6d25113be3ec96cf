export { classifyByTable, missingStateLabel } from "./classification";
export type { Classification, StatePhase, StateTable, WaitFor, WaitTargets } from "./classification";
export { systemPollClock } from "./clock";
export type { PollClock } from "./clock";
export { ResourceFailedError, ResourceGoneError, WaitAbortedError, WaitError, WaitTimeoutError } from "./errors";
export { ListWatcher } from "./list-watcher";
export type { ListWatcherOptions, SnapshotOptions, WatchedRead, WatchSubscription } from "./list-watcher";
export { ListWatcherRegistry } from "./list-watcher-registry";
export { formatElapsed } from "./progress";
export {
  defaultPollSchedule,
  durationQuantiles,
  fixedPollSchedule,
  nextPollInterval,
  pollTimeline,
  resolvePollSchedule,
  waitArithmetic,
} from "./schedule";
export type { DurationDistribution, PollSchedule, WaitFigures } from "./schedule";
export {
  checkPhaseSchedule,
  defaultPhaseSchedule,
  denseInterval,
  denseWindow,
  phaseInterval,
  phaseTimeline,
  scalePhaseSchedule,
} from "./phase-schedule";
export type { PhaseMoment, PhaseSchedule } from "./phase-schedule";
export { typicalDurationOf, typicalDurations } from "./typical-durations";
export type { TypicalDurations, WaitOperation } from "./typical-durations";
export { waitUntilGone, waitUntilSettled } from "./wait";
export type { DirectRead, ReadSource, WaitOptions, WaitPhases } from "./wait";
