/**
 * Runs before every test file (jest.config.js `setupFiles`).
 *
 * Serializing a dynamic provider (serialized-provider.test.ts, and any test that registers a resource under
 * pulumi.runtime.setMocks) makes Pulumi require() every Node built-in module to recognise captured ones.
 * Loading node:test creates an async resource (TestReporterScope) that is never destroyed, which
 * `jest --detectOpenHandles` reports as an open handle. No provider captures node:test, so an empty stand-in
 * changes nothing else.
 */
jest.mock("node:test", () => ({}));
