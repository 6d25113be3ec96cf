import { z } from "zod";
import {
  awsAccountIdPattern,
  awsVpcIdPattern,
  azureNamePattern,
  gcpNetworkNamePattern,
  gcpProjectIdPattern,
  uuidPattern,
} from "../../atlas-rules";
import { atlasIdSchema, cidrSchema, commonInputFields, regionSchema } from "../shared/fields";

/**
 * Inputs of a NetworkPeer: a peering connection between an Atlas network container and the user's VPC
 * (AWS), VNet (Azure) or VPC network (GCP). The container and the peer's network identity are fixed for
 * the life of the peer; for AWS, Atlas updates the account, accepter region and route table CIDR in place.
 */

const common = {
  ...commonInputFields,
  containerId: atlasIdSchema("Atlas network container (NetworkContainer.id)"),
};

/** A string input whose message (also for a missing value or a wrong type) says what it must be. */
function text(rule: string, pattern: RegExp) {
  return z.string({ error: rule }).regex(pattern, { error: rule });
}

const awsInputs = z.strictObject({
  ...common,
  providerName: z.literal("AWS"),
  // The peering API wants AWS's own form (us-east-1), unlike the container's US_EAST_1; either is accepted.
  accepterRegionName: regionSchema("AWS", "accepter"),
  awsAccountId: text("must be the 12-digit AWS account id that owns the VPC", awsAccountIdPattern),
  routeTableCidrBlock: cidrSchema,
  vpcId: text(
    "must be an AWS VPC id with 17 lowercase hex digits, such as vpc-0123456789abcdef0 (the form Atlas accepts)",
    awsVpcIdPattern,
  ),
  // An AWS peer settles at PENDING_ACCEPTANCE until you accept it on the AWS side; set this to wait for AVAILABLE.
  waitForAvailable: z.boolean({ error: "must be true or false" }).optional(),
});

const azureInputs = z.strictObject({
  ...common,
  providerName: z.literal("AZURE"),
  azureDirectoryId: text("must be the Azure AD tenant (directory) id of your VNet, a GUID", uuidPattern),
  azureSubscriptionId: text("must be the Azure subscription id of your VNet, a GUID", uuidPattern),
  resourceGroupName: text(
    "must be the Azure resource group of your VNet (letters, digits, and - _ . ( ) only)",
    azureNamePattern,
  ),
  vnetName: text("must be the name of your Azure VNet (letters, digits, and - _ . ( ) only)", azureNamePattern),
});

const gcpInputs = z.strictObject({
  ...common,
  providerName: z.literal("GCP"),
  gcpProjectId: text(
    "must be the id of your GCP project: 6 to 30 lowercase letters, digits or hyphens, starting with a letter",
    gcpProjectIdPattern,
  ),
  // GCP's own limit is 63 characters (the spec's pattern allows 65, which GCP would refuse): atlas-rules/identifiers.ts.
  networkName: text(
    "must be the name of your GCP VPC network: at most 63 lowercase letters, digits and hyphens, starting with a letter",
    gcpNetworkNamePattern,
  ),
  // A GCP peer settles at WAITING_FOR_USER until you create the reciprocal peering; set this to wait for AVAILABLE.
  waitForAvailable: z.boolean({ error: "must be true or false" }).optional(),
});

export const networkPeerInputsSchema = z.discriminatedUnion("providerName", [awsInputs, azureInputs, gcpInputs]);

export type NetworkPeerInputs = z.output<typeof networkPeerInputsSchema>;
