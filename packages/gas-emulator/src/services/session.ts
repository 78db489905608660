import { createHash } from "node:crypto";
import type { GasContext } from "../core/context";
import { baseUser } from "../core/users";

/**
 * Session: who is running and where. Reference: developers.google.com/apps-script/reference/base/session.
 * getActiveUser() is "" when Apps Script withholds the address (e.g. a trigger installed by someone else);
 * the emulator reads both users straight from the context so ctx.runAs decides.
 */
type SessionApi = GoogleAppsScript.Base.Session;

export class Session
  implements
    Pick<
      SessionApi,
      "getActiveUser" | "getEffectiveUser" | "getScriptTimeZone" | "getActiveUserLocale" | "getTemporaryActiveUserKey"
    >
{
  /** Locale of the active user's browser/account, as Apps Script reports it ("en", "zh_CN"…). */
  locale = "en";

  constructor(
    private readonly ctx: GasContext,
    private readonly scriptId = "emulated-script",
  ) {}

  getActiveUser(): GoogleAppsScript.Base.User {
    this.ctx.call("Session.read", "Session.getActiveUser");
    return baseUser(this.ctx.activeUser);
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    this.ctx.call("Session.read", "Session.getEffectiveUser");
    return baseUser(this.ctx.effectiveUser);
  }

  getScriptTimeZone(): string {
    this.ctx.call("Session.read", "Session.getScriptTimeZone");
    return this.ctx.timeZone;
  }

  getActiveUserLocale(): string {
    this.ctx.call("Session.read", "Session.getActiveUserLocale");
    return this.locale;
  }

  /** Stable per user and script, opaque, and not the email — the properties the reference promises. */
  getTemporaryActiveUserKey(): string {
    this.ctx.call("Session.read", "Session.getTemporaryActiveUserKey");
    if (!this.ctx.activeUser) return "";
    return createHash("sha256")
      .update(`${this.scriptId}:${this.ctx.activeUser.toLowerCase()}`)
      .digest("base64")
      .slice(0, 43);
  }
}
