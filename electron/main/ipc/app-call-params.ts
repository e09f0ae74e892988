/** The params of the app calls that take any, checked like RPC params (a window is not trusted to be right). */
import * as z from 'zod/mini';
import type { AppCallName } from '../../../shared/api/contract';

const Id = z.string().check(z.minLength(1), z.maxLength(100));
const Empty = z.strictObject({});

export const APP_CALL_PARAMS: Readonly<Record<AppCallName, z.ZodMiniType>> = {
  connectionStatus: Empty,
  appInfo: Empty,
  listConnections: Empty,
  addConnection: z.strictObject({
    host: z.string().check(z.maxLength(255)),
    user: z.optional(z.string().check(z.maxLength(64))),
    port: z.optional(z.number()),
    keyfile: z.optional(z.string().check(z.maxLength(4096))),
    autoconnect: z.boolean(),
  }),
  removeConnection: z.strictObject({ id: Id }),
  connectConnection: z.strictObject({ id: Id }),
  disconnectConnection: z.strictObject({ id: Id }),
  openConnection: z.strictObject({ id: Id, newWindow: z.boolean() }),
  answerAskpass: z.strictObject({ id: Id, answer: z.nullable(z.string().check(z.maxLength(4096))) }),
};
