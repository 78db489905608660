import { parseItemList } from "../../../src/domain/quote";
import { type Command, option, type ParsedArgs, requireOption, UsageError } from "../command";
import { fromJson } from "./core";

/** Calls the add-on's single rpc entry point as the session user, as the sidebar would, and unwraps its result. */
function rpc<T>(session: Parameters<Command["run"]>[0], method: string, payload: unknown): T {
  const result = fromJson(session.run("rpc", [method, JSON.stringify(payload)])) as
    | { ok: true; data: T }
    | { ok: false; code: string; error: string };
  if (!result.ok) throw new Error(`${method} refused (${result.code}): ${result.error}`);
  return result.data;
}

function optionalNumber(args: ParsedArgs, name: string): number | undefined {
  const v = option(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number`);
  return n;
}

interface SavedQuoteView {
  quoteId?: string;
  number: string;
  text: string;
  tier: string;
  totalText: string;
  draftId?: string;
  moqWarnings: { message: string }[];
  warnings: string[];
}

export const quote: Command = {
  name: "quote",
  usage:
    "quote --buyer B-… --items P-0001:500,P-0002:200 [--inquiry I-…] [--incoterm FOB] [--port P] [--payment T/T] [--tier T] [--currency USD] [--lang en] [--preview] [--json]",
  describe: "Build and save a plain-text quote (Q-yyyy-nnnn) with a Gmail draft; --preview saves nothing",
  async run(session, args) {
    let items: ReturnType<typeof parseItemList>;
    try {
      items = parseItemList(requireOption(args, "items"));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const payload = {
      buyerId: requireOption(args, "buyer"),
      inquiryId: option(args, "inquiry"),
      items,
      incoterm: option(args, "incoterm")?.toUpperCase(),
      port: option(args, "port"),
      payment: option(args, "payment")?.toUpperCase(),
      tier: option(args, "tier"),
      currency: option(args, "currency"),
      leadTime: option(args, "lead-time"),
      validityDays: optionalNumber(args, "validity"),
      lang: option(args, "lang"),
    };
    const preview = args.options.preview === true;
    const q = rpc<SavedQuoteView>(session, preview ? "quotePreview" : "saveQuote", payload);
    const number = q.quoteId ?? q.number;
    const notes = [...q.moqWarnings.map((w) => w.message), ...q.warnings];
    return {
      json: {
        number,
        saved: !preview,
        tier: q.tier,
        total: q.totalText,
        draftId: q.draftId ?? null,
        text: q.text,
        warnings: notes,
      },
      text: [
        `${preview ? "Preview of" : "Saved"} quote ${number} (${q.tier}, ${q.totalText})${q.draftId ? `; Gmail draft ${q.draftId}` : ""}`,
        ...notes.map((n) => `  ! ${n}`),
        "",
        q.text,
      ].join("\n"),
    };
  },
};

export const quoteSent: Command = {
  name: "quote-sent",
  usage: "quote-sent Q-yyyy-nnnn [--json]",
  describe: "Mark a quote sent; its inquiry counts as answered (R8)",
  async run(session, args) {
    const quoteId = args.positional[0] ?? requireOption(args, "quote");
    const r = rpc<{ quoteId: string; inquiryId: string; inquiryAnswered: boolean }>(session, "quoteSent", { quoteId });
    return {
      json: r,
      text: `Quote ${r.quoteId} sent${r.inquiryAnswered ? `; inquiry ${r.inquiryId} answered` : ""}.`,
    };
  },
};

export const productAdd: Command = {
  name: "product-add",
  usage:
    'product-add --name N [--model M] [--moq 500] [--unit pcs] [--currency USD] [--price 12.50] [--tiers "price-sensitive: 11.80; value-added: 13.90"] [--lead-time "25 days"] [--json]',
  describe: "Register a product in the library (P-0001…; boss or assistant, R4, R36)",
  async run(session, args) {
    const product = rpc<{ code: string; name: string }>(session, "registerProduct", {
      name: requireOption(args, "name"),
      model: option(args, "model"),
      spec: option(args, "spec"),
      moq: optionalNumber(args, "moq"),
      unit: option(args, "unit"),
      currency: option(args, "currency"),
      basePrice: option(args, "price"),
      tierPrices: option(args, "tiers"),
      leadTime: option(args, "lead-time"),
      catalogueLink: option(args, "catalogue"),
    });
    return { json: product, text: `Registered ${product.code} ${product.name}.` };
  },
};

export const QUOTE_COMMANDS = [quote, quoteSent, productAdd];
