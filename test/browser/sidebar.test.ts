/**
 * The built Sidebar.html in Debian Chromium (playwright-core), talking to the emulator through the HTTP
 * transport: POST /rpc -> rpc(method, payloadJson) in dist/Code.js loaded by a LocalSession. Grades an inquiry,
 * logs a follow-up and checks the emulated sheets; a buyer named like markup and a <script> subject show as
 * text; English and Chinese. Screenshots go to test-artifacts/.
 *
 * Fails (never skips) when Chromium is missing: CI installs it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SidebarServer, startSidebarServer } from "../../local/runtime/http-rpc";
import { LocalSession } from "../../local/runtime/session";
import { Buyers, FollowUps, Inquiries, Quotes, Samples, Settings, Staff } from "../../src/store/schemas";
import { CACHE_SECONDS } from "../../src/store/small-tables";
import { readTable, TableWriter } from "../../src/store/table";
import { ALICE, ASSISTANT, BOSS, buyerRow, defaultStaff, inquiryRow, VIEWER } from "../support/world";
import { privateDist } from "../workbench/support";
import { dataWords, untranslated, visibleTexts } from "./untranslated";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.resolve("test-artifacts");
const NOW = "2026-11-23T02:00:00Z"; // Monday 10:00 in Shanghai
const XSS_NAME = "<img src=x onerror=alert(1)>";
const XSS_SUBJECT = "<script>alert(2)</script> 2000 pcs drills";
const parse = { parseDateText: () => undefined };

describe("the sidebar in Chromium (C3, R10, R18, R20, R22)", () => {
  let session: LocalSession;
  let server: SidebarServer;
  let browser: BrowserContext;
  let page: Page;
  let user = ALICE;
  const dialogs: string[] = [];

  /** The Gmail thread of Erik's inquiry in Alice's mailbox: the quote draft must land in it. */
  let erikThread = "";

  const sheet = <
    S extends typeof Buyers | typeof Inquiries | typeof FollowUps | typeof Staff | typeof Quotes | typeof Samples,
  >(
    spec: S,
  ) => session.env.ctx.meter.quietly(() => readTable(session.book().getSheetByName(spec.name)!, spec, parse));

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
    const delivered = session.env.mail.deliver({
      from: "Erik <erik@nordic-tools.example>",
      to: ALICE,
      subject: "Cordless drills, 500 pcs",
      text: "Please quote 500 cordless drills CIF Gothenburg.",
    });
    erikThread = delivered.copies.find((c) => c.owner === ALICE)!.threadId;
    session.env.ctx.meter.quietly(() => {
      const book = session.book();
      // R9: every mail to a buyer names the company and links the catalogue (the electronic sample is it).
      const settings = book.getSheetByName(Settings.name)!;
      const keys = settings
        .getDataRange()
        .getValues()
        .map((r) => r[0]);
      settings.getRange(keys.indexOf("company.name") + 1, 2).setValue("Acme Tools Co., Ltd.");
      settings.getRange(keys.indexOf("company.catalogueLink") + 1, 2).setValue("https://acme-tools.cn/catalogue.pdf");
      book.addEditors(defaultStaff().map((s) => s.email));
      book.addViewer(VIEWER);
      const staff = new TableWriter(readTable(book.getSheetByName(Staff.name)!, Staff, parse));
      for (const m of defaultStaff()) staff.append(m);
      staff.commit();
      const buyers = new TableWriter(readTable(book.getSheetByName(Buyers.name)!, Buyers, parse));
      buyers.append(
        buyerRow({
          id: "B-000001",
          company: "Nordic Tools AB",
          name: "Erik",
          email: "erik@nordic-tools.example",
          country: "Sweden",
          owner: ALICE,
        }),
      );
      buyers.append(
        buyerRow({ id: "B-000002", company: XSS_NAME, name: XSS_NAME, email: "x@evil.test", owner: ALICE }),
      );
      buyers.commit();
      const inquiries = new TableWriter(readTable(book.getSheetByName(Inquiries.name)!, Inquiries, parse));
      inquiries.append(
        inquiryRow({
          id: "I-000001",
          buyerId: "B-000001",
          owner: ALICE,
          subject: "Cordless drills, 500 pcs",
          gmailThreadId: erikThread,
        }),
      );
      inquiries.append(inquiryRow({ id: "I-000002", buyerId: "B-000002", owner: ALICE, subject: XSS_SUBJECT }));
      inquiries.commit();
    });
    // The product library (R4): registered by the boss (after Staff is filled: RPCs cache Staff) through the same RPC the sidebar uses.
    const product = JSON.parse(
      session.run<string>(
        "rpc",
        [
          "registerProduct",
          JSON.stringify({ name: "Cordless drill 18V", model: "CD-18", moq: 1000, unit: "pcs", basePrice: "12.50" }),
        ],
        BOSS,
      ),
    );
    if (!product.ok) throw new Error(`registerProduct: ${product.error}`);
    // The assistant is onboarded by the boss, which opens the Staff and Settings protections to her (C5).
    const amy = JSON.parse(
      session.run<string>(
        "rpc",
        ["onboard", JSON.stringify({ email: ASSISTANT, name: "Amy", role: "assistant", language: "en" })],
        BOSS,
      ),
    );
    if (!amy.ok) throw new Error(`onboard: ${amy.error}`);
    const html = readFileSync(path.join(dist, "Sidebar.html"), "utf8");
    // The whole inlined sidebar stays small (it loads on every open).
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

  it("R6, R20: the desk offers a salesperson who never started their schedule to start it, and the offer goes once it runs", async () => {
    const offer = page.getByTestId("schedule-offer");
    await offer.waitFor();
    expect(await offer.textContent()).toContain("Your schedule is not running");
    const before = server.calls.length;
    await page.getByTestId("schedule-start").click();
    await expect.poll(() => page.getByTestId("status").textContent()).toContain("Your schedule is on");
    expect(server.calls.slice(before)).toEqual(["startMySchedule"]);
    expect(await offer.count()).toBe(0);
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

  it("R2, R3, R9, R8: the quote builder previews a plain-text quote with the MOQ warning, saves it as a draft in the inquiry's Gmail thread, and marks it sent", async () => {
    await page.getByTestId("tab-desk").click();
    await page.getByTestId("section-due").waitFor();
    expect(await page.getByTestId("tab-team").count()).toBe(0); // a salesperson has no Team tab
    // Called today (the follow-up above), Erik is no longer due: he is found by name.
    expect(await page.getByTestId("section-due").getByTestId("due-B-000001").count()).toBe(0);
    await page.getByTestId("tab-find").click();
    await page.getByTestId("search-input").fill("Nordic Tools AB");
    await page.getByTestId("search-go").click();
    await page.getByTestId("hit-B-000001").click();
    await page.getByTestId("quote-open").click();
    await page.getByTestId("quote-product-0").waitFor();
    // R3: Sweden is a standard-tier country; the select offers the override.
    expect(await page.getByTestId("quote-tier").textContent()).toContain("From the buyer's country: Standard");
    await page.getByTestId("quote-qty-0").fill("500");
    await page.getByTestId("quote-incoterm").selectOption("CIF");
    await page.getByTestId("quote-port").fill("Ningbo");
    await page.getByTestId("quote-destination").fill("Gothenburg");
    await page.getByTestId("quote-inquiry").selectOption("I-000001");
    await page.getByTestId("quote-preview").click();
    await page.getByTestId("quote-text").waitFor();
    const text = (await page.getByTestId("quote-text").textContent()) ?? "";
    expect(text).toContain("Cordless drill 18V");
    expect(text).toContain("CIF Gothenburg");
    // R31: below the MOQ of 1000 the builder warns before anything is sent.
    expect(await page.getByTestId("quote-warnings").textContent()).toMatch(/1000|1,000/);
    expect(session.env.mail.mailbox(ALICE).drafts()).toHaveLength(0);
    await shot("quote-preview");

    await page.getByTestId("quote-save").click();
    await page.getByTestId("quote-saved").waitFor();
    expect(await page.getByTestId("quote-saved").textContent()).toContain("Q-2026-0001");
    expect(await page.getByTestId("quote-saved").textContent()).toContain("inquiry's thread");
    const drafts = session.env.mail.mailbox(ALICE).drafts();
    expect(drafts).toHaveLength(1);
    expect(drafts[0].threadId).toBe(erikThread);
    expect(drafts[0].content.text).toContain("CIF Gothenburg");
    expect(sheet(Quotes).byId.get("Q-2026-0001")?.record).toMatchObject({ status: "draft", buyerId: "B-000001" });

    await page.getByTestId("quote-sent-Q-2026-0001").click();
    await page.getByTestId("status").filter({ hasText: "Q-2026-0001" }).waitFor();
    expect(sheet(Quotes).byId.get("Q-2026-0001")?.record.status).toBe("sent");
    await shot("quote-saved");
  });

  it("R27: the electronic sample goes first as a Gmail draft; a buyer offering to pay the courier gets the grade-A suggestion", async () => {
    await page.getByTestId("sample-open").click();
    await page.getByTestId("sample-product-P-0001").waitFor();
    await page.getByTestId("sample-product-P-0001").check();
    await page.getByTestId("sample-electronic").click();
    await page.getByTestId("sample-result").waitFor();
    const samples = sheet(Samples).rows.map((r) => r.record);
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({
      buyerId: "B-000001",
      kind: "electronic",
      products: expect.stringContaining("P-0001"),
    });
    expect(await page.getByTestId(`sample-${samples[0].id}`).textContent()).toContain("electronic");
    expect(session.env.mail.mailbox(ALICE).drafts()).toHaveLength(2);
    // A physical sample the buyer offers to pay for: the sidebar suggests grade A in one click.
    await page.getByTestId("sample-physical").locator("summary").click();
    await page.getByTestId("sample-offers-courier").check();
    await page.getByTestId("sample-promising").waitFor();
    expect(await page.getByTestId("sample-promising").textContent()).toContain("very promising");
    await shot("samples");
  });

  it("C2, C3: after 'Pull mail now' (run on the server) the open desk shows the new inquiry by itself — no reload", async () => {
    user = ALICE;
    await page.getByTestId("tab-desk").click();
    const calls = server.calls.length;
    // Erik, Alice's buyer, writes again (in Swedish): the pull files it as his new inquiry, Alice's.
    session.env.mail.deliver({
      from: "Erik <erik@nordic-tools.example>",
      to: ALICE,
      subject: "Förfrågan: vinkelslipar 125 mm, 200 st",
      text: "Hej! Kan ni offerera 200 vinkelslipar 125 mm, FOB Ningbo? Mvh Erik",
    });
    session.run("menuPullNow", [], ALICE);
    // The workbench nudges the sidebar after a menu job; in Apps Script the next check comes within 90 s.
    await page.evaluate(() => window.postMessage({ type: "workbench.changed" }, "*"));
    await page.getByTestId("section-unanswered").filter({ hasText: "vinkelslipar" }).waitFor();
    // One cheap check, then the desk: two calls, no bootstrap.
    expect(server.calls.slice(calls)).toEqual(["deskVersion", "desk"]);
    // Asked again with nothing new: one check, no desk fetched.
    await page.evaluate(() => window.postMessage({ type: "workbench.changed" }, "*"));
    await expect.poll(() => server.calls.length).toBe(calls + 3);
    expect(server.calls.at(-1)).toBe("deskVersion");
    await shot("desk-live");
  });

  it("R1, R30: the assistant's Team tab lists the team and onboards a salesperson", async () => {
    user = ASSISTANT;
    await page.goto(server.url);
    await page.getByTestId("tab-team").click();
    await page.getByTestId(`member-${ALICE}`).waitFor();
    expect(await page.getByTestId("team-list").textContent()).toContain("Bob");
    await page.getByTestId("onboard-open").click();
    await page.getByTestId("onboard-email").fill("dan@acme-tools.cn");
    await page.getByTestId("onboard-name").fill("Dan <b>Li</b>");
    await page.getByTestId("onboard-role").selectOption("salesperson");
    await page.getByTestId("onboard-language").selectOption("en");
    await page.getByTestId("onboard-regions").fill("Europe");
    await page.getByTestId("onboard-save").click();
    await page.getByTestId("status").filter({ hasText: "dan@acme-tools.cn" }).waitFor();
    const dan = sheet(Staff).rows.find((r) => r.record.email === "dan@acme-tools.cn")?.record;
    expect(dan).toMatchObject({ name: "Dan <b>Li</b>", role: "salesperson", language: "en", regions: "Europe" });
    expect(await page.getByTestId("member-dan@acme-tools.cn").textContent()).toContain("Dan <b>Li</b>");
    // Offboarding shows what would move before anything happens.
    await page.getByTestId("offboard-open").click();
    await page.getByTestId("offboard-person").selectOption(ALICE);
    await page.getByTestId("offboard-review").click();
    await page.getByTestId("offboard-confirm-box").waitFor();
    expect(await page.getByTestId("offboard-confirm-box").textContent()).toMatch(/3 buyers/);
    expect(sheet(Staff).rows.find((r) => r.record.email === ALICE)?.record.status).toBe("active");
    expect(dialogs).toEqual([]);
    await shot("team");
    user = ALICE;
  });

  it("zh-CN: with Alice's Staff language set to Chinese the same sidebar speaks Chinese", async () => {
    session.env.ctx.meter.quietly(() => {
      const staff = session.book().getSheetByName(Staff.name)!;
      const table = readTable(staff, Staff, parse);
      const row = table.rows.find((r) => r.record.email === ALICE)!.row;
      staff.getRange(row, table.headers.index.get("language")! + 1).setValue("zh-CN");
    });
    // Staff and Settings are cached per document (a change no on-edit trigger saw shows when the copy expires).
    session.env.ctx.clock.advance((CACHE_SECONDS + 1) * 1000);
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

  it("zh-CN checker: desk, buyer card with history, quote and sample panels, Team tab and a refusal have no English UI word and no catalogue key", async () => {
    const data = session.env.ctx.meter.quietly(() =>
      dataWords(
        session
          .book()
          .getSheets()
          .map((s) => s.getDataRange().getValues()),
      ),
    );
    const check = async (where: string) => {
      const found = untranslated(await visibleTexts(page), data);
      expect(found, `${where}: ${JSON.stringify(found)}`).toEqual({ keys: [], words: [] });
    };
    user = ALICE;
    await page.goto(server.url);
    await page.getByTestId("tab-desk").waitFor();
    await page.getByTestId("section-due").waitFor();
    await check("desk");
    await page.getByTestId("tab-find").click();
    await check("find and add");
    await page.getByTestId("search-input").fill("Nordic Tools AB");
    await page.getByTestId("search-go").click();
    await page.getByTestId("hit-B-000001").waitFor();
    await check("search results");
    await page.getByTestId("hit-B-000001").click();
    await page.getByTestId("buyer-card").waitFor();
    await page.getByTestId("quote-open").click();
    await page.getByTestId("quote-product-0").waitFor();
    await page.getByTestId("sample-open").click();
    await page.getByTestId("sample-list").locator("ul").waitFor();
    await page.getByTestId("merge-open").click();
    expect(await page.getByTestId("history").textContent()).toContain("跟进");
    await check("buyer card, history, quote, samples, merge");
    await shot("buyer-zh-checked");
    // A form the server refuses names the field in Chinese (never the validator's English).
    await page.getByTestId("tab-find").click();
    await page.getByTestId("add-company").fill("X".repeat(250));
    await page.getByTestId("add-save").click();
    await page.getByTestId("status").filter({ hasText: "公司" }).waitFor();
    expect(await page.getByTestId("status").textContent()).toBe("公司太长（最多 200 个字符）。");
    await check("a refusal");

    // The assistant, in Chinese too: the Team tab with its forms open.
    session.env.ctx.meter.quietly(() => {
      const staff = session.book().getSheetByName(Staff.name)!;
      const table = readTable(staff, Staff, parse);
      const row = table.rows.find((r) => r.record.email === ASSISTANT)!.row;
      staff.getRange(row, table.headers.index.get("language")! + 1).setValue("zh-CN");
    });
    session.env.ctx.clock.advance((CACHE_SECONDS + 1) * 1000);
    user = ASSISTANT;
    await page.goto(server.url);
    await page.getByTestId("tab-team").click();
    await page.getByTestId(`member-${ALICE}`).waitFor();
    await page.getByTestId("onboard-open").click();
    await page.getByTestId("offboard-open").click();
    await page.getByTestId("away-open").click();
    await check("team");
    await shot("team-zh");
    user = ALICE;
  });
});
