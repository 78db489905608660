import { writeFileSync } from "node:fs";
import path from "node:path";
import { docToDocx, docToHtml } from "@buyerbook/gas-emulator";
import type { LocalSession } from "../../runtime/session";
import { type Command, option, type ParsedArgs, UsageError } from "../command";
import { fromJson } from "./core";

type Rpc<T> = { ok: true; data: T } | { ok: false; code: string; error: string };

/** Calls one RPC through the add-on's single `rpc` entry point, as the sidebar would (roles checked). */
function call<T>(session: LocalSession, method: string, payload: unknown): T {
  const result = fromJson(session.run("rpc", [method, JSON.stringify(payload)])) as Rpc<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error}`);
  return result.data;
}

const list = (args: ParsedArgs, name: string) =>
  option(args, name)
    ?.split(",")
    .map((s) => s.trim());

function segmentFrom(args: ParsedArgs): Record<string, unknown> {
  const segment: Record<string, unknown> = {};
  const grades = list(args, "grade");
  if (grades) segment.grades = grades.map((g) => (g.toLowerCase() === "none" ? "" : g.toUpperCase()));
  for (const [flag, key] of [
    ["region", "regions"],
    ["country", "countries"],
    ["city", "cities"],
    ["source", "sources"],
    ["owner", "owners"],
    ["product", "products"],
  ] as const) {
    const v = list(args, flag);
    if (v) segment[key] = v;
  }
  const quiet = option(args, "not-contacted-days");
  if (quiet) segment.notContactedForDays = Number(quiet);
  const recent = option(args, "contacted-within-days");
  if (recent) segment.contactedWithinDays = Number(recent);
  const show = option(args, "show");
  if (show) segment.show = show;
  return segment;
}

function tripTarget(args: ParsedArgs) {
  const target = { country: option(args, "country"), city: option(args, "city"), show: option(args, "show") };
  if (!target.country && !target.city && !target.show) throw new UsageError("trip needs --country, --city or --show");
  return target;
}

interface Preview {
  campaignId: string;
  audience: string;
  count: number;
  suppressed: Record<string, number>;
  byLanguage: Record<string, number>;
  messages: { email: string; language: string; subject: string; body: string }[];
  unknownFields: string[];
  emptyFields: string[];
}

function previewText(p: Preview): string {
  const suppressed =
    Object.entries(p.suppressed)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ") || "none";
  return [
    `${p.campaignId}: ${p.count} recipients (${p.audience}); en ${p.byLanguage.en ?? 0}, zh-CN ${p.byLanguage["zh-CN"] ?? 0}; not mailed: ${suppressed}`,
    ...(p.unknownFields.length > 0
      ? [`  UNKNOWN merge fields: ${p.unknownFields.join(", ")} (fix before queueing)`]
      : []),
    ...(p.emptyFields.length > 0 ? [`  empty for some buyers: ${p.emptyFields.join(", ")}`] : []),
    ...p.messages.flatMap((m) => ["", `--- to ${m.email} [${m.language}]`, `Subject: ${m.subject}`, m.body]),
  ].join("\n");
}

const USAGE = [
  "campaign create --kind news|products|holiday|greeting|show|meeting --name NAME [filters] [--text T] [--catalogue URL] [--show-name S --booth B --dates D --show-city C] [--language auto|en|zh-CN] [--sender EMAIL]",
  "campaign preview ID [--count N] | queue ID | send | status [ID] | cancel ID",
  "campaign trip (--country X | --city Y | --show Z) [--dates D] [--out plan.docx|plan.html] [--invite]",
  "filters: --grade A,B,none --region R --country C --city C --source S --owner EMAIL --product P --not-contacted-days N --contacted-within-days N --show S",
].join("\n      ");

export const campaign: Command = {
  name: "campaign",
  usage: "campaign create|preview|queue|send|status|cancel|trip …",
  describe: `Campaigns within the daily quota (R11, R12, R15, R16, R24, R25) and trip/show visit plans (R14)\n      ${USAGE}`,
  async run(session, args) {
    const [sub, id] = args.positional;
    switch (sub) {
      case "create": {
        const kind = option(args, "kind");
        const name = option(args, "name");
        if (!kind || !name) throw new UsageError("campaign create needs --kind and --name");
        const payload = {
          name,
          kind,
          segment: segmentFrom(args),
          language: option(args, "language"),
          text: option(args, "text"),
          catalogueLink: option(args, "catalogue"),
          showName: option(args, "show-name"),
          showCity: option(args, "show-city"),
          showDates: option(args, "dates"),
          booth: option(args, "booth"),
          sender: option(args, "sender"),
        };
        const { campaignId } = call<{ campaignId: string }>(session, "campaignCreate", payload);
        const preview = call<Preview>(session, "campaignPreview", { campaignId });
        return { json: { campaignId, preview }, text: `Created ${campaignId} (draft).\n${previewText(preview)}` };
      }
      case "preview": {
        if (!id) throw new UsageError("campaign preview needs a campaign ID");
        const count = Number(option(args, "count") ?? 3);
        const preview = call<Preview>(session, "campaignPreview", { campaignId: id, show: count });
        return { json: preview, text: previewText(preview) };
      }
      case "queue": {
        if (!id) throw new UsageError("campaign queue needs a campaign ID");
        const r = call<{ queued: number; alreadyQueued: number; suppressed: number }>(session, "campaignQueue", {
          campaignId: id,
        });
        return {
          json: r,
          text: `${id}: queued ${r.queued} (already queued ${r.alreadyQueued}, not mailed ${r.suppressed}). They go out on the heartbeat or with "campaign send", within the daily quota.`,
        };
      }
      case "send": {
        const r = call<{
          sent: number;
          failed: number;
          skipped: number;
          stillQueued: number;
          quotaAtStart: number;
          stoppedBy?: string;
          reconciled?: { sent: number; requeued: number; followUpsRestored: number };
          problems: string[];
        }>(session, "campaignSendNow", {});
        return {
          json: r,
          text: [
            ...(r.reconciled
              ? [`Settled an interrupted batch: ${r.reconciled.sent} were sent, ${r.reconciled.requeued} stay queued.`]
              : []),
            `Sent ${r.sent} (quota at start ${r.quotaAtStart}), failed ${r.failed}, skipped ${r.skipped}; still queued ${r.stillQueued}${r.stoppedBy ? ` (stopped: ${r.stoppedBy})` : ""}.`,
            ...r.problems.map((p) => `  problem: ${p}`),
          ].join("\n"),
        };
      }
      case "status": {
        const rows = call<
          {
            id: string;
            name: string;
            kind: string;
            status: string;
            sender: string;
            queued: number;
            sent: number;
            failed: number;
            skipped: number;
          }[]
        >(session, "campaignStatus", id ? { campaignId: id } : {});
        const text =
          rows.length === 0
            ? "No campaigns."
            : rows
                .map(
                  (c) =>
                    `${c.id} ${c.status.padEnd(9)} ${c.kind.padEnd(9)} queued ${c.queued}, sent ${c.sent}, failed ${c.failed}, skipped ${c.skipped} — ${c.name} (from ${c.sender})`,
                )
                .join("\n");
        return { json: rows, text };
      }
      case "cancel": {
        if (!id) throw new UsageError("campaign cancel needs a campaign ID");
        call(session, "campaignCancel", { campaignId: id });
        return { json: { campaignId: id }, text: `${id} cancelled; nothing more goes out.` };
      }
      case "trip": {
        const target = tripTarget(args);
        const dates = option(args, "dates") ?? "";
        const entries = call<
          { buyerId: string; company: string; grade: string; ownerName: string; lastContact: string; history: string }[]
        >(session, "tripList", target);
        const lines = entries.map(
          (e) =>
            `${e.buyerId} ${(e.grade || "-").padEnd(2)} ${e.company} · ${e.ownerName} · last ${e.lastContact || "-"} · ${e.history}`,
        );
        const json: Record<string, unknown> = { entries };
        const out = option(args, "out");
        if (out) {
          const plan = call<{ docId: string; title: string; buyers: number }>(session, "tripPlan", { target, dates });
          const doc = session.env.DocumentApp.openById(plan.docId);
          const file = path.resolve(out);
          writeFileSync(file, file.endsWith(".html") ? docToHtml(doc) : await docToDocx(doc));
          lines.push(`Visit plan written to ${file} (${plan.buyers} buyers).`);
          json.plan = { ...plan, file };
        }
        if (args.options.invite) {
          if (!dates) throw new UsageError("--invite needs --dates");
          const { campaignId } = call<{ campaignId: string }>(session, "tripCampaign", {
            target,
            dates,
            city: option(args, "show-city"),
            booth: option(args, "booth"),
          });
          lines.push(
            `Draft meeting campaign ${campaignId}: check it with "campaign preview ${campaignId}", then queue it.`,
          );
          json.campaignId = campaignId;
        }
        return {
          json,
          text: [
            `${entries.length} buyers at ${[target.show, target.city, target.country].filter(Boolean).join(", ")}:`,
            ...lines,
          ].join("\n"),
        };
      }
      default:
        throw new UsageError(`unknown campaign action ${sub ?? "(none)"}\n      ${USAGE}`);
    }
  },
};

export const CAMPAIGN_COMMANDS = [campaign];
