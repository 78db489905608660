/**
 * The workbench over HTTP (node:http only). Local and single-user: it binds 127.0.0.1 by default, answers only
 * requests addressed to a loopback host name (no DNS rebinding), and takes JSON bodies only (a page on another
 * site cannot post JSON here without a CORS preflight, which is never granted).
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { injectShim } from "../runtime/google-script";
import type { ClockStep } from "./clock";
import { validateTestInquiry } from "./compose";
import { errorText, Workbench, type WorkbenchOptions } from "./workbench";

export interface StartOptions extends WorkbenchOptions {
  /** 0 picks a free port (tests). Default 8080. */
  port?: number;
  host?: string;
}

export interface RunningWorkbench {
  url: string;
  port: number;
  bench: Workbench;
  server: http.Server;
  close(): Promise<void>;
}

/** A port that is taken: the message the person sees, with the next port to try. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is in use; try --port ${port + 1}`);
    this.name = "PortInUseError";
  }
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PUBLIC = path.join(HERE, "public");
const MAX_BODY = 1_000_000;

export async function startWorkbench(options: StartOptions = {}): Promise<RunningWorkbench> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 8080;
  // The handler is attached before the port is claimed, so no request is left without an answer: one that
  // comes while the demo is being made waits for it. The port is claimed before the (slower) demo and
  // session, so a taken port is reported at once.
  let opened: (value: { bench: Workbench; page: Page }) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const ready = new Promise<{ bench: Workbench; page: Page }>((resolve, reject) => {
    opened = resolve;
    failed = reject;
  });
  ready.catch(() => {});
  const server = http.createServer((req, res) => {
    ready
      .then(({ bench, page }) => handle(bench, page, (server.address() as AddressInfo).port, req, res))
      .catch((e) => send(res, 500, "text/plain", `Workbench error: ${errorText(e)}`));
  });
  await listen(server, port, host);
  try {
    const [bench, page] = await Promise.all([Workbench.open(options), bundlePage()]);
    opened({ bench, page });
    const actual = (server.address() as AddressInfo).port;
    const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
    return {
      url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${actual}/`,
      port: actual,
      bench,
      server,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await bench.save();
      },
    };
  } catch (e) {
    failed(e);
    server.close();
    throw e;
  }
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => reject(e.code === "EADDRINUSE" ? new PortInUseError(port) : e);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

interface Page {
  html: string;
  js: string;
  css: string;
}

/** The page's TypeScript, bundled once at start (plain DOM, no framework). */
async function bundlePage(): Promise<Page> {
  const result = await esbuild.build({
    entryPoints: [path.join(PUBLIC, "main.ts")],
    bundle: true,
    format: "iife",
    target: "es2020",
    write: false,
    charset: "utf8",
    legalComments: "none",
    logLevel: "silent",
  });
  return {
    html: readFileSync(path.join(PUBLIC, "index.html"), "utf8"),
    js: result.outputFiles[0].text,
    css: readFileSync(path.join(PUBLIC, "style.css"), "utf8"),
  };
}

const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
// The sidebar's own scripts and styles are inlined by the build, as in Apps Script.
const SIDEBAR_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: https:; font-src data:; base-uri 'none'";
const DOC_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'";

async function handle(
  bench: Workbench,
  page: Page,
  port: number,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  if (!loopbackHost(req.headers.host, port)) return send(res, 403, "text/plain", "Forbidden: unexpected Host header");
  const url = new URL(req.url ?? "/", "http://workbench.local");
  const route = `${req.method} ${url.pathname}`;
  const q = url.searchParams;

  switch (route) {
    case "GET /":
      return send(res, 200, "text/html; charset=utf-8", page.html, { "Content-Security-Policy": PAGE_CSP });
    case "GET /app.js":
      return send(res, 200, "text/javascript; charset=utf-8", page.js);
    case "GET /style.css":
      return send(res, 200, "text/css; charset=utf-8", page.css);
    case "GET /sidebar":
      return send(res, 200, "text/html; charset=utf-8", injectShim(bench.sidebarSource()), {
        "Content-Security-Policy": SIDEBAR_CSP,
      });
    case "GET /api/state":
      return json(res, state(bench));
    case "GET /api/sheet":
      return json(
        res,
        bench.sheetPage(q.get("name") ?? "", Number(q.get("offset") ?? 0), Number(q.get("limit") ?? 500)),
      );
    case "GET /api/mail":
      return json(res, bench.mailbox(q.get("user") ?? bench.acting));
    case "GET /api/mail/message": {
      const message = bench.message(q.get("user") ?? bench.acting, q.get("id") ?? "");
      return message ? json(res, message) : send(res, 404, "text/plain", "No such message");
    }
    case "GET /api/docs":
      return json(res, bench.docs());
  }

  if (req.method === "GET") {
    const shown = /^\/shown\/(\d+)$/.exec(url.pathname);
    if (shown) {
      const h = bench.shownHtml(Number(shown[1]));
      if (!h) return send(res, 404, "text/plain", "Nothing shown under that number");
      return send(res, 200, "text/html; charset=utf-8", injectShim(h.content), {
        "Content-Security-Policy": SIDEBAR_CSP,
      });
    }
    const doc = /^\/docs\/([\w.-]+)\.(html|docx)$/.exec(url.pathname);
    if (doc) {
      if (doc[2] === "html") {
        const html = bench.docHtml(doc[1]);
        if (html === undefined)
          return send(res, 404, "text/plain", `No document ${doc[1]} that ${bench.acting} may open`);
        return send(res, 200, "text/html; charset=utf-8", html, { "Content-Security-Policy": DOC_CSP });
      }
      const file = await bench.docDocx(doc[1]);
      if (!file) return send(res, 404, "text/plain", `No document ${doc[1]} that ${bench.acting} may open`);
      return send(res, 200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.data, {
        "Content-Disposition": attachment(file.name),
      });
    }
    const eml = /^\/mail\/([^/]+)\/([\w-]+)\.eml$/.exec(url.pathname);
    if (eml) {
      const found = bench.eml(decodeURIComponent(eml[1]), eml[2]);
      if (!found) return send(res, 404, "text/plain", "No such message");
      return send(res, 200, "message/rfc822", found.source, { "Content-Disposition": attachment(found.name) });
    }
    return send(res, 404, "text/plain", "Not found");
  }

  if (req.method !== "POST") return send(res, 405, "text/plain", "Method not allowed");
  if (!String(req.headers["content-type"] ?? "").startsWith("application/json"))
    return send(res, 415, "text/plain", "JSON bodies only");
  const body = (await readJson(req)) as Record<string, unknown>;
  switch (url.pathname) {
    case "/gas/run":
      return json(res, bench.gasRun(String(body.fn ?? ""), Array.isArray(body.args) ? body.args : []));
    case "/api/menu":
      return json(res, bench.runMenu(String(body.fn ?? "")));
    case "/api/pull":
      return json(res, bench.pullNow());
    case "/api/act-as":
      return json(res, { ...bench.actAs(String(body.user ?? "")), state: state(bench) });
    case "/api/clock":
      return json(res, bench.advanceClock(String(body.step ?? "") as ClockStep));
    case "/api/cell":
      return json(
        res,
        bench.setCell(String(body.sheet ?? ""), int(body.row), int(body.column), String(body.value ?? "")),
      );
    case "/api/select":
      return json(res, bench.select(String(body.sheet ?? ""), int(body.row)));
    case "/api/mail/compose": {
      try {
        return json(res, await bench.writeTestInquiry(validateTestInquiry(body)));
      } catch (e) {
        return json(res, { ok: false, error: errorText(e), ui: { toasts: [], alerts: [], shown: [] } });
      }
    }
    case "/api/save":
      await bench.save();
      return json(res, { ok: true });
  }
  return send(res, 404, "text/plain", "Not found");
}

export function state(bench: Workbench) {
  return {
    version: bench.version,
    clock: bench.env.ctx.clock.now().toISOString(),
    timeZone: bench.timeZone,
    acting: bench.acting,
    owner: bench.session.owner,
    book: bench.session.bookPath,
    mailDir: bench.mailDir,
    users: bench.users(),
    menus: bench.menus(),
    sheets: bench.sheetNames(),
    nextFires: bench.env.scheduler.nextFires().map((f) => ({ handler: f.handler, at: f.at.toISOString() })),
  };
}

function loopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

function int(v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Not a row/column number: ${String(v)}`);
  return n;
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("Request body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {});
      } catch {
        reject(new Error("Body is not JSON"));
      }
    });
    req.on("error", reject);
  });
}

function json(res: http.ServerResponse, value: unknown): void {
  send(res, 200, "application/json; charset=utf-8", JSON.stringify(value));
}

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    ...headers,
  });
  res.end(body);
}

function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
