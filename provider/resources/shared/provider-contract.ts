/**
 * The contract between the serialized shim (shared/dynamic-provider.ts), the run-time entry point
 * (runtime.ts) and each resource's implementation. It lives apart from both so that neither imports the
 * other: the shim reaches runtime.ts only by package name, at run time.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The resources this package provides; each has a folder under provider/resources. */
export type ResourceKind =
  | "privateEndpointService"
  | "privateEndpointRegistration"
  | "privateEndpointRegionalMode"
  | "serverlessPrivateEndpoint"
  | "networkPeer"
  | "networkContainer";

type Outputs = Record<string, unknown>;

/** What each resource implements (provider/resources/<resource>/provider.ts); runtime.ts maps kinds to these. */
export interface ResourceProviderImplementation {
  check(olds: Outputs, news: Outputs): Promise<dynamic.CheckResult<Outputs>>;
  diff(id: string, olds: Outputs, news: Outputs): Promise<dynamic.DiffResult>;
  create(inputs: Outputs): Promise<dynamic.CreateResult<Outputs>>;
  read(id: string, props: Outputs): Promise<dynamic.ReadResult<Outputs>>;
  update(id: string, olds: Outputs, news: Outputs): Promise<dynamic.UpdateResult<Outputs>>;
  delete(id: string, props: Outputs): Promise<void>;
}
