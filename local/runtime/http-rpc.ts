/**
 * A tiny HTTP bridge for running the sidebar outside Google: GET / serves the built Sidebar.html with
 * `google.script.run` injected (./google-script.ts), and POST /gas/run {fn, args} runs that server function in the
 * emulator as the current user, passing arguments and results by Apps Script's rules — so the sidebar takes its
 * Google code path. POST /rpc {method, payload} is for tools (curl, scripts). Binds 127.0.0.1 only.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { injectShim, isCallableName, legalResult } from "./google-script";

/** What the bridge needs from a LocalSession (or any loaded project). */
export interface RpcRunner {
  run<T = unknown>(name: string, args: unknown[], as?: string): T;
}

export interface SidebarServerOptions {
  runner: RpcRunner;
  /** The sidebar page (dist/Sidebar.html). */
  html: string;
  /** Who is calling; a function so a test can switch users between page loads. */
  user: () => string;
  port?: number;
}

export interface SidebarServer {
  url: string;
  /** Every RPC served, in order (method names), for assertions. */
  calls: string[];
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) reject(new Error("request too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/** Handles POST /rpc: returns the entry point's JSON string unchanged (it is already an RpcResult). */
export async function handleRpc(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  runner: RpcRunner,
  user: string,
): Promise<string | undefined> {
  let method = "";
  let payloadJson = "{}";
  try {
    const body = JSON.parse(await readBody(req)) as { method?: unknown; payload?: unknown };
    method = typeof body.method === "string" ? body.method : "";
    payloadJson = JSON.stringify(body.payload ?? {});
  } catch {
    res.writeHead(400, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ ok: false, code: "invalid", error: "The request body is not JSON {method, payload}." }));
    return undefined;
  }
  let out: string;
  try {
    out = String(runner.run("rpc", [method, payloadJson], user));
  } catch (e) {
    out = JSON.stringify({ ok: false, code: "failed", error: (e as Error).message });
  }
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(out);
  return method;
}

/** Handles POST /gas/run: one google.script.run call, {ok, value} or {ok: false, error} as the shim expects. */
export async function handleScriptRun(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  runner: RpcRunner,
  user: string,
): Promise<string | undefined> {
  let reply: { ok: boolean; value?: unknown; error?: string };
  let method: string | undefined;
  try {
    const body = JSON.parse(await readBody(req)) as { fn?: unknown; args?: unknown };
    const fn = typeof body.fn === "string" ? body.fn : "";
    const args = Array.isArray(body.args) ? body.args : [];
    if (!isCallableName(fn)) throw new Error(`Script function not found: ${fn}`);
    reply = { ok: true, value: legalResult(runner.run(fn, args, user)) };
    method = fn === "rpc" && typeof args[0] === "string" ? args[0] : fn;
  } catch (e) {
    reply = { ok: false, error: (e as Error).message };
  }
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(JSON.stringify(reply));
  return method;
}

export async function startSidebarServer(options: SidebarServerOptions): Promise<SidebarServer> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const post = url.pathname === "/gas/run" ? handleScriptRun : url.pathname === "/rpc" ? handleRpc : undefined;
    if (req.method === "POST" && post) {
      post(req, res, options.runner, options.user())
        .then((method) => {
          if (method !== undefined) calls.push(method);
        })
        .catch((e) => {
          res.writeHead(500);
          res.end(String(e));
        });
      return;
    }
    if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/Sidebar.html")) {
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        // As strict as Apps Script's sandbox allows the inlined app: no outside scripts, no plugins.
        "Content-Security-Policy":
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
      });
      res.end(injectShim(options.html));
      return;
    }
    res.writeHead(404);
    res.end("not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
