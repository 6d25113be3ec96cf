/**
 * The shape of what each resource folder's reference.ts tells the docs generator (scripts/generate-docs.ts)
 * about that resource; the generator reads the rest (schema, states, outputs, diff) from the code itself.
 */
import type { StatePhase } from "../../poller";
import type { ResourceKind } from "./provider-contract";
import type { CloudProvider } from "../../atlas-rules/regions";

type Props = Record<string, unknown>;

export interface StateTableSpec {
  /** "AWS (`statusName`)"; empty for a resource with one table. */
  label: string;
  /** Where the table is declared, to read the comment beside each state. */
  sourceFile: string;
  variable: string;
  phases: Readonly<Record<string, StatePhase>>;
  /** States a create or update stops at. */
  settled: readonly string[];
  /** States a wait for AVAILABLE (waitForAvailable, or attaching) stops at; omitted when the same. */
  available?: readonly string[];
}

/**
 * A state the resource can be in when a change is planned; a field can behave differently in each. `Inputs`: per
 * provider for a resource with provider variants, plain inputs for one without.
 */
export interface Situation<Inputs = Partial<Record<CloudProvider, Props>>> {
  label: string;
  /** Inputs added to the sample (so that only the probed input changes). */
  inputs: Inputs;
  /** Outputs Atlas computed, stored with the old state. */
  outputs: Props;
}

/** An input value that breaks a rule whose message the schema does not hold statically (refinements, transforms). */
export interface RuleProbe {
  /** "all": every variant that has the field. */
  provider: CloudProvider | "all";
  field: string;
  value: unknown;
  /** Other inputs the rule needs (for rules across fields). */
  with?: Props;
}

interface ReferenceCommon {
  className: string;
  folder: string;
  kind: ResourceKind;
  /** What the resource id is when it is not Atlas's id of the object ("the project id"). */
  id?: string;
  /** The state tables; none for a resource without a status (its page says so). */
  states: StateTableSpec[];
  /** What the tables cannot say, how Atlas treats the resource: written here, kept short. */
  notes: string[];
}

/**
 * A resource whose inputs differ per cloud provider: a zod union of one object per `providerName`, documented by
 * the Args types `<Provider><ClassName>Args` (AwsNetworkPeerArgs).
 */
export interface PerProviderReference extends ReferenceCommon {
  schema: { options: readonly unknown[] };
  /** A valid input per provider variant. */
  samples: Partial<Record<CloudProvider, Props>>;
  situations: Situation[];
  probes: RuleProbe[];
}

/** A resource with the same inputs on every cloud: one zod object, documented by the Args type `<ClassName>Args`. */
export interface SingleSchemaReference extends ReferenceCommon {
  schema: { shape: object };
  /** A valid input. */
  sample: Props;
  situations: Situation<Props>[];
  probes: Omit<RuleProbe, "provider">[];
}

export type ResourceReference = PerProviderReference | SingleSchemaReference;

/** Sample ids for the reference pages. */
export const projectId = "5f7cac1adf5d6c6306f4b283";
export const containerId = "5f7cac1adf5d6c6306f4b284";
/** The one situation of a resource whose changes do not depend on its state. */
export const settledSituation: Situation[] = [{ label: "", inputs: {}, outputs: { status: "AVAILABLE" } }];
