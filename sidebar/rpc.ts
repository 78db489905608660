/**
 * The sidebar's typed RPC client. It calls the one server function through google.script.run
 * (rpc(method, payloadJson) -> RpcResult JSON): in Google, and in the workbench and the browser tests, which give
 * the page a google.script.run that passes calls as Apps Script does (local/runtime/google-script.ts). Only a page
 * opened with no google.script.run at all (a tool) POSTs {method, payload} to window.BUYERBOOK_RPC_URL ("/rpc").
 */

import type { RpcResult } from "../src/app/result";
import type { RpcContract, RpcMethod } from "../src/rpc/contract";

interface ScriptRun {
  withSuccessHandler(fn: (value: string) => void): ScriptRun;
  withFailureHandler(fn: (error: Error) => void): ScriptRun;
  rpc(method: string, payloadJson: string): void;
}

declare global {
  interface Window {
    BUYERBOOK_RPC_URL?: string;
    google?: { script?: { run?: ScriptRun } };
  }
}

/** A refusal or failure, with the server's message already in the user's language. */
export class RpcFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RpcFailure";
  }
}

function viaAppsScript(run: ScriptRun, method: string, payloadJson: string): Promise<string> {
  return new Promise((resolve, reject) => {
    run
      .withSuccessHandler(resolve)
      .withFailureHandler((e) => reject(new RpcFailure("failed", e?.message ?? String(e))))
      .rpc(method, payloadJson);
  });
}

async function viaHttp(method: string, payload: unknown): Promise<string> {
  const response = await fetch(window.BUYERBOOK_RPC_URL || "/rpc", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ method, payload }),
  });
  if (!response.ok) throw new RpcFailure("failed", `HTTP ${response.status}`);
  return response.text();
}

export async function call<M extends RpcMethod>(
  method: M,
  input: RpcContract[M]["input"],
): Promise<RpcContract[M]["output"]> {
  const run = window.google?.script?.run;
  const text = run ? await viaAppsScript(run, method, JSON.stringify(input)) : await viaHttp(method, input);
  const result = JSON.parse(text) as RpcResult<RpcContract[M]["output"]>;
  if (!result.ok) throw new RpcFailure(result.code, result.error);
  return result.data;
}
