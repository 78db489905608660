import type { RpcErrorCode } from "../../app/result";
import type { Refusal } from "./texts";

/** A staff action refused for a reason the person can act on; the RPC layer words it in their language. */
export class StaffRefusal extends Error {
  constructor(
    readonly key: Refusal,
    readonly code: RpcErrorCode,
    readonly params: Record<string, string> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = "StaffRefusal";
  }
}
