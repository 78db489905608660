/**
 * The typed RPC contract shared by the sidebar (client) and the server: method name -> input and output.
 * Each feature adds its methods as one interface and extends RpcContract with it.
 */
// biome-ignore lint/suspicious/noEmptyInterface: features extend this interface.
export interface RpcContract {}

export type RpcMethod = keyof RpcContract;
