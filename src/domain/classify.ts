/**
 * Mail intake classification (C2 pulls Gmail three times a day; R7 answer every inquiry; R22 look up every
 * unfamiliar sender; R26 fax inquiries get a fax answer within 12 hours).
 *
 * Order matters and is deliberate:
 *   1. no sender              — nothing to answer
 *   2. ignore list            — the assistant's explicit word beats every heuristic
 *   3. bounce                 — before anything else automated (bounces come from our own server too)
 *   4. platform notification  — before "own" (the website form mails from wordpress@our-domain) and before
 *                               auto-reply/newsletter (platforms send Auto-Submitted / List-Unsubscribe)
 *   5. fax                    — before "own" (the office fax gateway may sit on our domain)
 *   6. auto-reply             — before "own", so a colleague's out-of-office never counts as our reply
 *   7. own                    — staff or own domain: our sent replies
 *   8. newsletter / no-reply  — bulk mail, or a sender that cannot be answered
 *   9. inquiry                — everything else is a buyer until proven otherwise (R7)
 */
import {
  compiledRulesFor,
  messageText,
  type PlatformParsed,
  type PlatformRule,
  type PlatformSource,
  parsePlatform,
  platformsForSender,
} from "./platforms";
import { isReplySubject, parseAddress } from "./text";

export interface MailFacts {
  /** Gmail message id. */
  messageId: string;
  threadId: string;
  /** RFC 822 Message-ID header. */
  rfcMessageId: string;
  /** The mailbox (owner address) this message was read from. */
  mailbox: string;
  from: { name: string; address: string } | undefined;
  replyTo?: string;
  to: string[];
  cc: string[];
  subject: string;
  date: Date;
  plainBody: string;
  htmlBody?: string;
  /** Lower-case header names: list-unsubscribe, auto-submitted, x-autoreply, precedence, content-type, … */
  headers: Record<string, string>;
  attachmentNames: string[];
}

export interface ClassifyContext {
  /** Lower-case staff addresses. */
  staffAddresses: Set<string>;
  /** Company domains ("acme-tools.cn"); subdomains count too. */
  ownDomains: string[];
  /**
   * Entries: an address ("spam@x.com", globs allowed "*@x.com"), a domain ("x.com", "@x.com"; covers
   * subdomains), or a subject pattern ("subject:Invoice reminder" or any text with a space / without a dot;
   * the subject must contain it, "*" = anything).
   */
  ignoreList: string[];
  platformRules: PlatformRule[];
  /** Fax gateways named in the Rules sheet (beyond the known ones): their mail is a fax, never the buyer's. */
  isFaxGateway?: (address: string) => boolean;
}

export type SkipReason =
  | "auto-reply"
  | "out-of-office"
  | "bounce"
  | "newsletter"
  | "ignored"
  | "no-sender"
  /** From a platform's address but not an inquiry notification (listing approved, payment notice…). */
  | "platform-notice"
  /** A no-reply sender that is not a platform rule: nobody to answer. */
  | "automated";

export type Classification =
  | { kind: "own"; why: string }
  | { kind: "inquiry"; channel: "email"; why: string }
  | { kind: "platform"; channel: "platform"; source: PlatformSource; parsed: PlatformParsed; why: string }
  | { kind: "fax"; channel: "fax"; why: string }
  | { kind: "skip"; reason: SkipReason; why: string };

// ---------------------------------------------------------------- signals

const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce|bounces)(?:[+-].*)?@/i;
const BOUNCE_SUBJECT =
  /delivery status notification|undeliverable|undelivered mail|mail delivery (?:failed|failure|subsystem)|delivery (?:has )?failed|returned mail|failure notice|message not delivered|non[- ]?delivery|unzustellbar|non remis|no se puede entregar|退信|投递失败|未能送达|无法投递|系统退信|Недоставленное сообщение/i;

const AUTO_REPLY_SUBJECT =
  /^(?:\s*(?:re|aw|sv)\s*:)?\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response|antwort)|autoreply|autoresponse|réponse automatique|respuesta automática|resposta automática|risposta automatica|automatische antwort|自动回复|自動回覆|自動回复|自動応答|Автоответ|Автоматический ответ|رد تلقائي)/i;
const OUT_OF_OFFICE =
  /out of (?:the )?office|\bOOO\b|on (?:vacation|holiday|leave|annual leave)|away from (?:the )?office|abwesenheit|nicht im büro|absent du bureau|absence du bureau|fuera de la oficina|de vacaciones|fora do escritório|不在办公室|休假|外出|不在公司|vacances|urlaub|отпуск|вне офиса/i;

const FAX_GATEWAYS =
  /@(?:[^@]*\.)?(?:efax\.com|j2\.com|myfax\.com|metrofax\.com|faxage\.com|srfax\.com|hellofax\.com|faxburner\.com|fax\.plus|faxmail\.com|fax2mail\.com|ringcentral\.com|interfax\.net|popfax\.com|gfi\.com)$/i;
const FAX_LOCAL_PART = /^(?:e?fax|fax2mail|faxmail|faxserver|fax-?to-?mail|fax-?gateway|fax-?service)[0-9._+-]*@/i;
const FAX_SUBJECT =
  /^\s*(?:(?:fw|fwd)\s*:\s*)?(?:new |incoming |received )?(?:e?fax|facsimile|telefax)\b\s*(?:message|received|from|von|de|document|#|no\.?|nr\.?|:|\(|\d|\+)|传真|傳真/i;
const FAX_ATTACHMENT = /\.(?:pdf|tiff?)$/i;

const NO_REPLY_SENDER =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply|notifications?|notify|alerts?)[0-9._+-]*@/i;

function header(facts: MailFacts, name: string): string {
  const headers = facts.headers && typeof facts.headers === "object" ? facts.headers : {};
  const value = headers[name];
  return value == null ? "" : String(value).trim();
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

function inDomain(domain: string, base: string): boolean {
  const b = base.trim().toLowerCase().replace(/^@/, "").replace(/^\*\./, "");
  return !!b && (domain === b || domain.endsWith(`.${b}`));
}

function globRegExp(glob: string, whole: boolean): RegExp {
  const body = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(whole ? `^${body}$` : body, "i");
}

/** Which ignore-list entry (if any) catches this message. */
export function ignoreEntryFor(address: string, subject: string, ignoreList: readonly string[]): string | undefined {
  const domain = domainOf(address);
  for (const raw of ignoreList ?? []) {
    const entry = String(raw ?? "").trim();
    if (!entry) continue;
    const subjectEntry = /^subject\s*:/i.exec(entry);
    if (subjectEntry) {
      const text = entry.slice(subjectEntry[0].length).trim();
      if (text && globRegExp(text, false).test(subject)) return entry;
      continue;
    }
    if (entry.startsWith("@")) {
      if (inDomain(domain, entry)) return entry;
      continue;
    }
    if (entry.includes("@")) {
      if (globRegExp(entry.toLowerCase(), true).test(address)) return entry;
      continue;
    }
    if (!/\s/.test(entry) && /^[*a-z0-9.-]+\.[a-z]{2,}$/i.test(entry)) {
      if (inDomain(domain, entry)) return entry;
      continue;
    }
    if (globRegExp(entry, false).test(subject)) return entry;
  }
  return undefined;
}

// ---------------------------------------------------------------- classify

function skip(reason: SkipReason, why: string): Classification {
  return { kind: "skip", reason, why };
}

/** Looks at one message and says what it is. Never throws on odd input; every answer carries a `why`. */
export function classify(facts: MailFacts, ctx: ClassifyContext): Classification {
  const subject = String(facts?.subject ?? "").slice(0, 1000);
  const fromAddress = senderAddress(facts);
  if (!fromAddress) return skip("no-sender", "no usable From address");
  // Attachment names cost a Gmail call per message: read only when the sender or subject hints at a fax.
  const attachments = () => (Array.isArray(facts.attachmentNames) ? facts.attachmentNames.map(String) : []);

  const ignored = ignoreEntryFor(fromAddress, subject, ctx.ignoreList);
  if (ignored) return skip("ignored", `on the ignore list ("${ignored}")`);

  const bounce = bounceSignal(facts, fromAddress, subject);
  if (bounce) return skip("bounce", bounce);

  const rules = compiledRulesFor(ctx.platformRules ?? []);
  // Only the fields the rules read: spreading the facts would fetch every header and attachment name.
  const platform = parsePlatform(
    {
      from: { name: facts.from?.name ?? "", address: fromAddress },
      subject,
      plainBody: facts.plainBody,
      htmlBody: facts.htmlBody,
    },
    rules,
  );
  if (platform) {
    const found = Object.keys(platform.parsed);
    return {
      kind: "platform",
      channel: "platform",
      source: platform.platform,
      parsed: platform.parsed,
      why:
        `${platform.platform} notification from ${fromAddress}` +
        (found.length ? ` (read ${found.join(", ")})` : " — no fields recognised, check the Rules sheet"),
    };
  }

  const fax =
    faxSignal(fromAddress, subject, attachments) ??
    (ctx.isFaxGateway?.(fromAddress) ? `fax gateway ${fromAddress} (Rules sheet)` : undefined);
  if (fax) return { kind: "fax", channel: "fax", why: `${fax} (answer by fax within 12 h)` };

  const auto = autoReplySignal(facts, subject);
  if (auto) return skip(auto.reason, auto.why);

  const domain = domainOf(fromAddress);
  if (ctx.staffAddresses?.has(fromAddress)) return { kind: "own", why: `sent by staff ${fromAddress}` };
  const own = (ctx.ownDomains ?? []).find((d) => inDomain(domain, d));
  if (own) return { kind: "own", why: `sent from our domain ${own}` };

  const platformSender = platformsForSender(fromAddress, rules);
  if (platformSender.length > 0) {
    return skip(
      "platform-notice",
      `from ${platformSender[0]} (${fromAddress}) but not an inquiry notification by the Rules sheet`,
    );
  }

  const bulk = newsletterSignal(facts);
  if (bulk) return skip("newsletter", bulk);
  if (NO_REPLY_SENDER.test(fromAddress)) return skip("automated", `no-reply sender ${fromAddress}`);

  return {
    kind: "inquiry",
    channel: "email",
    why: isReplySubject(subject)
      ? `reply from ${fromAddress} (look the sender up)`
      : `message from ${fromAddress} (answer every inquiry)`,
  };
}

function senderAddress(facts: MailFacts | undefined): string {
  const raw = facts?.from?.address;
  if (!raw) return "";
  const parsed = parseAddress(String(raw));
  return parsed ? parsed.address : "";
}

function bounceSignal(facts: MailFacts, address: string, subject: string): string | undefined {
  if (BOUNCE_SENDER.test(address)) return `bounce from ${address}`;
  if (header(facts, "x-failed-recipients")) return `X-Failed-Recipients: ${header(facts, "x-failed-recipients")}`;
  const contentType = header(facts, "content-type").toLowerCase();
  if (contentType.includes("multipart/report") && contentType.includes("delivery-status")) {
    return "delivery status report (multipart/report)";
  }
  if (BOUNCE_SUBJECT.test(subject)) return `bounce subject "${subject.slice(0, 80)}"`;
  return undefined;
}

function autoReplySignal(
  facts: MailFacts,
  subject: string,
): { reason: "auto-reply" | "out-of-office"; why: string } | undefined {
  let signal = "";
  const autoSubmitted = header(facts, "auto-submitted").toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") signal = `Auto-Submitted: ${autoSubmitted}`;
  else if (header(facts, "x-autoreply") && header(facts, "x-autoreply").toLowerCase() !== "no")
    signal = "X-Autoreply header";
  else if (header(facts, "x-autorespond")) signal = "X-Autorespond header";
  else if (/^auto[_-]?reply$/i.test(header(facts, "precedence"))) signal = "Precedence: auto_reply";
  else if (AUTO_REPLY_SUBJECT.test(subject)) signal = `subject "${subject.slice(0, 60)}"`;
  else if (/^(?:(?:re|aw)\s*:\s*)?out of (?:the )?office\b/i.test(subject))
    signal = `subject "${subject.slice(0, 60)}"`;
  if (!signal) return undefined;
  const body = String(facts.plainBody ?? "").slice(0, 2000);
  if (OUT_OF_OFFICE.test(subject) || OUT_OF_OFFICE.test(body)) {
    return { reason: "out-of-office", why: `out-of-office reply (${signal})` };
  }
  return { reason: "auto-reply", why: `automatic reply (${signal})` };
}

function faxSignal(address: string, subject: string, attachments: () => string[]): string | undefined {
  const gateway = FAX_GATEWAYS.test(address);
  const local = FAX_LOCAL_PART.test(address);
  const faxSubject = FAX_SUBJECT.test(subject);
  if (!gateway && !local && !faxSubject) return undefined;
  const faxFile = attachments().find((name) => FAX_ATTACHMENT.test(name));
  const withFile = faxFile ? `, attachment ${faxFile}` : "";
  if (gateway) return `fax gateway ${address}${withFile}`;
  if (local && (faxFile || faxSubject)) return `fax-to-mail from ${address}${withFile}`;
  if (faxSubject && (faxFile || /\+?\d[\d\s()-]{5,}/.test(subject))) {
    return `fax subject "${subject.slice(0, 60)}"${withFile}`;
  }
  return undefined;
}

function newsletterSignal(facts: MailFacts): string | undefined {
  if (header(facts, "list-unsubscribe")) return "bulk mail (List-Unsubscribe)";
  if (header(facts, "list-id")) return `mailing list (List-Id ${header(facts, "list-id").slice(0, 60)})`;
  const precedence = header(facts, "precedence").toLowerCase();
  if (precedence === "bulk" || precedence === "list" || precedence === "junk") return `Precedence: ${precedence}`;
  return undefined;
}

/** Text of a message body for downstream use (summary, language): plain, or HTML as text. Bounded. */
export function bodyText(facts: MailFacts): string {
  return messageText(facts);
}
