// The program of Pulumi.yaml (main: examples/). The Node.js runtime calls an exported function and takes
// what it returns as the stack outputs; tests and `npm run demo` call atlasNetworkStack inline instead.
import { atlasNetworkStack } from "./network-stack";

export = atlasNetworkStack;
