/**
 * Atlas's rules for a network container's `atlasCidrBlock`, read by the library's NetworkContainer schema and by
 * the simulator's container validation alike. Each rule names its source.
 */
import type { CloudProvider } from "./regions";

/**
 * The private ranges of RFC 1918 (https://www.rfc-editor.org/rfc/rfc1918#section-3). Source of the rule: the
 * spec's atlasCidrBlock description in AWSCloudProviderContainer, AzureCloudProviderContainer and
 * GCPCloudProviderContainer ("These CIDR blocks must fall within the ranges reserved per RFC 1918").
 */
export const privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

export interface PrefixRange {
  min: number;
  max: number;
}

/**
 * Prefix lengths per provider:
 * - AWS and Azure: /21 to /24. Spec, AWSCloudProviderContainer.atlasCidrBlock and AzureCloudProviderContainer
 *   .atlasCidrBlock: "AWS and Azure further limit the block to between the /24 and /21 ranges".
 * - GCP without `regions` (a global container): /18 to /24. Spec, GCPCloudProviderContainer.atlasCidrBlock: "GCP
 *   further limits the block to a lower bound of the /18 range"; the upper bound /24 is the one Atlas's container
 *   page states for every block ("at least a /24"),
 *   https://www.mongodb.com/docs/atlas/reference/api/vpc-create-container/.
 * - GCP with `regions` (a regional container): /21 to /24. Atlas's container page,
 *   https://www.mongodb.com/docs/atlas/reference/api/vpc-create-container/ (the regions list is for blocks smaller
 *   than /18, which must be /21 to /24; the Terraform provider's network_container docs repeat "Provide this field
 *   only if you provide an atlas_cidr_block smaller than /18"). The spec's general /18 text does not say this;
 *   Atlas's documentation does, so the stricter rule wins.
 */
const containerPrefixRange: Readonly<Record<CloudProvider | "GCP_REGIONAL", PrefixRange>> = {
  AWS: { min: 21, max: 24 },
  AZURE: { min: 21, max: 24 },
  GCP: { min: 18, max: 24 },
  GCP_REGIONAL: { min: 21, max: 24 },
};

/** The prefix range a container takes: GCP's depends on whether it lists regions. */
export function containerPrefixRangeFor(provider: CloudProvider, regional: boolean): PrefixRange {
  return provider === "GCP" && regional ? containerPrefixRange.GCP_REGIONAL : containerPrefixRange[provider];
}

// ---- IPv4 blocks ------------------------------------------------------------------------------------------------

export interface Ipv4Block {
  /** The address as an unsigned 32-bit number. */
  address: number;
  prefix: number;
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/**
 * `a.b.c.d/n`. The spec's atlasCidrBlock pattern also takes `%2F` for the slash (`(%2[fF]|/)`), so `encodedSlash`
 * lets the simulator accept what Atlas accepts; the library asks for `/`, the form Atlas reports back.
 */
export function parseIpv4Block(text: string, options: { encodedSlash?: boolean } = {}): Ipv4Block | undefined {
  const match = (options.encodedSlash ? /^([0-9.]+)(?:\/|%2[fF])(\d{1,2})$/ : /^([0-9.]+)\/(\d{1,2})$/).exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1] ?? "");
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  return { address, prefix };
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
}

/** The block written with its network address (10.8.1.0/21 → 10.8.0.0/21). */
export function canonicalBlock(block: Ipv4Block): string {
  return `${formatIpv4((block.address & maskOf(block.prefix)) >>> 0)}/${block.prefix}`;
}

function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  const mask = maskOf(outer.prefix);
  return inner.prefix >= outer.prefix && (inner.address & mask) >>> 0 === (outer.address & mask) >>> 0;
}

const privateBlocks = privateRanges.map((text) => parseIpv4Block(text) as Ipv4Block);

export function isPrivateBlock(block: Ipv4Block): boolean {
  return privateBlocks.some((range) => contains(range, block));
}

export function blocksOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  const mask = maskOf(Math.min(a.prefix, b.prefix));
  return (a.address & mask) >>> 0 === (b.address & mask) >>> 0;
}

// ---- the container rule, in the order Atlas checks -------------------------------------------------------------

/**
 * What is wrong with a container's block: one problem, the most basic first (format, range, size, spelling). Each is
 * a 400 of its own at Atlas (INVALID_CIDR_BLOCK, ATLAS_INVALID_CIDR_RANGE, ATLAS_INVALID_CIDR_BLOCK,
 * ATLAS_NON_CANONICAL_CIDR_BLOCK); which one Atlas reports first for a block with several problems is not
 * documented, so the order is the one that tells a user the most useful thing first.
 */
export type ContainerCidrProblem =
  | { kind: "format" }
  | { kind: "canonical"; canonical: string }
  | { kind: "private" }
  | { kind: "prefix"; range: PrefixRange; regional: boolean };

export function containerCidrProblem(
  provider: CloudProvider,
  text: string,
  options: { regional: boolean; encodedSlash?: boolean },
): ContainerCidrProblem | undefined {
  const block = parseIpv4Block(text, { encodedSlash: options.encodedSlash ?? false });
  if (!block) return { kind: "format" };
  if (!isPrivateBlock(block)) return { kind: "private" };
  const range = containerPrefixRangeFor(provider, options.regional);
  if (block.prefix < range.min || block.prefix > range.max) {
    return { kind: "prefix", range, regional: provider === "GCP" && options.regional };
  }
  const canonical = canonicalBlock(block);
  if (canonical !== text.replace(/%2[fF]/, "/")) return { kind: "canonical", canonical };
  return undefined;
}
