/**
 * The simulator and the library agree on Atlas's rules because they read one table (provider/atlas-rules): the
 * same container CIDR verdicts, the same region names, and adoption that matches a region however it was written.
 */
import { networkContainerInputsSchema } from "../../provider/resources/network-container/schema";
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import {
  createChecked,
  fastPoll,
  startResourceSimulator,
  startRunAgainst,
  stopResourceSimulator,
} from "../support/resource-harness";
import { DigestTestClient, testGroupId, type RunningSimulator } from "../support/simulator";

const group = `/api/atlas/v2/groups/${testGroupId}`;
let sim: RunningSimulator;
let atlas: DigestTestClient;

beforeAll(async () => {
  sim = await startResourceSimulator();
  atlas = new DigestTestClient(sim);
});

beforeEach(() => {
  sim.control.reset();
  startRunAgainst(sim);
});

afterAll(() => stopResourceSimulator(sim));

type ContainerBody = Record<string, unknown>;

const containers: [string, ContainerBody][] = [
  [
    "a regional GCP container with a /18 block",
    { providerName: "GCP", regions: ["CENTRAL_US"], atlasCidrBlock: "10.8.0.0/18" },
  ],
  [
    "a regional GCP container with a /21 block",
    { providerName: "GCP", regions: ["CENTRAL_US"], atlasCidrBlock: "10.8.0.0/21" },
  ],
  [
    "a regional GCP container with a /25 block",
    { providerName: "GCP", regions: ["CENTRAL_US"], atlasCidrBlock: "10.8.0.0/25" },
  ],
  ["a global GCP container with a /18 block", { providerName: "GCP", atlasCidrBlock: "10.8.0.0/18" }],
  ["a global GCP container with a /17 block", { providerName: "GCP", atlasCidrBlock: "10.0.0.0/17" }],
  [
    "an AWS container with a /21 block",
    { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" },
  ],
  [
    "an AWS container with a /20 block",
    { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/20" },
  ],
  [
    "an Azure container with a /24 block",
    { providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.8.0.0/24" },
  ],
  [
    "an Azure container with a public block",
    { providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "8.8.0.0/21" },
  ],
  [
    "an Azure container with a block not at its network address",
    { providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.8.1.0/21" },
  ],
  [
    "a GCP container in EUROPE_WEST_8, which the container enum lacks",
    { providerName: "GCP", regions: ["EUROPE_WEST_8"], atlasCidrBlock: "10.8.0.0/21" },
  ],
];

test.each(containers)("%s: the library's check and the simulator give the same verdict", async (_name, body) => {
  const library = networkContainerInputsSchema.safeParse({ projectId: testGroupId, ...body }).success;
  const response = await atlas.request("POST", `${group}/containers`, { body });
  expect(response.status === 200).toBe(library);
});

test("the simulator refuses a regional GCP container wider than /21 as Atlas does", async () => {
  const response = await atlas.request("POST", `${group}/containers`, {
    body: { providerName: "GCP", regions: ["CENTRAL_US"], atlasCidrBlock: "10.8.0.0/18" },
  });
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({ errorCode: "ATLAS_INVALID_CIDR_BLOCK" });
});

test.each([
  ["AWS", "us-east-1", "US_EAST_1"],
  ["AZURE", "eastus2", "US_EAST_2"],
  ["GCP", "us-central1", "CENTRAL_US"],
  ["GCP", "europe-west8", "EUROPE_WEST_8"],
])(
  "the simulator takes an endpoint service region %s %s and reports it as %s",
  async (providerName, region, atlasName) => {
    const response = await atlas.request("POST", `${group}/privateEndpoint/endpointService`, {
      body: { providerName, region },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.body).toMatchObject({ regionName: atlasName });
  },
);

test.each([
  ["AZURE", "US_EAST_2", "eastus2"],
  ["GCP", "CENTRAL_US", "us-central1"],
  ["AWS", "US_EAST_1", "us-east-1"],
])(
  "an existing %s service in %s is adopted by a service declared with region %s",
  async (providerName, atlasName, written) => {
    const existing = sim.control.seedResource({
      kind: "private-endpoint-service",
      groupId: testGroupId,
      body: { providerName, region: atlasName },
      settled: true,
    });
    const shim = new AtlasDynamicProvider("privateEndpointService");
    const { id, outs } = await createChecked(shim, {
      projectId: testGroupId,
      providerName,
      region: written,
      adoptExisting: true,
      poll: fastPoll,
    });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ region: atlasName, regionName: atlasName });
  },
);
