import type { GasContext } from "../core/context";
import { isKnownZone } from "../core/zones";

/**
 * ScriptApp: installable triggers. References:
 * - developers.google.com/apps-script/reference/script/script-app, .../clock-trigger-builder, .../trigger
 * - developers.google.com/apps-script/guides/triggers/installable ("an add-on can use a time-driven trigger
 *   once per hour at most"; triggers run as their creator; an account cannot see another's triggers)
 * - developers.google.com/workspace/add-ons/concepts/editor-triggers ("Each add-on can only have one trigger
 *   of each type, per user, per document")
 * - developers.google.com/apps-script/guides/services/quotas (20 triggers / user / script)
 * Enums are their member names at runtime, as Apps Script enums print.
 */
export const AuthMode = { NONE: "NONE", CUSTOM_FUNCTION: "CUSTOM_FUNCTION", LIMITED: "LIMITED", FULL: "FULL" } as const;
export const EventType = {
  CLOCK: "CLOCK",
  ON_OPEN: "ON_OPEN",
  ON_EDIT: "ON_EDIT",
  ON_FORM_SUBMIT: "ON_FORM_SUBMIT",
  ON_CHANGE: "ON_CHANGE",
  ON_EVENT_UPDATED: "ON_EVENT_UPDATED",
} as const;
export const TriggerSource = {
  SPREADSHEETS: "SPREADSHEETS",
  CLOCK: "CLOCK",
  FORMS: "FORMS",
  DOCUMENTS: "DOCUMENTS",
  CALENDAR: "CALENDAR",
} as const;
export const WeekDay = {
  SUNDAY: "SUNDAY",
  MONDAY: "MONDAY",
  TUESDAY: "TUESDAY",
  WEDNESDAY: "WEDNESDAY",
  THURSDAY: "THURSDAY",
  FRIDAY: "FRIDAY",
  SATURDAY: "SATURDAY",
} as const;
export const AuthorizationStatus = { REQUIRED: "REQUIRED", NOT_REQUIRED: "NOT_REQUIRED" } as const;
export const InstallationSource = {
  APPS_MARKETPLACE_DOMAIN_ADD_ON: "APPS_MARKETPLACE_DOMAIN_ADD_ON",
  NONE: "NONE",
  WEB_STORE_ADD_ON: "WEB_STORE_ADD_ON",
} as const;
const WEEKDAY_INDEX: Record<string, number> = {
  SUNDAY: 0,
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
};

/** Verified: quoted verbatim by many projects hitting the 20-trigger quota. */
export const TOO_MANY_TRIGGERS =
  "This script has too many triggers. Triggers must be deleted from the script before more can be added.";
export const MAX_TRIGGERS_PER_USER = 20;
export const EVERY_MINUTES_ALLOWED = [1, 5, 10, 15, 30];
/**
 * The next messages were NOT found verbatim in any public source; they state the documented rule. If you
 * see Apps Script's real text, replace them here (tests import these constants).
 */
export const INVALID_EVERY_MINUTES = "The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.";
export const ADDON_CLOCK_TOO_FREQUENT =
  "Add-ons may not create time-based triggers that run more often than once per hour.";
export const ADDON_ONE_TRIGGER_PER_TYPE =
  "This add-on already has a trigger of this type for this user and document. Each add-on can only have one trigger of each type, per user, per document.";
export const INCOMPLETE_CLOCK_TRIGGER =
  "The time-based trigger has no schedule: call everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay, onMonthDay, at, atDate or after before create().";

export type ClockSchedule =
  | { kind: "once"; at: number }
  | { kind: "minutes"; every: number }
  | { kind: "hours"; every: number; minute?: number }
  | { kind: "days"; every: number; hour?: number; minute?: number }
  | { kind: "weeks"; every: number; weekDay?: number; hour?: number; minute?: number }
  | { kind: "monthDay"; day: number; hour?: number; minute?: number }
  | { kind: "date"; year: number; month: number; day: number; hour?: number; minute?: number };

export interface TriggerRecord {
  uid: string;
  handler: string;
  /** The creator: the trigger runs as this user and only this user sees it. */
  owner: string;
  eventType: keyof typeof EventType;
  source: keyof typeof TriggerSource;
  /** Spreadsheet/document id for event triggers; the add-on's document for clock triggers (add-on mode). */
  sourceId: string;
  /** Document the trigger was created in (for the add-on one-per-type rule). */
  documentId: string | null;
  createdAt: number;
  clock?: ClockSchedule & { timeZone: string };
}

type TriggerApi = GoogleAppsScript.Script.Trigger;

export class Trigger
  implements
    Pick<TriggerApi, "getHandlerFunction" | "getUniqueId" | "getEventType" | "getTriggerSource" | "getTriggerSourceId">
{
  constructor(readonly record: TriggerRecord) {}

  getHandlerFunction(): string {
    return this.record.handler;
  }

  getUniqueId(): string {
    return this.record.uid;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    return this.record.eventType as unknown as GoogleAppsScript.Script.EventType;
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this.record.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }

  /** Null for clock triggers, as in Apps Script. */
  getTriggerSourceId(): string {
    return (this.record.source === "CLOCK" ? null : this.record.sourceId) as unknown as string;
  }
}

export interface ScriptAppOptions {
  /** Enforce the editor add-on restrictions (one trigger per type per user per document, hourly at most). */
  addon?: boolean;
  scriptId?: string;
  /** The open document (bound container or the document an add-on runs in). */
  documentId?: () => string | null | undefined;
}

type ScriptAppApi = GoogleAppsScript.Script.ScriptApp;

export class ScriptApp
  implements
    Pick<
      ScriptAppApi,
      | "AuthMode"
      | "EventType"
      | "TriggerSource"
      | "WeekDay"
      | "AuthorizationStatus"
      | "InstallationSource"
      | "newTrigger"
      | "getProjectTriggers"
      | "getUserTriggers"
      | "deleteTrigger"
      | "getScriptId"
      | "getOAuthToken"
    >
{
  readonly AuthMode = AuthMode as unknown as typeof GoogleAppsScript.Script.AuthMode;
  readonly EventType = EventType as unknown as typeof GoogleAppsScript.Script.EventType;
  readonly TriggerSource = TriggerSource as unknown as typeof GoogleAppsScript.Script.TriggerSource;
  readonly WeekDay = WeekDay as unknown as typeof GoogleAppsScript.Base.Weekday;
  readonly AuthorizationStatus = AuthorizationStatus as unknown as typeof GoogleAppsScript.Script.AuthorizationStatus;
  readonly InstallationSource = InstallationSource as unknown as typeof GoogleAppsScript.Script.InstallationSource;

  private readonly triggers: TriggerRecord[] = [];
  private uidCounter = 0;

  constructor(
    readonly ctx: GasContext,
    readonly options: ScriptAppOptions = {},
  ) {}

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    return new TriggerBuilder(this, String(functionName)) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }

  /** The current user's triggers in this project (others' triggers are invisible). */
  getProjectTriggers(): TriggerApi[] {
    this.ctx.call("Script.triggers", "ScriptApp.getProjectTriggers");
    return this.ownedBy(this.ctx.effectiveUser).map((r) => new Trigger(r) as unknown as TriggerApi);
  }

  getUserTriggers(container: { getId(): string }): TriggerApi[] {
    this.ctx.call("Script.triggers", "ScriptApp.getUserTriggers");
    const id = container.getId();
    return this.ownedBy(this.ctx.effectiveUser)
      .filter((r) => r.sourceId === id)
      .map((r) => new Trigger(r) as unknown as TriggerApi);
  }

  deleteTrigger(trigger: TriggerApi): void {
    this.ctx.call("Script.triggers", "ScriptApp.deleteTrigger");
    const uid = trigger.getUniqueId();
    const i = this.triggers.findIndex((r) => r.uid === uid && sameUser(r.owner, this.ctx.effectiveUser));
    if (i >= 0) this.triggers.splice(i, 1);
  }

  getScriptId(): string {
    this.ctx.call("Script.triggers", "ScriptApp.getScriptId");
    return this.options.scriptId ?? "emulated-script-id";
  }

  getOAuthToken(): string {
    this.ctx.call("Script.triggers", "ScriptApp.getOAuthToken");
    return oauthTokenOf(this.ctx.effectiveUser);
  }

  // ---- emulator-side API (not Apps Script) ----

  /** Every trigger of every user, for the scheduler and for inspection. */
  allTriggers(): readonly TriggerRecord[] {
    return this.triggers;
  }

  /** Remove a trigger without metering (the scheduler drops fired one-shot triggers this way). */
  removeRecord(uid: string): void {
    const i = this.triggers.findIndex((r) => r.uid === uid);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  /** Apply Apps Script's creation rules, then store. */
  install(record: Omit<TriggerRecord, "uid" | "owner" | "createdAt" | "documentId">): TriggerApi {
    this.ctx.call("Script.triggers", "TriggerBuilder.create");
    const owner = this.ctx.effectiveUser;
    const mine = this.ownedBy(owner);
    if (mine.length >= MAX_TRIGGERS_PER_USER) throw new Error(TOO_MANY_TRIGGERS);
    const documentId = this.options.documentId?.() ?? null;
    if (this.options.addon) {
      const clock = record.clock;
      if (clock && (clock.kind === "minutes" || (clock.kind === "hours" && clock.every < 1))) {
        throw new Error(ADDON_CLOCK_TOO_FREQUENT);
      }
      const doc = record.source === "CLOCK" ? documentId : record.sourceId;
      const clash = mine.some(
        (r) => r.eventType === record.eventType && (r.source === "CLOCK" ? r.documentId : r.sourceId) === doc,
      );
      if (clash) throw new Error(ADDON_ONE_TRIGGER_PER_TYPE);
    }
    this.uidCounter += 1;
    const full: TriggerRecord = {
      ...record,
      uid: String(4000000000000000000n + BigInt(this.uidCounter) * 7919n),
      owner,
      createdAt: this.ctx.clock.nowMs(),
      documentId,
    };
    this.triggers.push(full);
    return new Trigger(full) as unknown as TriggerApi;
  }

  private ownedBy(user: string): TriggerRecord[] {
    return this.triggers.filter((r) => sameUser(r.owner, user));
  }
}

function sameUser(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

class TriggerBuilder {
  constructor(
    private readonly app: ScriptApp,
    private readonly handler: string,
  ) {}

  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this.app, this.handler);
  }

  forSpreadsheet(sheet: string | { getId(): string }): SpreadsheetTriggerBuilder {
    return new SpreadsheetTriggerBuilder(
      this.app,
      this.handler,
      "SPREADSHEETS",
      typeof sheet === "string" ? sheet : sheet.getId(),
    );
  }

  forDocument(doc: string | { getId(): string }): SpreadsheetTriggerBuilder {
    return new SpreadsheetTriggerBuilder(
      this.app,
      this.handler,
      "DOCUMENTS",
      typeof doc === "string" ? doc : doc.getId(),
    );
  }

  forForm(form: string | { getId(): string }): SpreadsheetTriggerBuilder {
    return new SpreadsheetTriggerBuilder(
      this.app,
      this.handler,
      "FORMS",
      typeof form === "string" ? form : form.getId(),
    );
  }
}

/** Spreadsheet/Document/Form event triggers (onOpen, onEdit, onChange, onFormSubmit). */
class SpreadsheetTriggerBuilder {
  private eventType: keyof typeof EventType | null = null;

  constructor(
    private readonly app: ScriptApp,
    private readonly handler: string,
    private readonly source: "SPREADSHEETS" | "DOCUMENTS" | "FORMS",
    private readonly sourceId: string,
  ) {}

  onOpen(): this {
    this.eventType = "ON_OPEN";
    return this;
  }

  onEdit(): this {
    this.eventType = "ON_EDIT";
    return this;
  }

  onChange(): this {
    this.eventType = "ON_CHANGE";
    return this;
  }

  onFormSubmit(): this {
    this.eventType = "ON_FORM_SUBMIT";
    return this;
  }

  create(): TriggerApi {
    if (!this.eventType)
      throw new Error("The trigger has no event type: call onOpen, onEdit, onChange or onFormSubmit before create().");
    return this.app.install({
      handler: this.handler,
      eventType: this.eventType,
      source: this.source,
      sourceId: this.sourceId,
    });
  }
}

class ClockTriggerBuilder {
  private every?: { unit: "minutes" | "hours" | "days" | "weeks"; n: number };
  private onceAt?: number;
  private date?: { year: number; month: number; day: number };
  private hour?: number;
  private minute?: number;
  private weekDay?: number;
  private monthDay?: number;
  private timeZone?: string;

  constructor(
    private readonly app: ScriptApp,
    private readonly handler: string,
  ) {}

  everyMinutes(n: number): this {
    if (!EVERY_MINUTES_ALLOWED.includes(Number(n))) throw new Error(INVALID_EVERY_MINUTES);
    this.every = { unit: "minutes", n: Number(n) };
    return this;
  }

  everyHours(n: number): this {
    this.every = { unit: "hours", n: positiveInt(n, "n") };
    return this;
  }

  everyDays(n: number): this {
    this.every = { unit: "days", n: positiveInt(n, "n") };
    return this;
  }

  everyWeeks(n: number): this {
    this.every = { unit: "weeks", n: positiveInt(n, "n") };
    return this;
  }

  atHour(hour: number): this {
    this.hour = rangeInt(hour, 0, 23, "hour");
    return this;
  }

  nearMinute(minute: number): this {
    this.minute = rangeInt(minute, 0, 59, "minute");
    return this;
  }

  onWeekDay(day: GoogleAppsScript.Base.Weekday): this {
    const index = WEEKDAY_INDEX[String(day)];
    if (index === undefined) throw new Error("Invalid argument: day");
    this.weekDay = index;
    return this;
  }

  onMonthDay(day: number): this {
    this.monthDay = rangeInt(day, 1, 31, "day");
    return this;
  }

  at(date: Date): this {
    const ms = new Date(date).getTime();
    if (Number.isNaN(ms)) throw new Error("Invalid argument: date");
    this.onceAt = ms;
    return this;
  }

  atDate(year: number, month: number, day: number): this {
    this.date = { year: Number(year), month: rangeInt(month, 1, 12, "month"), day: rangeInt(day, 1, 31, "day") };
    return this;
  }

  after(durationMilliseconds: number): this {
    this.onceAt = this.app.ctx.clock.nowMs() + Math.max(0, Number(durationMilliseconds));
    return this;
  }

  inTimezone(timezone: string): this {
    if (!isKnownZone(timezone)) throw new Error("Invalid argument: timezone");
    this.timeZone = timezone;
    return this;
  }

  create(): TriggerApi {
    const timeZone = this.timeZone ?? this.app.ctx.timeZone;
    return this.app.install({
      handler: this.handler,
      eventType: "CLOCK",
      source: "CLOCK",
      sourceId: "",
      clock: { ...this.schedule(), timeZone },
    });
  }

  private schedule(): ClockSchedule {
    const at = { hour: this.hour, minute: this.minute };
    if (this.onceAt !== undefined) return { kind: "once", at: this.onceAt };
    if (this.date) return { kind: "date", ...this.date, ...at };
    if (this.monthDay !== undefined) return { kind: "monthDay", day: this.monthDay, ...at };
    if (this.weekDay !== undefined || this.every?.unit === "weeks") {
      return { kind: "weeks", every: this.every?.unit === "weeks" ? this.every.n : 1, weekDay: this.weekDay, ...at };
    }
    if (this.every?.unit === "days" || (this.every === undefined && this.hour !== undefined)) {
      return { kind: "days", every: this.every?.n ?? 1, ...at };
    }
    if (this.every?.unit === "hours") return { kind: "hours", every: this.every.n, minute: this.minute };
    if (this.every?.unit === "minutes") return { kind: "minutes", every: this.every.n };
    throw new Error(INCOMPLETE_CLOCK_TRIGGER);
  }
}

function positiveInt(n: number, name: string): number {
  const v = Number(n);
  if (!Number.isInteger(v) || v < 1) throw new Error(`Invalid argument: ${name}`);
  return v;
}

function rangeInt(n: number, min: number, max: number, name: string): number {
  const v = Number(n);
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`Invalid argument: ${name}`);
  return v;
}

/** The access token ScriptApp.getOAuthToken() gives `user` (what UrlFetchApp's Google hosts accept). */
export function oauthTokenOf(user: string): string {
  return `ya29.emulated.${Buffer.from(user).toString("base64url")}`;
}
