/**
 * Outreach over RPC: campaigns (R11, R12, R15, R16, R24, R25), trips and shows (R14, R15), the
 * dashboard and product requests (R13, R17), bulk import (R21). The sidebar, menus and the local CLI call
 * these; sending, importing and refreshing are boss/assistant actions (domain/access).
 */
import * as z from "zod/mini";
import { Budget } from "../../app/budget";
import { type HandlerTable, handler } from "../../app/handler";
import { refusalsAsRpc } from "../../app/result";
import { CAMPAIGN_KINDS } from "../../domain/campaign";
import { productRequests } from "../../domain/stats";
import { loadOptionalTable } from "../../store/load-table";
import { FollowUps } from "../../store/schemas";
import {
  CampaignError,
  campaignStatus,
  cancelCampaign,
  createCampaign,
  previewCampaign,
  queueCampaign,
} from "./campaign";
import { sendQueuedCampaigns } from "./campaign-send";
import { refreshDashboard } from "./dashboard";
import { ImportError, importFromSheet, importRows } from "./import";
import { tripCampaign, tripList, writeVisitPlan } from "./trips";

const Text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const List = z.optional(z.array(Text(120)).check(z.maxLength(200)));
const CampaignId = z.string().check(z.trim(), z.regex(/^CM-\d+$/, "error.field.id"));
const Days = z.optional(z.int().check(z.gte(0), z.lte(3650)));

const Segment = z.strictObject({
  grades: z.optional(z.array(z.enum(["A", "B", "C", "D", ""]))),
  regions: List,
  countries: List,
  cities: List,
  sources: List,
  owners: List,
  products: List,
  notContactedForDays: Days,
  contactedWithinDays: Days,
  show: z.optional(Text(120)),
});

const CreatePayload = z.object({
  name: Text(120).check(z.minLength(1)),
  kind: z.enum(CAMPAIGN_KINDS),
  segment: Segment,
  language: z.optional(z.enum(["auto", "en", "zh-CN"])),
  text: z.optional(Text(20_000)),
  subjectEn: z.optional(Text(300)),
  bodyEn: z.optional(Text(20_000)),
  subjectZh: z.optional(Text(300)),
  bodyZh: z.optional(Text(20_000)),
  catalogueLink: z.optional(Text(500)),
  showName: z.optional(Text(120)),
  showCity: z.optional(Text(120)),
  showDates: z.optional(Text(120)),
  booth: z.optional(Text(60)),
  sender: z.optional(z.email()),
});

const TripPayload = z
  .object({ country: z.optional(Text(80)), city: z.optional(Text(80)), show: z.optional(Text(120)) })
  .check(z.refine((t) => !!(t.country || t.city || t.show), "error.trip.target"));

const TripPlanPayload = z.object({ target: TripPayload, dates: z.optional(Text(120)) });
const TripCampaignPayload = z.object({
  target: TripPayload,
  dates: Text(120),
  city: z.optional(Text(80)),
  booth: z.optional(Text(60)),
  name: z.optional(Text(120)),
  text: z.optional(Text(20_000)),
});

const ImportPayload = z.object({
  header: z.array(z.union([z.string(), z.number(), z.null()])).check(z.maxLength(200)),
  rows: z
    .array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).check(z.maxLength(200)))
    .check(z.maxLength(20_000)),
  show: z.optional(Text(120)),
  source: z.optional(Text(40)),
  dryRun: z.optional(z.boolean()),
});

export interface ProductRequestView {
  id: string;
  at: string | null;
  buyerId: string;
  by: string;
  summary: string;
  bossAnswer: string;
}

const asRpc = <T>(fn: () => T): T => refusalsAsRpc([CampaignError, ImportError], fn);

export const OUTREACH_HANDLERS = {
  campaignCreate: handler({
    input: CreatePayload,
    action: "campaign.send",
    write: true,
    run: (ctx, input) => asRpc(() => ({ campaignId: createCampaign(ctx.book, ctx.user, input, ctx.now).id })),
  }),
  campaignPreview: handler({
    input: z.object({ campaignId: CampaignId, show: z.optional(z.int().check(z.gte(0), z.lte(50))) }),
    action: "campaign.send",
    write: false,
    run: (ctx, input) => asRpc(() => previewCampaign(ctx.book, input.campaignId, ctx.now, input.show ?? 3, ctx.lang)),
  }),
  campaignQueue: handler({
    input: z.object({ campaignId: CampaignId }),
    action: "campaign.send",
    write: true,
    run: (ctx, input) => asRpc(() => queueCampaign(ctx.book, input.campaignId, ctx.now, ctx.lang)),
  }),
  campaignCancel: handler({
    input: z.object({ campaignId: CampaignId }),
    action: "campaign.send",
    write: true,
    run: (ctx, input) =>
      asRpc(() => {
        cancelCampaign(ctx.book, input.campaignId);
        return { campaignId: input.campaignId };
      }),
  }),
  campaignStatus: handler({
    input: z.object({ campaignId: z.optional(CampaignId) }),
    action: "desk.view",
    write: false,
    run: (ctx, input) => campaignStatus(ctx.book, input.campaignId),
  }),
  campaignSendNow: handler({
    input: z.object({}),
    action: "campaign.send",
    write: true,
    run: (ctx) => sendQueuedCampaigns({ book: ctx.book, user: ctx.user, now: ctx.now, budget: new Budget() }),
  }),
  tripList: handler({
    input: TripPayload,
    action: "buyer.view",
    write: false,
    run: (ctx, input) => tripList(ctx.book, input, ctx.now),
  }),
  tripPlan: handler({
    input: TripPlanPayload,
    action: "buyer.view",
    write: false,
    run: (ctx, input) => writeVisitPlan(ctx.book, input.target, ctx.now, input.dates ?? ""),
  }),
  tripCampaign: handler({
    input: TripCampaignPayload,
    action: "campaign.send",
    write: true,
    run: (ctx, input) =>
      asRpc(() => ({ campaignId: tripCampaign(ctx.book, ctx.user, input.target, input, ctx.now).id })),
  }),
  dashboardRefresh: handler({
    input: z.object({}),
    action: "report.write",
    write: true,
    run: (ctx) => {
      const r = refreshDashboard(ctx.book, ctx.now);
      return { rows: r.rows, charts: r.charts };
    },
  }),
  productRequests: handler({
    input: z.object({}),
    action: "report.write",
    write: false,
    run: (ctx): ProductRequestView[] =>
      productRequests(
        (loadOptionalTable(ctx.book, FollowUps, ctx.config.timeZone)?.rows ?? []).map((r) => r.record),
      ).map((f) => ({
        id: f.id,
        at: f.at ? f.at.toISOString() : null,
        buyerId: f.buyerId,
        by: f.by,
        summary: f.summary,
        bossAnswer: f.bossAnswer,
      })),
  }),
  importRows: handler({
    input: ImportPayload,
    action: "import.run",
    write: true,
    run: (ctx, input) =>
      asRpc(() =>
        importRows(ctx.book, ctx.user, input.header, input.rows, ctx.now, {
          show: input.show,
          source: input.source,
          dryRun: input.dryRun,
        }),
      ),
  }),
  importSheet: handler({
    input: z.object({ dryRun: z.optional(z.boolean()) }),
    action: "import.run",
    write: true,
    run: (ctx, input) => asRpc(() => importFromSheet(ctx.book, ctx.user, ctx.now, { dryRun: input.dryRun })),
  }),
} satisfies HandlerTable;
