/** Listening, and nothing else: `buildApp` makes the application. */
import type { FastifyInstance } from "fastify";

export interface ListenOptions {
  port?: number;
  host?: string;
}

/** Starts listening (port 0 picks a free one) and returns the base URL, e.g. "http://127.0.0.1:8787". */
export async function listen(app: FastifyInstance, options: ListenOptions = {}): Promise<string> {
  await app.listen({ port: options.port ?? 8787, host: options.host ?? "127.0.0.1" });
  const address = app.server.address();
  if (address && typeof address === "object") {
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }
  return String(address);
}
