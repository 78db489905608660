/**
 * What every sidebar panel shares: the state, the catalogue lookup, the status line, the busy guard and the
 * date formats (company zone). Panels re-render through `rerender()`, which main.ts wires to its `render`.
 */
import type { Bootstrap, BuyerView } from "../src/features/desk";
import { formatMessage } from "../src/i18n/format";
import { h, replace } from "./dom";
import { RpcFailure } from "./rpc";

export type Tab = "desk" | "buyer" | "find" | "team";

export const state: { boot?: Bootstrap; tab: Tab; buyer: BuyerView | null; busy: boolean } = {
  tab: "desk",
  buyer: null,
  busy: false,
};

export const root = document.getElementById("app") as HTMLElement;
export const status = h("div", { className: "status", role: "status", testId: "status" });

/** A catalogue message in the person's language, parameters and plural forms filled (src/i18n/format). */
/** The buyer's sheet row as the card on screen last read it (a hint the server checks), if that buyer is shown. */
export function shownRow(buyerId: string): number | undefined {
  return state.buyer?.buyer.id === buyerId ? state.buyer.buyer.row : undefined;
}

export function t(key: string, params: Record<string, string | number> = {}): string {
  return formatMessage(lang(), state.boot?.strings[key] ?? key, params);
}

export function say(message: string, kind: "ok" | "error" = "ok"): void {
  status.className = `status ${kind}`;
  status.title = "";
  replace(status, message);
}

/**
 * A failed call, said in the person's language. Refusals come worded by the server; a crash's own text (often
 * English, from Google) goes to the status line's tooltip and the console, not into the sentence.
 */
export function failed(e: unknown): void {
  const refusal = e instanceof RpcFailure && e.code !== "failed";
  const detail = String((e as Error)?.message ?? e);
  say(refusal ? detail : t("sb.error"), "error");
  status.title = refusal ? "" : detail;
  if (!refusal) console.error(detail);
}

/** Runs one server call with the buttons disabled meanwhile (no double grades from a double click). */
export async function busy<T>(work: () => Promise<T>): Promise<T | undefined> {
  if (state.busy) return undefined;
  state.busy = true;
  root.classList.add("busy");
  try {
    return await work();
  } catch (e) {
    failed(e);
    return undefined;
  } finally {
    state.busy = false;
    root.classList.remove("busy");
  }
}

export function lang(): string {
  return state.boot?.me.lang ?? "en";
}

/** Dates in the company's zone: a due day is a day in Ningbo, not in the laptop's zone. */
export function zone(): string | undefined {
  return state.boot?.timeZone || undefined;
}

/** One date format per language (Intl, in the company zone): "23 Nov 2026" / "2026年11月23日". */
export function day(iso: string | null): string {
  if (!iso) return "–";
  return new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeZone: zone() }).format(new Date(iso));
}

/** A moment: the day as `day` writes it, and the time. */
export function when(iso: string | null): string {
  if (!iso) return "–";
  return new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeStyle: "short", timeZone: zone() }).format(
    new Date(iso),
  );
}

/** A span of time in the person's language: "45 min", "3 h 20 min", "13 d 14 h" / "13 天 14 小时". */
export function duration(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return t("sb.unit.min", { m });
  if (m < 48 * 60) return t("sb.unit.hm", { h: Math.floor(m / 60), m: m % 60 });
  return t("sb.unit.dh", { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

/** A colleague's name from the team list (people read names), else the address. */
export function person(email: string): string {
  const e = email.trim().toLowerCase();
  if (e === "") return "";
  return state.boot?.team.find((m) => m.email === e)?.name || email;
}

/** A stored value shown in the person's language ("alibaba", "trade-show"…): its catalogue entry, else itself. */
export function nameOf(prefix: string, value: string): string {
  if (value === "") return "";
  const key = `${prefix}.${value}`;
  return state.boot?.strings[key] !== undefined ? t(key) : value;
}

export function gradeBadge(grade: string): HTMLElement {
  return h("span", { className: `grade grade-${grade || "none"}` }, grade || t("sb.ungradedLabel"));
}

let renderer: () => void = () => {};

/** main.ts registers its render function; panels call rerender after their state changed. */
export function onRender(fn: () => void): void {
  renderer = fn;
}

export function rerender(): void {
  renderer();
}

/** A labelled form control. */
export function labelled(text: string, control: HTMLElement): HTMLElement {
  return h("label", { className: "control" }, h("span", {}, text), control);
}

/** A checkbox with its text after it. */
export function checked(control: HTMLElement, text: string): HTMLElement {
  return h("label", { className: "check" }, control, h("span", {}, text));
}

/** A select of `options` ([value, label]) with `value` chosen. */
export function select(
  name: string,
  options: [string, string][],
  value: string,
  testId: string,
  onChange?: (value: string) => void,
): HTMLSelectElement {
  const el = h(
    "select",
    { name, testId, onChange: onChange ? (e) => onChange((e.target as HTMLSelectElement).value) : undefined },
    options.map(([v, label]) => h("option", { value: v }, label)),
  );
  el.value = value;
  return el;
}

/** A yyyy-mm-dd day for a date input, in the company zone. */
export function dayKey(iso: string | null): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: zone(),
  }).format(new Date(iso));
}
