import * as undici from "undici";
import { Agent, retryInterceptor } from "../../provider/client/undici-parts";

test("the undici parts the client loads by their own files are the ones undici's index exports", () => {
  expect(Agent).toBe(undici.Agent);
  expect(retryInterceptor).toBe(undici.interceptors.retry);
});

test("request() is the request method undici's index puts on every dispatcher", () => {
  const apiRequest = require("undici/lib/api/api-request");
  expect(apiRequest).toBe(undici.Dispatcher.prototype.request);
});
