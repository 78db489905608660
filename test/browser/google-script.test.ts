/**
 * The `google.script.run` the workbench and the browser tests give the sidebar behaves as Apps Script's does
 * (developers.google.com/apps-script/guides/html/reference/run, guides/html/communication): asynchronous,
 * success and failure handlers with the user object, illegal arguments refused, undefined turned to null in
 * arrays and dropped in objects, private functions not callable, at most 10 calls at once.
 * Fails (never skips) when Chromium is missing: CI installs it.
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RpcRunner, type SidebarServer, startSidebarServer } from "../../local/runtime/http-rpc";

const PAGE = "<!doctype html><html><head><title>t</title></head><body><p>page</p></body></html>";

describe("google.script.run in the browser (as Apps Script passes calls)", () => {
  let server: SidebarServer;
  let browser: Browser;
  let page: Page;
  const seen: { fn: string; args: unknown[] }[] = [];

  const runner: RpcRunner = {
    run<T>(fn: string, args: unknown[]): T {
      seen.push({ fn, args });
      if (fn === "boom") throw new Error("the server said no");
      if (fn === "when") return new Date(0) as T;
      return { echo: args } as T;
    },
  };

  beforeAll(async () => {
    server = await startSidebarServer({ runner, html: PAGE, user: () => "li@acme-tools.cn" });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
    page = await browser.newPage();
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Runs `fn` through google.script.run in the page; resolves with what the handlers received. */
  const call = (fn: string, args: unknown) =>
    page.evaluate(
      ([name, list]) =>
        new Promise((resolve) => {
          const run = (window as unknown as { google: { script: { run: Record<string, unknown> } } }).google.script.run;
          const r = (run.withSuccessHandler as (f: unknown) => Record<string, unknown>)((v: unknown, u: unknown) =>
            resolve({ ok: true, value: v, user: u }),
          );
          const f = (r.withFailureHandler as (f: unknown) => Record<string, unknown>)((e: Error, u: unknown) =>
            resolve({ ok: false, name: e.name, message: e.message, isError: e instanceof Error, user: u }),
          );
          const u = (f.withUserObject as (o: unknown) => Record<string, (...a: unknown[]) => void>)({ tag: 7 });
          u[name as string](...(list as unknown[]));
        }),
      [fn, args] as const,
    );

  it("calls are asynchronous and hand the result and the user object to the success handler", async () => {
    const order = await page.evaluate(() => {
      const steps: string[] = [];
      const g = (window as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => void> } } })
        .google;
      g.script.run.anything("x");
      steps.push("after call");
      return steps;
    });
    expect(order).toEqual(["after call"]);
    expect(await call("echo", [1, "two", true, null, { a: [1] }])).toEqual({
      ok: true,
      value: { echo: [1, "two", true, null, { a: [1] }] },
      user: { tag: 7 },
    });
  });

  it("a server error reaches the failure handler as an Error, with the user object", async () => {
    expect(await call("boom", [])).toMatchObject({
      ok: false,
      isError: true,
      message: "the server said no",
      user: { tag: 7 },
    });
  });

  it("undefined becomes null inside arrays and disappears from objects", async () => {
    const before = seen.length;
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const run = (window as unknown as { google: { script: { run: Record<string, unknown> } } }).google.script
            .run as Record<string, (...a: unknown[]) => Record<string, (...a: unknown[]) => void>>;
          run.withSuccessHandler(resolve).echo([1, undefined, 3], { keep: 1, drop: undefined });
        }),
    );
    expect(seen[before].args).toEqual([[1, null, 3], { keep: 1 }]);
  });

  it("a Date, a function or a DOM element in the arguments fails the request; nothing reaches the server", async () => {
    const before = seen.length;
    const errors = await page.evaluate(() => {
      const run = (window as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => void> } } })
        .google.script.run;
      const out: string[] = [];
      for (const bad of [new Date(), { when: [new Date()] }, () => 1, document.body]) {
        try {
          run.echo(bad);
          out.push("accepted");
        } catch (e) {
          out.push((e as Error).message);
        }
      }
      return out;
    });
    expect(errors).toHaveLength(4);
    for (const e of errors) expect(e).toMatch(/illegal value/);
    expect(errors[1]).toMatch(/0\.when\.0/);
    expect(seen.length).toBe(before);
  });

  it("a Date in the server's result fails the call instead of arriving changed", async () => {
    expect(await call("when", [])).toMatchObject({ ok: false, message: expect.stringMatching(/illegal value/) });
  });

  it("functions whose names end in _ are private and cannot be called", async () => {
    const before = seen.length;
    expect(await call("secret_", [])).toMatchObject({ ok: false, message: expect.stringMatching(/not found/) });
    expect(seen.length).toBe(before);
  });

  it("at most 10 calls run at once; the rest wait for a free slot and still complete", async () => {
    const result = await page.evaluate(
      () =>
        new Promise<{ done: number; peak: number }>((resolve) => {
          // Count the requests in flight from the page: without the cap all 25 would leave at once.
          const original = window.fetch.bind(window);
          let inFlight = 0;
          let peak = 0;
          window.fetch = (...a: Parameters<typeof fetch>) => {
            inFlight++;
            peak = Math.max(peak, inFlight);
            return original(...a).finally(() => {
              inFlight--;
            });
          };
          const run = (window as unknown as { google: { script: { run: Record<string, unknown> } } }).google.script
            .run as Record<string, (...a: unknown[]) => Record<string, (...a: unknown[]) => void>>;
          let done = 0;
          for (let i = 0; i < 25; i++)
            run
              .withSuccessHandler(() => {
                done++;
                if (done === 25) {
                  window.fetch = original;
                  resolve({ done, peak });
                }
              })
              .work(i);
        }),
    );
    expect(result.done).toBe(25);
    expect(result.peak).toBeLessThanOrEqual(10);
    expect(result.peak).toBeGreaterThan(1);
  });
});
