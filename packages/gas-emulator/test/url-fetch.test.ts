import { describe, expect, it } from "vitest";
import {
  costOf,
  createGasEnvironment,
  EXTERNAL_REQUEST_SCOPE,
  fetchAllRounds,
  loadProject,
  URLFETCH_CONCURRENCY,
  URLFETCH_DAILY_LIMIT,
} from "../src/index";

/**
 * Contract for UrlFetchApp (developers.google.com/apps-script/reference/url-fetch/url-fetch-app): fetch and
 * fetchAll with Apps Script's request fields, HTTPResponse's getResponseCode/getContentText, muteHttpExceptions,
 * the script.external_request scope, the daily quota; the only host answered is the Gmail REST API's
 * users.threads.get (developers.google.com/workspace/gmail/api/reference/rest/v1/users.threads/get), over the
 * same mailboxes as GmailApp and the Gmail advanced service.
 */
const ME = "shop@shop.test";
const NOW = new Date("2026-03-10T08:00:00Z");
const BASE = "https://gmail.googleapis.com/gmail/v1/users/me/threads/";

const MAILS = [
  {
    from: "li.wei@client.cn",
    subject: "询价:不锈钢法兰 DN50",
    text: "您好,请报价不锈钢法兰 DN50,数量 2000 件,FOB 宁波。",
  },
  { from: "omar@trade.ae", subject: "طلب عرض سعر", text: "السلام عليكم، نرجو إرسال عرض سعر لـ 500 صمام." },
  { from: "ivan@zavod.ru", subject: "Запрос цены", text: "Добрый день! Просим выслать цену на фланцы, 300 шт." },
];

/** The thread a delivered mail landed in, in ME's mailbox. */
function threadOf(result: { copies: { owner: string; threadId: string }[] }): string {
  const mine = result.copies.find((c) => c.owner === ME);
  if (!mine) throw new Error("not delivered to ME");
  return mine.threadId;
}

function world(options: { oauthScopes?: string[] } = {}) {
  const env = createGasEnvironment({ now: NOW, user: ME, ...options });
  const ids = MAILS.map((m) => threadOf(env.mail.deliver({ ...m, to: ME })));
  const as = <T>(fn: () => T) => env.ctx.runAs(ME, fn);
  const token = as(() => env.ScriptApp.getOAuthToken());
  const request = (id: string) => ({
    url: `${BASE}${id}?format=full`,
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
  });
  return { env, ids, as, token, request };
}

function decode(data: string | undefined): string {
  return Buffer.from(String(data ?? ""), "base64url").toString("utf8");
}

describe("UrlFetchApp: the Gmail REST API's threads.get", () => {
  it("answers each request of a fetchAll with the Thread JSON the advanced service returns, bodies as base64url", () => {
    const { env, ids, as, request } = world();
    const responses = as(() => env.UrlFetchApp.fetchAll(ids.map(request)));
    expect(responses.map((r) => r.getResponseCode())).toEqual([200, 200, 200]);
    const threads = responses.map((r) => JSON.parse(r.getContentText()) as GoogleAppsScript.Gmail.Schema.Thread);
    const viaApi = as(() => ids.map((id) => env.Gmail.Users.Threads.get("me", id, { format: "full" })));
    expect(threads).toEqual(JSON.parse(JSON.stringify(viaApi)));
    expect(threads.map((t) => t.id)).toEqual(ids);
    const bodies = threads.map((t) => decode(t.messages?.[0].payload?.body?.data));
    expect(bodies[0]).toContain("不锈钢法兰 DN50");
    expect(bodies[1]).toContain("عرض سعر لـ 500 صمام");
    expect(bodies[2]).toContain("фланцы, 300 шт");
    // base64url: no '+' or '/' in the data, as the API sends it.
    expect(threads.every((t) => !/[+/]/.test(String(t.messages?.[0].payload?.body?.data)))).toBe(true);
  });

  it("answers the older www.googleapis.com host alike, and fetch() for one request", () => {
    const { env, ids, as, token } = world();
    const r = as(() =>
      env.UrlFetchApp.fetch(`https://www.googleapis.com/gmail/v1/users/me/threads/${ids[2]}?format=full`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    expect(r.getResponseCode()).toBe(200);
    expect(decode(JSON.parse(r.getContentText()).messages[0].payload.body.data)).toContain("Добрый день");
  });

  it("404 with the API's error body for a thread that is gone; without muteHttpExceptions it throws as Apps Script does", () => {
    const { env, ids, as, request } = world();
    const box = env.mail.mailbox(ME);
    for (const m of [...(box.threads.get(ids[1])?.messages ?? [])]) box.remove(m);
    const responses = as(() => env.UrlFetchApp.fetchAll(ids.map(request)));
    expect(responses.map((r) => r.getResponseCode())).toEqual([200, 404, 200]);
    const err = JSON.parse(responses[1].getContentText()).error;
    expect(err).toMatchObject({ code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" });
    expect(() => as(() => env.UrlFetchApp.fetchAll([{ ...request(ids[1]), muteHttpExceptions: false }]))).toThrow(
      /^Request failed for https:\/\/gmail\.googleapis\.com returned code 404\. Truncated server response: /,
    );
  });

  it("401 without the Bearer token ScriptApp.getOAuthToken() gave, or with another user's", () => {
    const { env, ids, as, request } = world();
    const other = env.ctx.runAs("someone@else.test", () => env.ScriptApp.getOAuthToken());
    const [missing, wrong] = as(() =>
      env.UrlFetchApp.fetchAll([
        { url: `${BASE}${ids[0]}`, muteHttpExceptions: true },
        { ...request(ids[0]), headers: { Authorization: `Bearer ${other}` } },
      ]),
    );
    expect(missing.getResponseCode()).toBe(401);
    expect(wrong.getResponseCode()).toBe(401);
    expect(JSON.parse(wrong.getContentText()).error.status).toBe("UNAUTHENTICATED");
  });

  it("forced statuses (a 429 rate limit, a 500) answer instead of the thread, then the thread answers again", () => {
    const { env, ids, as, request } = world();
    env.UrlFetchApp.failRequests(ids[0], 429);
    env.UrlFetchApp.failRequests(ids[2], 500);
    const first = as(() => env.UrlFetchApp.fetchAll(ids.map(request)));
    expect(first.map((r) => r.getResponseCode())).toEqual([429, 200, 500]);
    expect(JSON.parse(first[0].getContentText()).error.status).toBe("RESOURCE_EXHAUSTED");
    const again = as(() => env.UrlFetchApp.fetchAll(ids.map(request)));
    expect(again.map((r) => r.getResponseCode())).toEqual([200, 200, 200]);
  });

  it("any other host throws: the emulator has no network", () => {
    const { env, as } = world();
    expect(() => as(() => env.UrlFetchApp.fetch("https://api.example.com/rates"))).toThrow(
      /Address unavailable: https:\/\/api\.example\.com\/rates .*no network/,
    );
  });
});

describe("UrlFetchApp: scope, quota and metering", () => {
  it("needs script.external_request when the manifest lists its scopes (Apps Script's permission error)", () => {
    const { env, ids, as, request } = world({ oauthScopes: ["https://mail.google.com/"] });
    expect(() => as(() => env.UrlFetchApp.fetchAll([request(ids[0])]))).toThrow(
      `You do not have permission to call UrlFetchApp.fetchAll. Required permissions: ${EXTERNAL_REQUEST_SCOPE}`,
    );
    const granted = world({ oauthScopes: ["https://mail.google.com/", EXTERNAL_REQUEST_SCOPE] });
    expect(
      granted.as(() => granted.env.UrlFetchApp.fetchAll([granted.request(granted.ids[0])]))[0].getResponseCode(),
    ).toBe(200);
  });

  it("403 from Gmail when the granted scopes do not allow reading mail bodies", () => {
    const { env, ids, as, request } = world({
      oauthScopes: ["https://www.googleapis.com/auth/gmail.metadata", EXTERNAL_REQUEST_SCOPE],
    });
    const r = as(() => env.UrlFetchApp.fetchAll([request(ids[0])]))[0];
    expect(r.getResponseCode()).toBe(403);
    expect(JSON.parse(r.getContentText()).error.message).toBe("Request had insufficient authentication scopes.");
  });

  it("each request is one Gmail call and one UrlFetch quota unit; time is ceil(n / 10) rounds of the slowest request", () => {
    const env = createGasEnvironment({ now: NOW, user: ME });
    const ids: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      const m = MAILS[i % 3];
      ids.push(threadOf(env.mail.deliver({ ...m, subject: `${m.subject} #${i}`, to: ME })));
    }
    const token = env.ctx.runAs(ME, () => env.ScriptApp.getOAuthToken());
    env.ctx.meter.reset();
    env.ctx.runAs(ME, () =>
      env.UrlFetchApp.fetchAll(
        ids.map((id) => ({ url: `${BASE}${id}`, headers: { Authorization: `Bearer ${token}` } })),
      ),
    );
    const meter = env.ctx.meter;
    expect(meter.callsOf("Gmail")).toBe(25);
    expect(meter.callsOf("UrlFetch.round")).toBe(Math.ceil(25 / URLFETCH_CONCURRENCY));
    expect(env.ctx.quotas.urlFetch.used(ME)).toBe(25);
    // One message a thread: every request is priced like an advanced-service Threads.get of one message.
    expect(meter.modeledMs()).toBe(3 * costOf("Gmail.read", 1));
    expect(meter.modeledMs()).toBeLessThan(25 * costOf("Gmail.read", 1));
  });

  it("a round lasts as long as its slowest request", () => {
    expect(fetchAllRounds([220, 260, 220])).toEqual([260]);
    const eleven = Array.from({ length: 11 }, (_, i) => (i === 10 ? 300 : 220));
    expect(fetchAllRounds(eleven)).toEqual([220, 300]);
  });

  it("the daily quota: a fetchAll that would pass it throws Apps Script's quota error and fetches nothing", () => {
    const { env, ids, as, request } = world();
    env.ctx.quotas.urlFetch.spend(ME, env.ctx.quotas.urlFetch.limit - 2);
    expect(() => as(() => env.UrlFetchApp.fetchAll(ids.map(request)))).toThrow(URLFETCH_DAILY_LIMIT);
    expect(as(() => env.UrlFetchApp.fetchAll(ids.slice(0, 2).map(request))).length).toBe(2);
  });

  it("is a global of a loaded project", () => {
    const env = createGasEnvironment({ now: NOW, user: ME });
    const p = loadProject(env, [
      { name: "appsscript.json", code: JSON.stringify({}) },
      { name: "Code.js", code: "function has() { return typeof UrlFetchApp.fetchAll === 'function'; }" },
    ]);
    expect(p.run("has")).toBe(true);
  });
});
