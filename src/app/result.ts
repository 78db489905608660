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

/** An error class a job throws for a refusal the person can act on; `code` when the job says which kind. */
type Refusal = abstract new (...args: never[]) => Error & { readonly code?: RpcErrorCode };

/**
 * Runs a job for a handler: its expected refusals (errors of the given classes) reach the sidebar as they are
 * (they name the row or ID to fix), "invalid" unless the error carries its own code; anything else stays a failure.
 */
export function refusalsAsRpc<T>(refusals: readonly Refusal[], fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const refusal = refusals.find((kind) => e instanceof kind);
    if (refusal) {
      const { code, message } = e as InstanceType<Refusal>;
      throw new RpcError(code ?? "invalid", message);
    }
    throw e;
  }
}
