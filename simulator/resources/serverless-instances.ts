import { ApiError } from "../errors";

export type ServerlessProvider = "AWS" | "AZURE";

export interface ServerlessInstance {
  groupId: string;
  name: string;
  provider: ServerlessProvider;
  /** Atlas region name; used in the AWS endpoint service name. */
  region: string;
  /** True when seeded through the control API, false when assumed for an unknown name. */
  seeded: boolean;
}

const defaultRegion: Readonly<Record<ServerlessProvider, string>> = { AWS: "US_EAST_1", AZURE: "US_EAST_2" };

/**
 * The serverless instances the simulator knows. Atlas decides an endpoint's provider from its instance,
 * and the API has no way to create instances here, so: instances seeded through the control API carry
 * their provider; any other well-formed name is treated as an instance of `unknownInstanceProvider`
 * (AWS by default, the common case), or answers 404 when that is null. Since 2026-01-22 Atlas has sunset
 * serverless instances; `sunset` makes all five operations answer 410 as a sunset API does.
 */
export class ServerlessInstances {
  sunset = false;
  unknownInstanceProvider: ServerlessProvider | null = "AWS";
  private readonly instances = new Map<string, ServerlessInstance>();

  seed(groupId: string, name: string, provider: ServerlessProvider, region?: string): ServerlessInstance {
    const instance: ServerlessInstance = {
      groupId,
      name,
      provider,
      region: region ?? defaultRegion[provider],
      seeded: true,
    };
    this.instances.set(`${groupId}/${name}`, instance);
    return instance;
  }

  /** The instance, or 404 SERVERLESS_INSTANCE_NOT_FOUND. */
  resolve(groupId: string, name: string): ServerlessInstance {
    const known = this.instances.get(`${groupId}/${name}`);
    if (known) return known;
    const provider = this.unknownInstanceProvider;
    if (provider === null) {
      throw new ApiError(
        404,
        "SERVERLESS_INSTANCE_NOT_FOUND",
        `No serverless instance named ${name} exists in group ${groupId}.`,
        [name, groupId],
      );
    }
    const assumed: ServerlessInstance = { groupId, name, provider, region: defaultRegion[provider], seeded: false };
    this.instances.set(`${groupId}/${name}`, assumed);
    return assumed;
  }

  list(): ServerlessInstance[] {
    return [...this.instances.values()];
  }

  clear(): void {
    this.instances.clear();
    this.sunset = false;
    this.unknownInstanceProvider = "AWS";
  }
}
