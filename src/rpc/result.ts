/** What every RPC returns to the sidebar: data, or an error message already in the caller's language. */
export type RpcResult<T> = { ok: true; data: T } | { ok: false; code: RpcErrorCode; error: string };

export type RpcErrorCode =
  | "invalid"
  | "unknown-user"
  | "frozen"
  | "denied"
  | "not-owner"
  | "not-found"
  | "busy"
  | "failed";

/** An expected refusal (bad input, not allowed, not found): reported to the person, not logged as a crash. */
export class RpcError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RpcError";
  }
}
