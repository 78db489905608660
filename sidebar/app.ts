/**
 * What every sidebar panel shares: the state, the catalogue lookup, the status line, the busy guard and the
 * date formats (company zone). Panels re-render through `rerender()`, which main.ts wires to its `render`.
 */
import type { Bootstrap, BuyerView } from "../src/features/desk";
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

export function t(key: string, params: Record<string, string | number> = {}): string {
  const template = state.boot?.strings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function say(message: string, kind: "ok" | "error" = "ok"): void {
  status.className = `status ${kind}`;
  replace(status, message);
}

export function failed(e: unknown): void {
  const message = e instanceof RpcFailure ? e.message : t("sb.error", { message: String((e as Error)?.message ?? e) });
  say(message, "error");
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

export function day(iso: string | null): string {
  if (!iso) return "–";
  return new Date(iso).toLocaleDateString(lang(), {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: zone(),
  });
}

export function when(iso: string | null): string {
  if (!iso) return "–";
  return new Date(iso).toLocaleString(lang(), {
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone(),
  });
}

export function duration(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return `${Math.floor(m / 60)} h ${m % 60} min`;
  return `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h`;
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
