/**
 * MailApp (developers.google.com/apps-script/reference/mail/mail-app): send-only, from the effective user.
 * Shares the "Email recipients per day" quota with GmailApp (100/day consumer, 1,500/day Workspace;
 * "Quotas are per user and reset 24 hours after the first request" — developers.google.com/apps-script/guides/services/quotas).
 */
import type { GasContext } from "../core/context";
import { buildOutgoing } from "./outgoing";
import { GmailSession } from "./session";
import type { MailWorld } from "./world";

type Mail = GoogleAppsScript.Mail.MailApp;
type MailParams = GoogleAppsScript.Mail.MailAdvancedParameters;

export class EmulatedMailApp implements Pick<Mail, "sendEmail" | "getRemainingDailyQuota"> {
  constructor(
    private readonly ctx: GasContext,
    private readonly world: MailWorld,
  ) {}

  private session(method: string): GmailSession {
    return GmailSession.forEffectiveUser(this.ctx, this.world, "MailApp", method);
  }

  /** Recipients the effective user may still send to today. */
  getRemainingDailyQuota(): number {
    const s = this.session("getRemainingDailyQuota");
    s.call("Gmail.meta", "MailApp.getRemainingDailyQuota");
    return this.world.remainingRecipients(s.box.address, s.now());
  }

  sendEmail(message: MailParams): void;
  sendEmail(recipient: string, subject: string, body: string): void;
  sendEmail(recipient: string, subject: string, body: string, options: MailParams): void;
  sendEmail(to: string, replyTo: string, subject: string, body: string): void;
  sendEmail(a: string | MailParams, b?: string, c?: string, d?: string | MailParams): void {
    const s = this.session("sendEmail");
    s.call("Gmail.send", "MailApp.sendEmail");
    let to: string;
    let subject: string;
    let body: string;
    let options: MailParams;
    if (typeof a === "object") {
      ({ to = "", subject = "", body = "" } = a);
      options = a;
    } else if (typeof d === "string") {
      // sendEmail(to, replyTo, subject, body)
      [to, subject, body, options] = [a, c ?? "", d, { replyTo: b }];
    } else {
      [to, subject, body, options] = [a, b ?? "", c ?? "", d ?? {}];
    }
    // MailApp cannot send from an alias; only the display name and reply-to are settable.
    s.send(buildOutgoing(s.box, to, subject, body, { ...options, from: undefined }));
  }
}
