import { type Command, option, requireOption, UsageError } from "../command";
import { fromJson } from "./core";

interface RpcOutcome<T> {
  ok: boolean;
  data?: T;
  code?: string;
  error?: string;
}

function outcome<T>(raw: unknown): T {
  const r = fromJson(raw) as RpcOutcome<T>;
  if (!r.ok) throw new Error(`${r.error} (${r.code})`);
  return r.data as T;
}

const ROLES = ["boss", "assistant", "salesperson", "viewer"];

export const onboard: Command = {
  name: "onboard",
  usage:
    "onboard --email E --name N --role R [--lang zh-CN|en] [--regions A,B] [--products A,B] [--deputy E] [--as EMAIL]",
  describe: "Onboard a colleague (R29, R30): Staff row, sharing, protections, welcome mail; idempotent",
  async run(session, args) {
    const role = requireOption(args, "role");
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
    const payload = {
      email: requireOption(args, "email"),
      name: requireOption(args, "name"),
      role,
      language: option(args, "lang") ?? "zh-CN",
      regions: option(args, "regions"),
      products: option(args, "products"),
      deputy: option(args, "deputy"),
    };
    const result = outcome<{ staff: string; sharing: string; welcome: string; changed: string[]; email: string }>(
      session.run("staffOnboard", [JSON.stringify(payload)]),
    );
    const text =
      result.staff === "unchanged" && result.sharing === "unchanged" && result.welcome !== "sent"
        ? `${result.email} is already onboarded; nothing changed.`
        : `Onboarded ${result.email}: staff row ${result.staff}${result.changed.length > 0 ? ` (${result.changed.join(", ")})` : ""}, sharing ${result.sharing}, welcome mail ${result.welcome}.`;
    return { json: result, text };
  },
};

export const offboard: Command = {
  name: "offboard",
  usage: "offboard --email E [--to E] [--as EMAIL]",
  describe: "Offboard a colleague (R29): freeze, remove access, hand on buyers and open work, tell receivers",
  async run(session, args) {
    const payload = { email: requireOption(args, "email"), to: option(args, "to") };
    const r = outcome<{
      email: string;
      left: string;
      buyers: number;
      inquiries: number;
      quotes: number;
      samples: number;
      dueFollowUps: number;
      receivers: { email: string; buyers: number; mail: string }[];
      deputyOf: string[];
      problems: string[];
    }>(session.run("staffOffboard", [JSON.stringify(payload)]));
    const lines = [
      `Offboarded ${r.email} (frozen since ${r.left}); ${r.buyers} buyers handed on:`,
      ...r.receivers.map((x) => `  ${x.email}: ${x.buyers} (mail ${x.mail})`),
      `  open inquiries ${r.inquiries}, quotes ${r.quotes}, samples ${r.samples}, due follow-ups ${r.dueFollowUps}`,
      ...(r.deputyOf.length > 0 ? [`  still named as deputy by: ${r.deputyOf.join(", ")}`] : []),
      ...r.problems.map((p) => `  problem: ${p}`),
    ];
    return { json: r, text: lines.join("\n") };
  },
};

export const STAFF_COMMANDS = [onboard, offboard];
