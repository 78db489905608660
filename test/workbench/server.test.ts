import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseServerArgs } from "../../local/workbench/args";
import { clockTarget } from "../../local/workbench/clock";
import { PortInUseError, type RunningWorkbench, startWorkbench } from "../../local/workbench/http";
import { DEMO_NOW, privateDist, tempDir } from "./support";

type Json = Record<string, unknown>;

describe("the workbench server (npm start)", () => {
  let wb: RunningWorkbench;
  let dir: string;
  let dist: string;

  beforeAll(async () => {
    dir = tempDir("bb-wb-");
    dist = await privateDist(dir);
    wb = await startWorkbench({ port: 0, dir: path.join(dir, "data"), now: DEMO_NOW, dist, saveDelayMs: 50 });
  }, 120_000);
  afterAll(async () => {
    await wb?.close();
  });

  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(p, wb.url), { headers });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const post = async <T = Json>(p: string, body: unknown): Promise<T> => {
    const res = await fetch(new URL(p, wb.url), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it("binds 127.0.0.1 on the port asked for (0 = any free one) and serves the page with a strict CSP", async () => {
    expect(wb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((wb.server.address() as AddressInfo).address).toBe("127.0.0.1");
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<title>Buyerbook workbench</title>");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const js = await get("/app.js");
    expect(js.text).toContain("gas.run");
    expect(js.text).not.toMatch(/\.innerHTML\s*=/);
  });

  it("creates the demo on first run and reports its state: users, the add-on's menu from onOpen, sheets, clock", async () => {
    const state = JSON.parse((await get("/api/state")).text) as {
      users: { email: string; role: string }[];
      menus: { name: string; items: { functionName?: string }[] }[];
      sheets: { name: string; lastRow: number }[];
      clock: string;
      acting: string;
    };
    expect(existsSync(path.join(dir, "data", "book.xlsx"))).toBe(true);
    expect(state.users.map((u) => u.role).sort()).toEqual([
      "assistant",
      "boss",
      "salesperson",
      "salesperson",
      "salesperson",
    ]);
    expect(state.acting).toBe("tom.wang@acme-tools.cn");
    expect(state.menus[0].name).toBe("Buyerbook");
    expect(state.menus[0].items.map((i) => i.functionName)).toContain("menuPullNow");
    // A lived-in book on the first load: every desk sheet has rows, and the weekly reports are listed.
    const rowsOf = (name: string) => state.sheets.find((s) => s.name === name)!.lastRow - 1;
    expect(rowsOf("Buyers")).toBeGreaterThanOrEqual(60);
    for (const sheet of ["Inquiries", "Follow-ups", "Quotes", "Samples"])
      expect(rowsOf(sheet), sheet).toBeGreaterThan(0);
    const docs = JSON.parse((await get("/api/docs")).text) as { name: string }[];
    expect(docs.some((d) => /weekly report|周报/i.test(d.name))).toBe(true);
    expect(new Date(state.clock).getTime()).toBeGreaterThanOrEqual(new Date(DEMO_NOW).getTime());
  });

  it("serves the built Sidebar.html with the google.script.run shim injected before its own scripts", async () => {
    const sidebar = await get("/sidebar");
    expect(sidebar.status).toBe(200);
    const shimAt = sidebar.text.indexOf("window.google.script");
    expect(shimAt).toBeGreaterThan(0);
    const built = readFileSync(path.join(dist, "Sidebar.html"), "utf8");
    const firstOwnScript = sidebar.text.indexOf("<script", sidebar.text.indexOf("</script>"));
    if (built.includes("<script")) expect(firstOwnScript).toBeGreaterThan(shimAt);
    expect(sidebar.text.length).toBeGreaterThan(built.length);
  });

  it("POST /gas/run runs a top-level function of dist/Code.js as the acting user; private and unknown names are refused", async () => {
    const pulled = await post<{ ok: boolean; value: string; ui: { toasts: { message: string }[] } }>("/gas/run", {
      fn: "menuPullNow",
      args: [],
    });
    expect(pulled.ok).toBe(true);
    const result = JSON.parse(pulled.value) as { mailbox: string; newInquiries: number };
    expect(result.mailbox).toBe("tom.wang@acme-tools.cn");
    // The three weeks before were pulled already; what came in since the last pull is new.
    expect(result.newInquiries).toBeGreaterThan(0);
    expect(pulled.ui.toasts.length).toBeGreaterThan(0);

    const rpc = await post<{ ok: boolean; value: string }>("/gas/run", { fn: "rpc", args: ["no.such.method", "{}"] });
    expect(rpc.ok).toBe(true);
    expect(JSON.parse(rpc.value)).toMatchObject({ ok: false });

    expect(await post("/gas/run", { fn: "helper_", args: [] })).toMatchObject({ ok: false });
    expect(await post("/gas/run", { fn: "noSuchFunction", args: [] })).toMatchObject({
      ok: false,
      error: "Script function not found: noSuchFunction",
    });
    expect(await post("/gas/run", { fn: "constructor.constructor", args: [] })).toMatchObject({ ok: false });
  });

  it("answers only loopback host names and JSON posts (no DNS rebinding, no cross-site form posts)", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(new URL("/api/state", wb.url), { headers: { Host: "evil.example:80" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
    const form = await fetch(new URL("/gas/run", wb.url), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "fn=menuSetup",
    });
    expect(form.status).toBe(415);
  });

  it("typing into a cell goes through Range.setValue as the acting user: parsed like Sheets, protections apply", async () => {
    const sheet = wb.bench.session.book().getSheetByName("Buyers")!;
    // A column the person added right of the sheet's own (setup sizes sheets to their columns) and set to the
    // automatic format (a new column takes its neighbour's), so "1,250" becomes a number.
    const free = sheet.getLastColumn() + 1;
    sheet.insertColumnAfter(free - 1);
    sheet.getRange(2, free).setNumberFormat("General");
    const typed = await post<{ ok: boolean; value: string }>("/api/cell", {
      sheet: "Buyers",
      row: 2,
      column: free,
      value: "1,250",
    });
    expect(typed.ok).toBe(true);
    expect(sheet.getRange(2, free).getValue()).toBe(1250);
    // Text-formatted columns (setup formats Notes as plain text) keep what was typed, as Sheets does.
    const notes = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf("Notes") + 1;
    await post("/api/cell", { sheet: "Buyers", row: 2, column: notes, value: "1,250" });
    expect(sheet.getRange(2, notes).getValue()).toBe("1,250");
    // Staff is protected for the boss and the assistant; Tom is a salesperson.
    const refused = await post<{ ok: boolean; error: string }>("/api/cell", {
      sheet: "Staff",
      row: 2,
      column: 2,
      value: "x",
    });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/protected/);
  });

  it("an edit fires the installable ON_EDIT triggers of the book, as Sheets does", async () => {
    const { env } = wb.bench;
    const bookId = wb.bench.session.book().getId();
    const onEdit = env.ScriptApp.allTriggers().filter((t) => t.eventType === "ON_EDIT" && t.sourceId === bookId);
    const before = env.scheduler.fires.length;
    await post("/api/cell", { sheet: "Buyers", row: 4, column: 2, value: "Edited Co" });
    const fired = env.scheduler.fires.slice(before);
    expect(fired.map((f) => f.triggerUid).sort()).toEqual(onEdit.map((t) => t.uid).sort());
    expect(fired.filter((f) => f.error)).toEqual([]);
  });

  it("selecting a row selects it in the emulated sheet (what the sidebar's selected row reads)", async () => {
    const selected = await post<{ ok: boolean; value: string }>("/api/select", { sheet: "Buyers", row: 5 });
    expect(selected.value).toMatch(/^Buyers!A5:[A-Z]+5$/);
    const active = wb.bench.env.ctx.runAs("tom.wang@acme-tools.cn", () => {
      const range = wb.bench.env.SpreadsheetApp.getActiveRange();
      return `${range.getSheet().getName()}!${range.getA1Notation()}`;
    });
    expect(active).toBe(selected.value);
  });

  it("a test inquiry lands in the mailbox folder as .eml and in the mailbox; the next pull imports it", async () => {
    const amy = "amy.liu@acme-tools.cn";
    const before = readdirSync(path.join(dir, "data", "mail", amy)).length;
    const written = await post<{ ok: boolean; value: { file: string } }>("/api/mail/compose", {
      to: amy,
      fromName: "Lotte de Vries",
      fromEmail: "lotte@gereedschap-noord.nl",
      subject: "Offerte gevraagd: tape measures",
      body: "Please quote 4,000 pcs 5 m tape measures, CIF Rotterdam.",
    });
    expect(written.ok).toBe(true);
    expect(readdirSync(path.join(dir, "data", "mail", amy)).length).toBe(before + 1);
    // Paths shown to the page are the data folder's, never the disk's.
    expect(path.isAbsolute(written.value.file)).toBe(false);
    expect(readFileSync(path.join(dir, "data", written.value.file), "utf8")).toContain(
      'From: "Lotte de Vries" <lotte@gereedschap-noord.nl>',
    );
    const box = JSON.parse((await get(`/api/mail?user=${amy}`)).text) as {
      folder: string;
      messages: { id: string; subject: string; labels: string[] }[];
    };
    expect(box.folder).toBe(path.join("mail", amy));
    const lotte = box.messages.find((m) => m.subject === "Offerte gevraagd: tape measures")!;
    expect(lotte.labels).toContain("INBOX");
    // Read inline: the headers and the plain text.
    const read = JSON.parse((await get(`/api/mail/message?user=${amy}&id=${lotte.id}`)).text) as Json;
    expect(read).toMatchObject({ subject: "Offerte gevraagd: tape measures" });
    expect(String(read.text)).toContain("CIF Rotterdam");
    expect((await get(`/api/mail/message?user=${amy}&id=nope`)).status).toBe(404);

    await post("/api/act-as", { user: amy });
    const pulled = await post<{ ok: boolean; value: string }>("/api/pull", {});
    expect(pulled.ok).toBe(true);
    const inquiries = wb.bench.session.book().getSheetByName("Inquiries")!.getDataRange().getDisplayValues();
    expect(inquiries.some((r) => r.includes("lotte@gereedschap-noord.nl"))).toBe(true);
    await post("/api/act-as", { user: "tom.wang@acme-tools.cn" });

    const bad = await post<{ ok: boolean; error: string }>("/api/mail/compose", {
      to: amy,
      fromEmail: "nope",
      subject: "x",
    });
    expect(bad).toMatchObject({ ok: false });
    expect(bad.error).toMatch(/not an e-mail address/);
    // Only the book's people have mailboxes: a stranger's address makes no folder.
    const stranger = await post<{ ok: boolean; error: string }>("/api/mail/compose", {
      to: "someone@elsewhere.example",
      fromEmail: "lotte@gereedschap-noord.nl",
      subject: "x",
    });
    expect(stranger).toMatchObject({ ok: false });
    expect(stranger.error).toMatch(/not a mailbox of this book/);
    expect(existsSync(path.join(dir, "data", "mail", "someone@elsewhere.example"))).toBe(false);
  });

  it("C2: the clock control fires each user's heartbeat when due, and stops at Saturday 16:00 company time", async () => {
    const hour = await post<{ ok: boolean; value: { fires: { handler: string; owner: string }[] } }>("/api/clock", {
      step: "hour",
    });
    expect(hour.ok).toBe(true);
    expect(new Set(hour.value.fires.map((f) => f.owner)).size).toBe(5);
    expect(hour.value.fires.every((f) => f.handler === "heartbeat")).toBe(true);
    const saturday = await post<{ ok: boolean; value: { clock: string; activity: { at: string; text: string }[] } }>(
      "/api/clock",
      { step: "saturday" },
    );
    expect(saturday.value.clock).toMatch(/^2026-11-28T08:00/);
    // The Activity view says what ran: the pulls that found mail and the report at the slot itself, and
    // counts the quiet ticks in one line instead of one line each.
    const lines = saturday.value.activity.map((l) => l.text);
    expect(
      lines.some((t) => /^pulled \d+ mails? for (Amy Liu|Kevin Zhang|Lily Zhou|Chen Jianguo|Tom Wang)/.test(t)),
    ).toBe(true);
    const report = saturday.value.activity.find((l) => /wrote the weekly report/.test(l.text));
    // At the 16:00 slot itself: the writer's heartbeat fires on the hour, after the earlier fires' run time.
    const at = Date.parse(report?.at ?? "");
    expect(at - Date.parse("2026-11-28T08:00:00.000Z")).toBeGreaterThanOrEqual(0);
    expect(at - Date.parse("2026-11-28T08:00:00.000Z")).toBeLessThan(60_000);
    expect(lines.filter((t) => /found nothing new$/.test(t))).toHaveLength(1);
    expect(lines.length).toBeLessThan(40);
  });

  it("saves the workbook after changes (debounced), so book.xlsx opens in Excel or LibreOffice", async () => {
    const book = path.join(dir, "data", "book.xlsx");
    const before = statSync(book).mtimeMs;
    await post("/api/cell", { sheet: "Buyers", row: 3, column: 22, value: "saved?" });
    await post("/api/save", {});
    expect(statSync(book).mtimeMs).toBeGreaterThan(before);
    expect(readFileSync(book).subarray(0, 2).toString()).toBe("PK");
  });

  it("reports a taken port clearly, with the next one to try", async () => {
    await expect(startWorkbench({ port: wb.port, dir: path.join(dir, "other"), dist })).rejects.toThrow(
      new PortInUseError(wb.port).message,
    );
    expect(new PortInUseError(8080).message).toBe("Port 8080 is in use; try --port 8081");
  });

  it("npm start's command line prints that message and exits 1 when the port is taken", async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "local/workbench/server.ts", "--port", String(wb.port), "--dir", path.join(dir, "cli")],
        { stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 },
      );
      let err = "";
      child.stderr.on("data", (c) => {
        err += String(c);
      });
      child.on("close", (c) => resolve({ code: c, stderr: err }));
    });
    expect(stderr.trim()).toBe(`Port ${wb.port} is in use; try --port ${wb.port + 1}`);
    expect(code).toBe(1);
  }, 40_000);
});

describe("npm start options and the clock steps", () => {
  it("reads --port, PORT, --book, --host, --now and refuses what it does not know", () => {
    expect(parseServerArgs([], {})).toMatchObject({ port: 8080, host: "127.0.0.1", dir: ".local" });
    expect(parseServerArgs([], { PORT: "9000" }).port).toBe(9000);
    expect(parseServerArgs(["--port", "8081", "--book", "x.xlsx"], { PORT: "9000" })).toMatchObject({
      port: 8081,
      book: "x.xlsx",
    });
    expect(() => parseServerArgs(["--port", "http"], {})).toThrow(/--port must be a number/);
    expect(() => parseServerArgs(["--bogus"], {})).toThrow(/Unknown option --bogus/);
    expect(() => parseServerArgs(["--now", "yesterday"], {})).toThrow(/not a date/);
  });

  it("R33: 'Saturday 16:00' is the next Saturday 16:00 in the company's zone, strictly after now", () => {
    const tz = "Asia/Shanghai";
    expect(clockTarget(new Date("2026-11-25T02:00:00Z"), "saturday", tz).toISOString()).toBe(
      "2026-11-28T08:00:00.000Z",
    );
    // Saturday 15:59 Ningbo -> the same day; Saturday 16:00 exactly -> a week later.
    expect(clockTarget(new Date("2026-11-28T07:59:00Z"), "saturday", tz).toISOString()).toBe(
      "2026-11-28T08:00:00.000Z",
    );
    expect(clockTarget(new Date("2026-11-28T08:00:00Z"), "saturday", tz).toISOString()).toBe(
      "2026-12-05T08:00:00.000Z",
    );
    expect(clockTarget(new Date("2026-11-25T02:00:00Z"), "hour", tz).toISOString()).toBe("2026-11-25T03:00:00.000Z");
    expect(clockTarget(new Date("2026-11-25T02:00:00Z"), "day", tz).toISOString()).toBe("2026-11-26T02:00:00.000Z");
    expect(clockTarget(new Date("2026-11-25T02:00:00Z"), "saturday", "America/New_York").toISOString()).toBe(
      "2026-11-28T21:00:00.000Z",
    );
  });
});
