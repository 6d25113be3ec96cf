export { classifyByTable, missingStateLabel } from "./classification";
export type { Classification, StatePhase, StateTable, WaitFor, WaitTargets } from "./classification";
export { systemPollClock } from "./clock";
export type { PollClock } from "./clock";
export { ResourceFailedError, ResourceGoneError, WaitAbortedError, WaitError, WaitTimeoutError } from "./errors";
export { ListWatcher } from "./list-watcher";
export type { ListWatcherOptions, WatchedRead, WatchSubscription } from "./list-watcher";
export { ListWatcherRegistry } from "./list-watcher-registry";
export { formatElapsed } from "./progress";
export {
  defaultPollSchedule,
  fixedPollSchedule,
  nextPollInterval,
  pollTimeline,
  resolvePollSchedule,
} from "./schedule";
export type { PollSchedule } from "./schedule";
export { waitUntilGone, waitUntilSettled } from "./wait";
export type { DirectRead, ReadSource, WaitOptions } from "./wait";
