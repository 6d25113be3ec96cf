// Tests run TypeScript through ts-jest in transpile-only mode: type errors are caught once,
// by `npm run typecheck`, instead of in every jest worker (the machine has 2 cores).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { isolatedModules: true, tsconfig: "tsconfig.json" }],
  },
  // Provider classes load their implementation with require("pulumi-mongodbatlas-network/runtime")
  // at run time (so that the serialized __provider stays tiny); in tests that name maps to the source.
  moduleNameMapper: {
    "^pulumi-mongodbatlas-network/runtime$": "<rootDir>/provider/runtime.ts",
    "^pulumi-mongodbatlas-network$": "<rootDir>/provider/index.ts",
  },
  // A stand-in for node:test, so --detectOpenHandles reports only real leaks (see the file).
  setupFiles: ["<rootDir>/test/support/jest-setup.ts"],
  maxWorkers: 2,
  testTimeout: 30000,
};
