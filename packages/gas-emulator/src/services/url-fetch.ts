/**
 * UrlFetchApp (developers.google.com/apps-script/reference/url-fetch/url-fetch-app) over the emulator's own
 * worlds: the emulator has no network, so only the Google hosts it emulates answer (the Gmail REST API's
 * users.threads.get, over the same mailboxes as GmailApp and the Gmail advanced service). Any other URL throws.
 *
 * `fetch(url, params)` and `fetchAll(requests)` take Apps Script's request fields (`url`, `method`, `headers`,
 * `muteHttpExceptions`); the answer is an HTTPResponse (`getResponseCode`, `getContentText`, `getContent`,
 * `getHeaders`, `getAllHeaders`). Without `muteHttpExceptions` a status of 400 or more throws, as Apps Script
 * does ("Request failed for … returned code …").
 *
 * Needs https://www.googleapis.com/auth/script.external_request when the manifest lists its scopes. Each request
 * is one UrlFetch call of the daily quota (20,000 consumer / 100,000 Workspace) and, to a Gmail host, one Gmail
 * call ("Gmail.read.rest"). Time: the requests of one fetchAll run URLFETCH_CONCURRENCY at a time, each round as
 * long as its slowest request ("UrlFetch.round"); a Gmail threads.get takes what the advanced service's does.
 */
import type { GasContext } from "../core/context";
import { fetchAllRounds } from "../core/costs";
import { URLFETCH_DAILY_LIMIT } from "../core/quotas";

export const EXTERNAL_REQUEST_SCOPE = "https://www.googleapis.com/auth/script.external_request";

export interface FetchRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  muteHttpExceptions?: boolean;
  contentType?: string;
  payload?: unknown;
}

/** What an emulated host answers: status, JSON body, and the request's modeled latency in ms. */
export interface HostAnswer {
  status: number;
  body: unknown;
  latencyMs: number;
  /** Cost-table type the request is counted under (it carries no time: the round does), and its units. */
  meterType: string;
  meterUnits: number;
  meterMethod: string;
}

/** An emulated host: answers the request, or returns undefined when the URL is not one it serves. */
export type Host = (request: { url: URL; method: string; headers: Record<string, string> }) => HostAnswer | undefined;

/** A status to answer instead of the host's, for requests whose URL contains `match` (429s, 5xx, outages). */
interface ForcedStatus {
  match: string;
  status: number;
  remaining: number;
}

const STATUS_TEXT: Record<number, [string, string]> = {
  429: ["Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"],
  500: ["Internal error encountered.", "INTERNAL"],
  502: ["Bad Gateway", "UNAVAILABLE"],
  503: ["The service is currently unavailable.", "UNAVAILABLE"],
};

export class HTTPResponse {
  constructor(
    private readonly status: number,
    private readonly text: string,
  ) {}

  getResponseCode(): number {
    return this.status;
  }

  getContentText(_charset?: string): string {
    return this.text;
  }

  getContent(): number[] {
    return [...Buffer.from(this.text, "utf8")].map((b) => (b > 127 ? b - 256 : b));
  }

  getHeaders(): Record<string, string> {
    return { "Content-Type": "application/json; charset=UTF-8" };
  }

  getAllHeaders(): Record<string, string> {
    return this.getHeaders();
  }
}

export class UrlFetchApp {
  private forced: ForcedStatus[] = [];

  constructor(
    private readonly ctx: GasContext,
    private readonly hosts: readonly Host[],
  ) {}

  fetch(url: string, params: Omit<FetchRequest, "url"> = {}): HTTPResponse {
    return this.run("UrlFetchApp.fetch", [{ ...params, url }])[0];
  }

  fetchAll(requests: (FetchRequest | string)[]): HTTPResponse[] {
    return this.run(
      "UrlFetchApp.fetchAll",
      requests.map((r) => (typeof r === "string" ? { url: r } : r)),
    );
  }

  toString(): string {
    return "UrlFetchApp";
  }

  // ---- emulator-side API (not Apps Script) ----

  /** The next `times` requests whose URL contains `match` answer `status` (a 429 rate limit, a 500 or 503). */
  failRequests(match: string, status: number, times = 1): void {
    this.forced.push({ match, status, remaining: times });
  }

  clearFailures(): void {
    this.forced = [];
  }

  private run(method: string, requests: FetchRequest[]): HTTPResponse[] {
    this.ctx.requireAuth(method);
    this.ctx.requireScope(method, [EXTERNAL_REQUEST_SCOPE]);
    const answers = requests.map((r) => this.answer(r));
    const quota = this.ctx.quotas.urlFetch;
    if (this.ctx.meter.enabled && quota.used(this.ctx.effectiveUser) + answers.length > quota.limit) {
      throw new Error(URLFETCH_DAILY_LIMIT);
    }
    if (this.ctx.meter.enabled) quota.spend(this.ctx.effectiveUser, answers.length);
    for (const a of answers) this.ctx.call(a.meterType, `${method} ${a.meterMethod}`, a.meterUnits);
    for (const ms of fetchAllRounds(answers.map((a) => a.latencyMs))) this.ctx.call("UrlFetch.round", method, ms);
    return requests.map((r, i) => {
      const { status, body } = answers[i];
      const text = JSON.stringify(body, null, 2);
      if (status >= 400 && !r.muteHttpExceptions) {
        const host = new URL(r.url).origin;
        throw new Error(
          `Request failed for ${host} returned code ${status}. Truncated server response: ${text.slice(0, 500)} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return new HTTPResponse(status, text);
    });
  }

  private answer(r: FetchRequest): HostAnswer {
    let url: URL;
    try {
      url = new URL(String(r.url));
    } catch {
      throw new Error(`Invalid argument: ${r.url}`);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const method = String(r.method ?? "get").toUpperCase();
    for (const host of this.hosts) {
      const answer = host({ url, method, headers });
      if (answer) return this.forcedStatus(url, answer);
    }
    throw new Error(
      `Address unavailable: ${url.href} (the emulator has no network: only the Gmail REST API's users.threads.get is answered)`,
    );
  }

  private forcedStatus(url: URL, answer: HostAnswer): HostAnswer {
    const rule = this.forced.find((f) => f.remaining > 0 && url.href.includes(f.match));
    if (!rule || !this.ctx.meter.enabled) return answer;
    rule.remaining -= 1;
    const [message, status] = STATUS_TEXT[rule.status] ?? ["Error", "UNKNOWN"];
    return {
      ...answer,
      status: rule.status,
      body: { error: { code: rule.status, message, status } },
    };
  }
}
