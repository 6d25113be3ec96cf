// The project brings its own Node (package `node` in devDependencies); @pulumi/pulumi and undici need >= 22.
test("the test suite runs on the project's own Node, version 22 or newer", () => {
  const major = Number(process.versions.node.split(".")[0]);
  expect(major).toBeGreaterThanOrEqual(22);
});
