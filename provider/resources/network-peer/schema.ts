import { z } from "zod";
import { adoptExistingSchema, atlasIdSchema, cidrSchema, projectIdSchema } from "../shared/fields";
import { timeoutsSchema } from "../shared/durations";
import { toAwsNativeRegion } from "../shared/regions";

/**
 * Inputs of a NetworkPeer: a peering connection between an Atlas network container and the user's VPC
 * (AWS), VNet (Azure) or VPC network (GCP). The container and the peer's network identity are fixed for
 * the life of the peer; for AWS, Atlas updates the account, accepter region and route table CIDR in place.
 */
const guidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const azureNamePattern = /^[-\w._()]+$/;

const common = {
  projectId: projectIdSchema,
  containerId: atlasIdSchema("Atlas network container (NetworkContainer.id)"),
  adoptExisting: adoptExistingSchema,
  timeouts: timeoutsSchema,
};

const awsInputs = z.strictObject({
  ...common,
  providerName: z.literal("AWS"),
  // The peering API wants AWS's own form (us-east-1), unlike the container's US_EAST_1.
  accepterRegionName: z.string().transform((value, ctx) => {
    const region = toAwsNativeRegion(value);
    if (region === undefined) {
      ctx.addIssue({ code: "custom", message: "must be the AWS region of your VPC, such as us-east-1 (US_EAST_1 is accepted too)" });
      return z.NEVER;
    }
    return region;
  }),
  awsAccountId: z.string().regex(/^[0-9]{12}$/, { error: "must be the 12-digit AWS account id that owns the VPC" }),
  routeTableCidrBlock: cidrSchema,
  vpcId: z.string().regex(/^vpc-[0-9a-f]{17}$/, {
    error: "must be an AWS VPC id with 17 lowercase hex digits, such as vpc-0123456789abcdef0 (the form Atlas accepts)",
  }),
  // An AWS peer settles at PENDING_ACCEPTANCE until you accept it on the AWS side; set this to wait for AVAILABLE.
  waitForAvailable: z.boolean({ error: "must be true or false" }).optional(),
});

const azureInputs = z.strictObject({
  ...common,
  providerName: z.literal("AZURE"),
  azureDirectoryId: z.string().regex(guidPattern, { error: "must be the Azure AD tenant (directory) id, a GUID" }),
  azureSubscriptionId: z.string().regex(guidPattern, { error: "must be the Azure subscription id, a GUID" }),
  resourceGroupName: z.string().regex(azureNamePattern, {
    error: "must be an Azure resource group name (letters, digits, and - _ . ( ) only)",
  }),
  vnetName: z.string().regex(azureNamePattern, { error: "must be an Azure VNet name (letters, digits, and - _ . ( ) only)" }),
});

const gcpInputs = z.strictObject({
  ...common,
  providerName: z.literal("GCP"),
  gcpProjectId: z.string().regex(/^[a-z][0-9a-z-]{4,28}[0-9a-z]$/, {
    error: "must be a GCP project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter",
  }),
  networkName: z.string().regex(/^[a-z]([-a-z0-9]{0,62}[a-z0-9])?$/, {
    error: "must be a GCP VPC network name: lowercase letters, digits and hyphens, starting with a letter",
  }),
  // A GCP peer settles at WAITING_FOR_USER until you create the reciprocal peering; set this to wait for AVAILABLE.
  waitForAvailable: z.boolean({ error: "must be true or false" }).optional(),
});

export const networkPeerInputsSchema = z.discriminatedUnion("providerName", [awsInputs, azureInputs, gcpInputs]);

export type NetworkPeerInputs = z.output<typeof networkPeerInputsSchema>;

export const networkPeerProviderOnlyFields = {
  accepterRegionName: ["AWS"],
  awsAccountId: ["AWS"],
  routeTableCidrBlock: ["AWS"],
  vpcId: ["AWS"],
  azureDirectoryId: ["AZURE"],
  azureSubscriptionId: ["AZURE"],
  resourceGroupName: ["AZURE"],
  vnetName: ["AZURE"],
  gcpProjectId: ["GCP"],
  networkName: ["GCP"],
  waitForAvailable: ["AWS", "GCP"],
} as const;
