/**
 * The Gmail REST API as UrlFetchApp reaches it: `GET https://gmail.googleapis.com/gmail/v1/users/{userId}/threads/{id}`
 * (also under the older www.googleapis.com host), answered from the same mailboxes as GmailApp and the advanced
 * service, with the JSON the API sends (bodies as base64url strings). Reference: developers.google.com/workspace/
 * gmail/api/reference/rest/v1/users.threads/get. The request must carry `Authorization: Bearer <token>` with the
 * token ScriptApp.getOAuthToken() gave the effective user; otherwise 401, as the API answers.
 */
import type { GasContext } from "../core/context";
import { costOf } from "../core/costs";
import { oauthTokenOf } from "../services/script";
import type { Host, HostAnswer } from "../services/url-fetch";
import { type EmulatedGmailApi, type GetArgs, restError } from "./gmail-api";

const HOSTS = new Set(["gmail.googleapis.com", "www.googleapis.com"]);
const THREAD_PATH = /^\/gmail\/v1\/users\/([^/]+)\/threads\/([^/]+)$/;

const NO_CREDENTIAL =
  "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.";
const BAD_CREDENTIAL =
  "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.";

export function gmailRestHost(ctx: GasContext, api: EmulatedGmailApi): Host {
  return ({ url, method, headers }) => {
    if (url.protocol !== "https:" || !HOSTS.has(url.hostname) || !url.pathname.startsWith("/gmail/v1/")) {
      return undefined;
    }
    const path = THREAD_PATH.exec(url.pathname);
    if (!path || method !== "GET") {
      throw new Error(
        `The emulator answers only GET https://gmail.googleapis.com/gmail/v1/users/{userId}/threads/{id} of the Gmail REST API, not ${method} ${url.pathname}`,
      );
    }
    const answer = (status: number, body: unknown, messages = 0): HostAnswer => ({
      status,
      body,
      latencyMs: costOf("Gmail.read", messages),
      meterType: "Gmail.read.rest",
      meterUnits: messages,
      meterMethod: "gmail.users.threads.get",
    });
    const auth = headers.authorization ?? "";
    if (!auth) return answer(401, restError(401, NO_CREDENTIAL, "UNAUTHENTICATED", "required"));
    if (auth !== `Bearer ${oauthTokenOf(ctx.effectiveUser)}`) {
      return answer(401, restError(401, BAD_CREDENTIAL, "UNAUTHENTICATED", "authError"));
    }
    const args: GetArgs = {};
    const format = url.searchParams.get("format");
    if (format !== null) args.format = format;
    const only = url.searchParams.getAll("metadataHeaders");
    if (only.length > 0) args.metadataHeaders = only;
    const r = api.restThread(decodeURIComponent(path[1]), decodeURIComponent(path[2]), args);
    return answer(r.status, r.body, r.messages);
  };
}
