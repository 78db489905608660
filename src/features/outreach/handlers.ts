/**
 * Outreach over RPC (issue 8): campaigns (R11, R12, R15, R16, R24, R25), trips and shows (R14, R15), the
 * dashboard and product requests (R13, R17), bulk import (R21). The sidebar, menus and the local CLI call
 * these; sending, importing and refreshing are boss/assistant actions (domain/access).
 */
import { z } from "zod";
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

const Text = (max: number) => z.string().trim().max(max);
const List = z.array(Text(120)).max(200).optional();
const CampaignId = z
  .string()
  .trim()
  .regex(/^CM-\d+$/, "not a campaign ID");

const Segment = z
  .object({
    grades: z.array(z.enum(["A", "B", "C", "D", ""])).optional(),
    regions: List,
    countries: List,
    cities: List,
    sources: List,
    owners: List,
    products: List,
    notContactedForDays: z.number().int().min(0).max(3650).optional(),
    contactedWithinDays: z.number().int().min(0).max(3650).optional(),
    show: Text(120).optional(),
  })
  .strict();

const CreatePayload = z.object({
  name: Text(120).min(1),
  kind: z.enum(CAMPAIGN_KINDS),
  segment: Segment,
  language: z.enum(["auto", "en", "zh-CN"]).optional(),
  text: Text(20_000).optional(),
  subjectEn: Text(300).optional(),
  bodyEn: Text(20_000).optional(),
  subjectZh: Text(300).optional(),
  bodyZh: Text(20_000).optional(),
  catalogueLink: Text(500).optional(),
  showName: Text(120).optional(),
  showCity: Text(120).optional(),
  showDates: Text(120).optional(),
  booth: Text(60).optional(),
  sender: z.email().optional(),
});

const TripPayload = z
  .object({ country: Text(80).optional(), city: Text(80).optional(), show: Text(120).optional() })
  .refine((t) => !!(t.country || t.city || t.show), "pick a country, a city or a show");

const TripPlanPayload = z.object({ target: TripPayload, dates: Text(120).optional() });
const TripCampaignPayload = z.object({
  target: TripPayload,
  dates: Text(120),
  city: Text(80).optional(),
  booth: Text(60).optional(),
  name: Text(120).optional(),
  text: Text(20_000).optional(),
});

const ImportPayload = z.object({
  header: z.array(z.union([z.string(), z.number(), z.null()])).max(200),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).max(200)).max(20_000),
  show: Text(120).optional(),
  source: Text(40).optional(),
  dryRun: z.boolean().optional(),
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
    input: z.object({ campaignId: CampaignId, show: z.number().int().min(0).max(50).optional() }),
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
    input: z.object({ campaignId: CampaignId.optional() }),
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
    input: z.object({ dryRun: z.boolean().optional() }),
    action: "import.run",
    write: true,
    run: (ctx, input) => asRpc(() => importFromSheet(ctx.book, ctx.user, ctx.now, { dryRun: input.dryRun })),
  }),
} satisfies HandlerTable;
