/**
 * The quote builder's server side (R2, R3, R8, R9): options for the form, a live preview, save (number, Quotes
 * row, Gmail draft reply) and "sent" (answers the inquiry). A salesperson quotes only for buyers they own or
 * cover as deputy; the checks run on the rows the job reads anyway, so no sheet is read twice.
 */
import * as z from "zod/mini";
import { authorize, type RpcContext } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { refusalsAsRpc } from "../../app/result";
import { BUYER_LANGS } from "../../domain/buyer-language";
import { toPlain } from "../../domain/money";
import { INCOTERMS, PAYMENT_TERMS } from "../../domain/quote";
import { parseTierPrices, TIERS, type Tier, tierForCountry } from "../../domain/tiers";
import { t } from "../../i18n";
import { loadTable } from "../../store/load-table";
import { Buyers, Products } from "../../store/schemas";
import { notFound } from "../desk";
import { LetterError } from "./letter-context";
import { productFacts, readQuoteSettings } from "./quote-pricing";
import { buildQuote, markQuoteSent, QuoteError, type QuoteInput, type Sender, saveQuote } from "./quotes";

const ID = (prefix: string) => z.string().check(z.trim(), z.regex(new RegExp(`^${prefix}-[0-9-]+$`), "error.field.id"));
const text = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

export const QuotePayload = z.object({
  buyerId: ID("B"),
  inquiryId: z.optional(ID("I")),
  items: z
    .array(z.object({ code: ID("P"), qty: z.int().check(z.positive(), z.lte(1_000_000_000)) }))
    .check(z.minLength(1), z.maxLength(100)),
  tier: z.optional(z.enum(TIERS)),
  currency: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z]{3}$/, "error.field.currency"))),
  incoterm: z.optional(z.enum(INCOTERMS)),
  port: text(100),
  destination: text(100),
  dischargePort: text(100),
  payment: z.optional(z.enum(PAYMENT_TERMS)),
  leadTime: text(100),
  validityDays: z.optional(z.int().check(z.gte(1), z.lte(365))),
  lang: z.optional(z.enum(BUYER_LANGS)),
});

const QuoteIdPayload = z.object({
  quoteId: z.string().check(z.trim(), z.regex(/^Q-\d{4}-\d{4,}$/, "error.field.id")),
});
const OptionsPayload = z.object({ buyerId: z.optional(ID("B")) });

export interface QuoteProductOption {
  code: string;
  name: string;
  model: string;
  moq: number | null;
  unit: string;
  currency: string;
  basePrice: string;
  /** The product's own tier prices as plain amounts; empty when its cell is bad (see `problem`). */
  tierPrices: Partial<Record<Tier, string>>;
  problem: string;
}

export interface QuoteOptions {
  tiers: readonly Tier[];
  incoterms: readonly string[];
  payments: readonly string[];
  defaults: { currency: string; incoterm: string; port: string; payment: string; validityDays: number };
  /** The languages the buyer's mail can be written in (the Templates sheet's). */
  languages: readonly string[];
  /** The tier the buyer's country gives (R3), when a buyer was named. */
  buyerTier: Tier | null;
  products: QuoteProductOption[];
  warnings: string[];
}

export function senderOf(ctx: RpcContext): Sender {
  return { email: ctx.user.toLowerCase(), name: ctx.me?.name || ctx.user };
}

const asRpc = <T>(fn: () => T): T => refusalsAsRpc([QuoteError, LetterError], fn);

function quoteOptions(ctx: RpcContext, buyerId: string | undefined): QuoteOptions {
  const tz = ctx.config.timeZone;
  const settings = readQuoteSettings(ctx.config);
  let buyerTier: Tier | null = null;
  if (buyerId) {
    const buyer = loadTable(ctx.book, Buyers, tz).byId.get(buyerId)?.record;
    if (!buyer) throw notFound(ctx, t(ctx.lang, "sb.buyer"), buyerId);
    buyerTier = tierForCountry(buyer.country, settings.policy);
  }
  const products = [...productFacts(loadTable(ctx.book, Products, tz)).values()].map((p) => {
    const parsed = parseTierPrices(p.tierPrices);
    const tierPrices: Partial<Record<Tier, string>> = {};
    if (parsed.ok) for (const [tier, d] of Object.entries(parsed.prices)) tierPrices[tier as Tier] = toPlain(d!);
    return {
      code: p.code,
      name: p.name,
      model: p.model,
      moq: p.moq,
      unit: p.unit,
      currency: p.currency || settings.currency,
      basePrice: p.basePrice,
      tierPrices,
      problem: parsed.ok ? "" : `Products row ${p.row}, Tier prices: ${parsed.problem}`,
    };
  });
  return {
    tiers: TIERS,
    incoterms: INCOTERMS,
    payments: PAYMENT_TERMS,
    defaults: {
      currency: settings.currency,
      incoterm: settings.incoterm,
      port: settings.port,
      payment: settings.payment,
      validityDays: settings.validityDays,
    },
    languages: BUYER_LANGS,
    buyerTier,
    products,
    warnings: settings.problems,
  };
}

export const QUOTE_HANDLERS = {
  quoteOptions: handler({
    input: OptionsPayload,
    action: "quote.create",
    write: false,
    run: (ctx, input) => quoteOptions(ctx, input.buyerId),
  }),
  quotePreview: handler({
    input: QuotePayload,
    action: "quote.create",
    write: false,
    run: (ctx, input) =>
      asRpc(() =>
        buildQuote(ctx.book, input as QuoteInput, senderOf(ctx), ctx.now, {
          onBuyer: (b) => authorize(ctx, "quote.create", b.owner),
          config: ctx.config,
          lang: ctx.lang,
          staff: ctx.staff,
        }),
      ),
  }),
  saveQuote: handler({
    input: QuotePayload,
    action: "quote.create",
    write: true,
    run: (ctx, input) =>
      asRpc(() =>
        saveQuote(ctx.book, input as QuoteInput, senderOf(ctx), ctx.now, {
          onBuyer: (b) => authorize(ctx, "quote.create", b.owner),
          config: ctx.config,
          lang: ctx.lang,
          staff: ctx.staff,
        }),
      ),
  }),
  quoteSent: handler({
    input: QuoteIdPayload,
    action: "quote.create",
    write: true,
    run: (ctx, input) =>
      asRpc(() =>
        markQuoteSent(ctx.book, input.quoteId, ctx.user, ctx.now, {
          onQuote: (q) => {
            // The person who made the quote may mark it sent; anyone else needs rights on the buyer.
            if (q.by.toLowerCase() === ctx.user.toLowerCase()) return;
            const owner = loadTable(ctx.book, Buyers, ctx.config.timeZone).byId.get(q.buyerId)?.record.owner ?? "";
            authorize(ctx, "quote.create", owner);
          },
        }),
      ),
  }),
} satisfies HandlerTable;
