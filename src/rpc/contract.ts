import type { ContractOf } from "../app/handler";
import type { HANDLERS } from "./handlers";

/**
 * The typed RPC contract shared by the sidebar (client) and the server, computed from the handler table:
 * method name -> what the client sends (the zod schema's input) and what it gets back (the handler's result,
 * as JSON carries it). Renaming a handler or changing its payload or result changes this type, so the
 * sidebar's calls stop type-checking (test/rpc/contract.types.ts proves it).
 */
export type RpcContract = ContractOf<typeof HANDLERS>;

export type RpcMethod = keyof RpcContract;
