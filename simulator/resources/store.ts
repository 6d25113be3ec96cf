import type { CloudProvider } from "../regions";
import { Lifecycle } from "./lifecycle";

export type ResourceKind =
  | "private-endpoint-service"
  | "private-endpoint-registration"
  | "serverless-private-endpoint"
  | "network-peer"
  | "network-container";

export const resourceKinds: readonly ResourceKind[] = [
  "private-endpoint-service",
  "private-endpoint-registration",
  "serverless-private-endpoint",
  "network-peer",
  "network-container",
];

/** One simulated Atlas object: identity, its state machine, and its resource-specific fields. */
export interface ResourceRecord<Fields = unknown> {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly groupId: string;
  readonly provider: CloudProvider;
  readonly createdAt: number;
  readonly lifecycle: Lifecycle;
  fields: Fields;
}

/**
 * Every resource of every project, in creation order. Gone resources stay (their history is what the
 * control API reports) until `clear()`; API reads filter them out with `isGoneAt`.
 */
export class ResourceStore {
  private readonly records = new Map<string, ResourceRecord>();

  add<Fields>(record: ResourceRecord<Fields>): ResourceRecord<Fields> {
    this.records.set(record.id, record);
    return record;
  }

  /** Any record by id, whatever its kind or state. */
  byId(id: string): ResourceRecord | undefined {
    return this.records.get(id);
  }

  /** A record of this kind in this project that exists at `now`. */
  find<Fields>(kind: ResourceKind, groupId: string, id: string, now: number): ResourceRecord<Fields> | undefined {
    const record = this.records.get(id);
    if (!record || record.kind !== kind || record.groupId !== groupId || record.lifecycle.isGoneAt(now))
      return undefined;
    return record as ResourceRecord<Fields>;
  }

  /** Records of this kind in this project that exist at `now`, oldest first. */
  live<Fields>(kind: ResourceKind, groupId: string, now: number): ResourceRecord<Fields>[] {
    const out: ResourceRecord<Fields>[] = [];
    for (const record of this.records.values()) {
      if (record.kind === kind && record.groupId === groupId && !record.lifecycle.isGoneAt(now)) {
        out.push(record as ResourceRecord<Fields>);
      }
    }
    return out;
  }

  all(): ResourceRecord[] {
    return [...this.records.values()];
  }

  clear(): void {
    this.records.clear();
  }
}
