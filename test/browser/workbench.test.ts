/**
 * The workbench in a real browser (Debian Chromium via playwright-core): start it on a temp folder with the demo
 * company, pull mail, grade an inquiry through the sidebar's google.script.run, advance the clock to Saturday
 * 16:00 and open the weekly report. Screenshots go to test-artifacts/; with UPDATE_SCREENSHOTS=1 the workbook
 * view is also copied to docs/screenshots/workbench.png for the README.
 *
 * Fails (never skips) when Chromium is missing: the README promises this proof.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWorkbench, startWorkbench } from "../../local/workbench/http";
import { DEMO_NOW, privateDist, tempDir } from "../workbench/support";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.resolve("test-artifacts");
const TOM = "tom.wang@acme-tools.cn";
const BOSS = "boss@acme-tools.cn";

describe("the workbench in Chromium", () => {
  let wb: RunningWorkbench;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium)`,
      );
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = tempDir("bb-browser-");
    const dist = await privateDist(dir);
    wb = await startWorkbench({ port: 0, dir: path.join(dir, "data"), now: DEMO_NOW, dist, saveDelayMs: 200 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
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
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await wb?.close();
  });

  // The server saves the book between requests (a second or two of CPU); waits allow for that.
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `workbench-${name}.png`) });

  const sidebar = async (): Promise<Frame> => {
    const handle = await page.waitForSelector("#sidebar");
    const frame = await handle.contentFrame();
    if (!frame) throw new Error("the sidebar iframe has no frame");
    await frame.waitForFunction(() => Boolean((window as unknown as { google?: unknown }).google));
    return frame;
  };

  /** google.script.run from inside the sidebar frame: shim -> postMessage -> page -> POST /gas/run -> dist/Code.js. */
  const scriptRun = (frame: Frame, fn: string, args: unknown[]) =>
    frame.evaluate(
      ({ fn, args }) =>
        new Promise<{ ok: boolean; value?: unknown; error?: string }>((resolve) => {
          const run = (
            window as unknown as {
              google: {
                script: {
                  run: {
                    withSuccessHandler: (f: (v: unknown) => void) => {
                      withFailureHandler: (f: (e: Error) => void) => Record<string, (...a: unknown[]) => void>;
                    };
                  };
                };
              };
            }
          ).google.script.run;
          run
            .withSuccessHandler((value) => resolve({ ok: true, value }))
            .withFailureHandler((e) => resolve({ ok: false, error: e.message }))
            [fn](...args);
        }),
      { fn, args },
    );

  it("shows the demo workbook, the Buyerbook menu and the sidebar", async () => {
    await page.goto(wb.url);
    await page.waitForSelector("#grid tbody tr:nth-child(61)");
    expect(await page.locator("#sheet-tabs button.active").textContent()).toBe("Buyers");
    expect(await page.locator("#acting").inputValue()).toBe(TOM);
    await page.locator("#menubar button", { hasText: "Buyerbook" }).click();
    await poll(() => page.locator(".menu-items button[data-fn=menuPullNow]").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await page.mouse.click(700, 500);
    await sidebar();
    await shot("1-buyers");
  });

  it("a typed cell goes to the emulated sheet; markup in a cell shows as text", async () => {
    const buyers = wb.bench.session.book().getSheetByName("Buyers")!;
    const header = buyers.getRange(1, 1, 1, buyers.getLastColumn()).getValues()[0];
    const notes = header.indexOf("Notes") + 1;
    const typed = `<img src=x onerror="window.__xss=1">Met at the fair`;
    const cell = page.locator(`#grid tbody tr[data-row="3"] td[data-col="${notes}"]`);
    await cell.dblclick();
    await cell.locator("input").fill(typed);
    await cell.locator("input").press("Enter");
    await poll(() => buyers.getRange(3, notes).getValue()).toBe(typed);
    await poll(() => cell.textContent()).toBe(typed);
    expect(await page.locator("#grid img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it("C2: pulls Tom's mail into Inquiries", async () => {
    await page.locator("#pull").click();
    await page.locator(".toast", { hasText: "Mail pulled" }).first().waitFor();
    await page.locator("#sheet-tabs button", { hasText: "Inquiries" }).click();
    await page.waitForSelector("#grid tbody tr:nth-child(3)");
    const text = await page.locator("#grid").textContent();
    expect(text).toContain("I-000001");
    expect(text).toContain(TOM);
  });

  it("R10, R18: grades the selected inquiry in the sidebar; the sheet shows the grade", async () => {
    const inquiries = wb.bench.session.book().getSheetByName("Inquiries")!.getDataRange().getDisplayValues();
    const header = inquiries[0];
    const mine = inquiries.find((r) => r[header.indexOf("Owner")] === TOM && r[header.indexOf("Grade")] === "")!;
    const id = mine[header.indexOf("Inquiry ID")];
    const rowNumber = inquiries.indexOf(mine) + 1;
    // Select the inquiry's row, as a salesperson does before grading it in the sidebar.
    await page.locator(`#grid tbody tr[data-row="${rowNumber}"] th`).click();
    await poll(() => page.locator(`#grid tbody tr[data-row="${rowNumber}"]`).getAttribute("class")).toContain(
      "selected",
    );

    // The real sidebar: "Show the selected row" reads the selection through the bridge, then grade it A.
    const frame = await sidebar();
    await frame.locator('[data-testid="tab-buyer"]').click();
    await frame.locator('[data-testid="show-selected"]').click();
    await frame.locator(`[data-testid="grade-${id}-A"]`).click();
    const gradeColumn = header.indexOf("Grade") + 1;
    await poll(() =>
      page.locator(`#grid tbody tr[data-row="${rowNumber}"] td[data-col="${gradeColumn}"]`).textContent(),
    ).toBe("A");
    await poll(() =>
      wb.bench.session.book().getSheetByName("Inquiries")!.getRange(rowNumber, gradeColumn).getValue(),
    ).toBe("A");
    const refused = await scriptRun(frame, "noSuchServerFunction", []);
    expect(refused).toEqual({ ok: false, error: "Script function not found: noSuchServerFunction" });
    await shot("2-graded");
  });

  it("R33: the clock goes to Saturday 16:00 and the heartbeats run on the way", async () => {
    await page.locator(".clock button[data-step=saturday]").click();
    await expect
      .poll(() => page.locator("#clock").textContent(), { timeout: 60_000 })
      .toMatch(/Sat,? 28 Nov 2026,? 16:00/);
    await page.locator(".views button[data-view=activity]").click();
    const activity = await page.locator("#activity").textContent();
    expect(activity).toContain(`heartbeat as ${TOM}`);
    expect(activity).not.toContain("failed");
    await shot("3-saturday");
  });

  it("C4, C7, R33: the boss opens the weekly report (in the boss's language) and downloads it as .docx", async () => {
    await page.locator("#acting").selectOption(BOSS);
    await poll(() => page.locator("#acting").inputValue()).toBe(BOSS);
    await page.locator(".views button[data-view=docs]").click();
    let open = page.locator("#doc-list button", { hasText: "Open" });
    if ((await open.count()) === 0) {
      await page.locator("#menubar button", { hasText: "Buyerbook" }).click();
      await page.locator(".menu-items button[data-fn=menuWeeklyReport]").click();
      await page.locator(".views button[data-view=docs]").click();
      open = page.locator("#doc-list button", { hasText: "Open" });
    }
    // The demo's boss reads Chinese (Staff "Language"), so the report is 周报.
    const row = page.locator("#doc-list tr", { hasText: /weekly report|周报/i }).first();
    await row.waitFor();
    await row.locator("button", { hasText: "Open" }).click();
    const doc = page.frameLocator("#doc-frame");
    await poll(() => doc.locator("body").textContent()).toMatch(/weekly report|周报/i);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.locator("a", { hasText: ".docx" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await shot("4-weekly-report");
  });

  it("leaves a screenshot of the workbook for the README", async () => {
    await page.locator("#acting").selectOption(TOM);
    await page.locator(".views button[data-view=workbook]").click();
    await poll(() => page.locator("#acting").inputValue()).toBe(TOM);
    await page.locator("#sheet-tabs button", { hasText: "Inquiries" }).click();
    await page.waitForSelector("#grid tbody tr:nth-child(10)");
    // Tom's first inquiry selected, the sidebar showing its buyer with the grade choices.
    await page.locator('#grid tbody tr[data-row="2"] th').click();
    const frame = await sidebar();
    await frame.locator('[data-testid="tab-buyer"]').click();
    await frame.locator('[data-testid="show-selected"]').click();
    await frame.locator('[data-testid="buyer-card"]').waitFor();
    await page.waitForTimeout(300);
    await page.locator(".toast").evaluateAll((toasts) => {
      for (const t of toasts) t.remove();
    });
    const file = path.join(ARTIFACTS, "workbench.png");
    await page.screenshot({ path: file });
    expect(existsSync(file)).toBe(true);
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync("docs/screenshots", { recursive: true });
      copyFileSync(file, "docs/screenshots/workbench.png");
    }
  });
});
