import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceKind } from "./provider-contract";

type Outputs = Record<string, unknown>;

// TRANSITIONAL (remove when every provider/resources/*/provider.ts imports from ./provider-contract): the
// contract types moved there; this type-only re-export compiles to nothing, so it makes no import circle.

/**
 * The object Pulumi serializes into state as `__provider`. It holds one plain string and loads the
 * implementation by package name inside each method, at run time, so the serialized text:
 * - captures no client, agent, credential or module (the serializer never captures `require`),
 * - is identical from run to run and across machines (no __provider churn, no diff on upgrades),
 * - picks up a new version of this package without rewriting state (old code in state is a classic
 *   dynamic-provider trap: pulumi/pulumi#6238, #16826).
 * The dynamic-provider host resolves the name from the project's node_modules. Keep this class free of
 * imports used at run time and of class fields: both would be serialized.
 */
export class AtlasDynamicProvider implements dynamic.ResourceProvider<Outputs, Outputs> {
  declare readonly kind: ResourceKind;

  constructor(kind: ResourceKind) {
    this.kind = kind;
  }

  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    require("pulumi-mongodbatlas-network/runtime").configure(req);
  }

  async check(olds: Outputs, news: Outputs): Promise<dynamic.CheckResult<Outputs>> {
    return require("pulumi-mongodbatlas-network/runtime").resourceProvider(this.kind).check(olds, news);
  }

  async diff(id: string, olds: Outputs, news: Outputs): Promise<dynamic.DiffResult> {
    return require("pulumi-mongodbatlas-network/runtime").resourceProvider(this.kind).diff(id, olds, news);
  }

  async create(inputs: Outputs): Promise<dynamic.CreateResult<Outputs>> {
    return require("pulumi-mongodbatlas-network/runtime").resourceProvider(this.kind).create(inputs);
  }

  async read(id: string, props?: Outputs): Promise<dynamic.ReadResult<Outputs>> {
    return require("pulumi-mongodbatlas-network/runtime")
      .resourceProvider(this.kind)
      .read(id, props ?? {});
  }

  async update(id: string, olds: Outputs, news: Outputs): Promise<dynamic.UpdateResult<Outputs>> {
    return require("pulumi-mongodbatlas-network/runtime").resourceProvider(this.kind).update(id, olds, news);
  }

  async delete(id: string, props: Outputs): Promise<void> {
    return require("pulumi-mongodbatlas-network/runtime").resourceProvider(this.kind).delete(id, props);
  }
}
