import { resolveTimeouts, timeoutsSchema, type Timeouts } from "./durations";
import { pollSchema, resolvePoll, type PollSettings } from "./poll";

export interface WaitSettings {
  timeouts: Timeouts;
  poll: PollSettings;
}

/**
 * Timeouts and poll settings from checked inputs, or leniently from stored outputs: read and delete must
 * work with whatever the state holds, so a value the schema refuses counts as not set.
 */
export function waitSettingsOf(values: { timeouts?: unknown; poll?: unknown }): WaitSettings {
  const timeouts = timeoutsSchema.safeParse(values.timeouts);
  const poll = pollSchema.safeParse(values.poll);
  return {
    timeouts: resolveTimeouts(timeouts.success ? timeouts.data : undefined),
    poll: resolvePoll(poll.success ? poll.data : undefined),
  };
}
