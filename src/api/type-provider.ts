/**
 * Lets Fastify type `request.query`, `request.body` and replies from the TypeBox schemas of a route
 * (the ten lines @fastify/type-provider-typebox would add as a dependency).
 */
import type { Static, TSchema } from "@sinclair/typebox";
import type {
  FastifyInstance, FastifyTypeProvider, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault,
} from "fastify";
import type { FastifyBaseLogger } from "fastify";

export interface TypeBoxTypeProvider extends FastifyTypeProvider {
  validator: this["schema"] extends TSchema ? Static<this["schema"]> : unknown;
  serializer: this["schema"] extends TSchema ? Static<this["schema"]> : unknown;
}

export type ApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A route plugin: registers one resource's routes on the typed instance. */
export type RoutePlugin = (app: ApiInstance) => Promise<void>;
