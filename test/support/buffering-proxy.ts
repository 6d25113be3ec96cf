/**
 * A loopback HTTP proxy in front of the simulator that passes every request through and buffers each answer,
 * so a test can look at its body (or change it) before the client gets it. Every request still reaches the
 * simulator, so its request log shows what the client sent.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface BufferingProxy {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * `onAnswer` sees each answer's request, status and body; a Buffer it returns is sent instead of the body
 * (with its own Content-Length).
 */
export async function startBufferingProxy(
  target: { port: number },
  onAnswer: (request: http.IncomingMessage, statusCode: number, body: Buffer) => Buffer | undefined,
): Promise<BufferingProxy> {
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      { host: "127.0.0.1", port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const statusCode = answer.statusCode ?? 502;
          const headers = { ...answer.headers };
          const received = Buffer.concat(chunks);
          const replaced = onAnswer(request, statusCode, received);
          if (replaced) headers["content-length"] = String(replaced.length);
          response.writeHead(statusCode, headers);
          response.end(replaced ?? received);
        });
      },
    );
    // The simulator's `reset` faults destroy the connection: do the same to the client.
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
