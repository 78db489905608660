/**
 * The built Sidebar.html in Debian Chromium (playwright-core), talking to the emulator through the HTTP
 * transport: POST /rpc -> rpc(method, payloadJson) in dist/Code.js loaded by a LocalSession. Grades an inquiry,
 * logs a follow-up and checks the emulated sheets; a buyer named like markup and a <script> subject show as
 * text; English and Chinese. Screenshots go to test-artifacts/.
 *
 * Fails (never skips) when Chromium is missing: CI installs it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SidebarServer, startSidebarServer } from "../../local/runtime/http-rpc";
import { LocalSession } from "../../local/runtime/session";
// @ts-expect-error the build script is plain JavaScript without types
import { build } from "../../scripts/build.mjs";
import { Buyers, FollowUps, Inquiries, Staff } from "../../src/store/schemas";
import { readTable, TableWriter } from "../../src/store/table";
import { ALICE, BOSS, buyerRow, defaultStaff, inquiryRow, VIEWER } from "../rpc/world";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.resolve("test-artifacts");
const NOW = "2026-11-23T02:00:00Z"; // Monday 10:00 in Shanghai
const XSS_NAME = "<img src=x onerror=alert(1)>";
const XSS_SUBJECT = "<script>alert(2)</script> 2000 pcs drills";
const parse = { parseDateText: () => undefined };

/** Builds, then copies the bundle to a private folder (other suites build dist/ at the same time). */
async function privateDist(dir: string): Promise<string> {
  await build({ quiet: true });
  const out = path.join(dir, "dist");
  mkdirSync(out, { recursive: true });
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = readFileSync("dist/Code.js", "utf8");
    const sidebar = readFileSync("dist/Sidebar.html", "utf8");
    if (/\}\n$/.test(code) && sidebar.includes("</html>")) {
      writeFileSync(path.join(out, "Code.js"), code);
      writeFileSync(path.join(out, "Sidebar.html"), sidebar);
      return out;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("dist/ did not read back whole");
}

describe("the sidebar in Chromium (C3, R10, R18, R20, R22)", () => {
  let session: LocalSession;
  let server: SidebarServer;
  let browser: BrowserContext;
  let page: Page;
  let user = ALICE;
  const dialogs: string[] = [];

  const sheet = <S extends typeof Buyers | typeof Inquiries | typeof FollowUps | typeof Staff>(spec: S) =>
    session.env.ctx.meter.quietly(() => readTable(session.book().getSheetByName(spec.name)!, spec, parse));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium)`,
      );
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = mkdtempSync(path.join(tmpdir(), "bb-sidebar-"));
    const dist = await privateDist(dir);
    session = await LocalSession.open({ book: path.join(dir, "book.xlsx"), now: NOW, as: BOSS, dist });
    session.run("menuSetup", [], BOSS);
    session.env.ctx.meter.quietly(() => {
      const book = session.book();
      book.addEditors(defaultStaff().map((s) => s.email));
      book.addViewer(VIEWER);
      const staff = new TableWriter(readTable(book.getSheetByName(Staff.name)!, Staff, parse));
      for (const m of defaultStaff()) staff.append(m);
      staff.commit();
      const buyers = new TableWriter(readTable(book.getSheetByName(Buyers.name)!, Buyers, parse));
      buyers.append(buyerRow({ id: "B-000001", company: "Nordic Tools AB", name: "Erik", owner: ALICE }));
      buyers.append(
        buyerRow({ id: "B-000002", company: XSS_NAME, name: XSS_NAME, email: "x@evil.test", owner: ALICE }),
      );
      buyers.commit();
      const inquiries = new TableWriter(readTable(book.getSheetByName(Inquiries.name)!, Inquiries, parse));
      inquiries.append(
        inquiryRow({ id: "I-000001", buyerId: "B-000001", owner: ALICE, subject: "Cordless drills, 500 pcs" }),
      );
      inquiries.append(inquiryRow({ id: "I-000002", buyerId: "B-000002", owner: ALICE, subject: XSS_SUBJECT }));
      inquiries.commit();
    });
    const html = readFileSync(path.join(dist, "Sidebar.html"), "utf8");
    // Issue 4: the whole inlined sidebar stays small (it loads on every open).
    if (Buffer.byteLength(html) > 150 * 1024)
      throw new Error(`Sidebar.html is ${Buffer.byteLength(html)} bytes (> 150 KB)`);
    server = await startSidebarServer({ runner: session, html, user: () => user });
    // A fresh profile per run (launchPersistentContext is how Playwright takes --user-data-dir).
    browser = await chromium.launchPersistentContext(path.join(dir, "chromium-profile"), {
      executablePath: CHROMIUM,
      // Apps Script sidebars are 300 px wide.
      viewport: { width: 300, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      timeout: 30_000,
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(15_000);
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `sidebar-${name}.png`), fullPage: true });

  it("C3: opening is ONE call to first data, and the desk lists the inquiries — markup shown as text", async () => {
    const before = server.calls.length;
    await page.goto(server.url);
    await page.getByTestId("tab-desk").waitFor();
    expect(await page.getByTestId("tab-desk").textContent()).toBe("My desk");
    expect(server.calls.slice(before)).toEqual(["bootstrap"]);
    const xssItem = page.getByTestId("section-unanswered").getByTestId("inquiry-I-000002");
    expect(await xssItem.textContent()).toContain(XSS_NAME);
    expect(await xssItem.textContent()).toContain(XSS_SUBJECT);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("#app script").count()).toBe(0);
    await shot("desk-en");
  });

  it("R10, R18, R20: grading an inquiry from the sidebar writes the grade and the next follow-up to the sheets", async () => {
    await page.getByTestId("section-unanswered").getByTestId("inquiry-I-000001").click();
    await page.getByTestId("buyer-company").waitFor();
    expect(await page.getByTestId("buyer-company").textContent()).toContain("Nordic Tools AB");
    // R18: each choice carries its definition.
    expect(await page.getByTestId("grade-I-000001-A").textContent()).toContain("Clear intent, likely to close.");
    await page.getByTestId("grade-I-000001-A").click();
    await page.getByTestId("status").filter({ hasText: "Graded A" }).waitFor();
    const inquiry = sheet(Inquiries).byId.get("I-000001")!.record;
    const buyer = sheet(Buyers).byId.get("B-000001")!.record;
    expect(inquiry.grade).toBe("A");
    expect(buyer.grade).toBe("A");
    expect(buyer.nextFollowUp).toBeInstanceOf(Date);
    await shot("graded");
  });

  it("R8, R20: logging a follow-up (answered by phone) updates the buyer, the inquiry and Follow-ups", async () => {
    await page.getByTestId("log-channel").selectOption("phone");
    await page.getByTestId("log-summary").fill("Called Erik: wants 500 pcs, sample first <b>ASAP</b>");
    await page.getByTestId("log-next").fill("Send the sample");
    await page.getByTestId("log-inquiry").selectOption("I-000001");
    await page.getByTestId("log-answered").check();
    await page.getByTestId("log-save").click();
    await page.getByTestId("status").filter({ hasText: "Follow-up saved" }).waitFor();
    const followUps = sheet(FollowUps).rows.map((r) => r.record);
    const logged = followUps.find((f) => f.kind === "follow-up");
    expect(logged).toMatchObject({ buyerId: "B-000001", inquiryId: "I-000001", channel: "phone", by: ALICE });
    expect(logged?.summary).toBe("Called Erik: wants 500 pcs, sample first <b>ASAP</b>");
    const inquiry = sheet(Inquiries).byId.get("I-000001")!.record;
    expect(inquiry.status).toBe("replied");
    expect(inquiry.repliedAt).toBeInstanceOf(Date);
    expect(sheet(Buyers).byId.get("B-000001")!.record.lastContact).toBeInstanceOf(Date);
    // The history shows the follow-up as text, newest first.
    const history = (await page.getByTestId("history").textContent()) ?? "";
    expect(history.indexOf("Called Erik")).toBeLessThan(history.indexOf("Cordless drills"));
    expect(history).toContain("<b>ASAP</b>");
    await shot("followup");
  });

  it("XSS: the buyer named <img src=x onerror=alert(1)> and the <script> subject render as text, nothing runs", async () => {
    await page.getByTestId("tab-desk").click();
    await page.getByTestId("section-unanswered").getByTestId("inquiry-I-000002").click();
    await page.getByTestId("buyer-company").waitFor();
    expect(await page.getByTestId("buyer-company").textContent()).toContain(XSS_NAME);
    expect(await page.getByTestId("grading").textContent()).toContain(XSS_SUBJECT);
    await page.waitForTimeout(300);
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await shot("xss");
  });

  it("R21: find a buyer by e-mail domain, and the add form warns of a duplicate", async () => {
    await page.getByTestId("tab-find").click();
    await page.getByTestId("search-input").fill("evil.test");
    await page.getByTestId("search-go").click();
    await page.getByTestId("hit-B-000002").waitFor();
    await page.getByTestId("add-company").fill("Nordic Tools");
    await page.getByTestId("add-email").fill("anna@nordic-tools.example");
    await page.getByTestId("add-save").click();
    await page.getByTestId("duplicates").waitFor();
    expect(await page.getByTestId("duplicates").textContent()).toContain("Nordic Tools AB");
    expect(sheet(Buyers).rows).toHaveLength(2);
    await page.getByTestId("add-confirm").click();
    await page.getByTestId("status").filter({ hasText: "B-000003" }).waitFor();
    expect(sheet(Buyers).byId.get("B-000003")?.record.owner).toBe(ALICE);
    await shot("find-add");
  });

  it("zh-CN: with Alice's Staff language set to Chinese the same sidebar speaks Chinese", async () => {
    session.env.ctx.meter.quietly(() => {
      const staff = session.book().getSheetByName(Staff.name)!;
      const table = readTable(staff, Staff, parse);
      const row = table.rows.find((r) => r.record.email === ALICE)!.row;
      staff.getRange(row, table.headers.index.get("language")! + 1).setValue("zh-CN");
    });
    // Staff and Settings are cached for 5 minutes per document.
    session.env.ctx.clock.advance(301_000);
    user = ALICE;
    await page.goto(server.url);
    await page.getByTestId("tab-desk").waitFor();
    expect(await page.getByTestId("tab-desk").textContent()).toBe("我的工作台");
    await page.getByTestId("section-due").waitFor();
    expect(await page.getByTestId("section-due").textContent()).toContain("逾期及今天到期的跟进");
    await page.getByTestId("tab-desk").click();
    await page.getByTestId("section-unanswered").getByTestId("inquiry-I-000002").click();
    expect(await page.getByTestId("grade-I-000002-A").textContent()).toContain("有明确意向");
    expect(dialogs).toEqual([]);
    await shot("buyer-zh");
  });
});
