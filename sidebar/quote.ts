/**
 * The quote builder in the Buyer tab (R2, R3, R8, R9, R30, R31): products and quantities from the product
 * library, the tier from the buyer's country (a person may override it), terms with the destination the
 * Freight sheet prices, the buyer's language, a plain-text preview with what to check (MOQ, a tier that did
 * not move the price, another open quote to the same company, company facts, old rates), "Save as Gmail
 * draft" (a Q- number and a draft to the buyer in the inquiry's thread) and the buyer's quotes with "Mark
 * sent" (answers the inquiry, R8). Above it, the letters: the first answer and the grade's follow-up.
 */

import type { BuyerView } from "../src/features/desk";
import type { DraftedLetter, LetterKind, QuoteOptions, QuotePreview, SavedQuote } from "../src/features/quotes";
import { busy, labelled, rerender, say, select, shownRow, state, t } from "./app";
import { append, h } from "./dom";
import { call } from "./rpc";

type Tier = QuoteOptions["tiers"][number];

interface QuoteDraft {
  items: { code: string; qty: string }[];
  tier: Tier | "";
  currency: string;
  incoterm: string;
  port: string;
  destination: string;
  dischargePort: string;
  payment: string;
  leadTime: string;
  validityDays: string;
  lang: string;
  inquiryId: string;
}

/** Each buyer language in its own name (the person picks the language the buyer reads). */
const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  "zh-CN": "中文",
  es: "Español",
  fr: "Français",
  pt: "Português",
  ru: "Русский",
  ar: "العربية",
};

/** Incoterms that name a destination (the Freight sheet prices the way there). */
const NAMES_DESTINATION = new Set(["CFR", "CIF", "DAP", "DDP"]);

/** The builder's state for the buyer on screen; kept across re-renders, dropped when another buyer opens. */
const quote: {
  buyerId: string;
  options: QuoteOptions | null;
  draft: QuoteDraft | null;
  preview: QuotePreview | null;
  saved: SavedQuote | null;
  letter: DraftedLetter | null;
  open: boolean;
} = { buyerId: "", options: null, draft: null, preview: null, saved: null, letter: null, open: false };

/** Product options for the buyer on screen (the sample panel shares them). */
export async function loadOptions(buyerId: string): Promise<QuoteOptions | null> {
  if (quote.buyerId !== buyerId) reset(buyerId);
  if (quote.options) return quote.options;
  const options = await busy(() => call("quoteOptions", { buyerId }));
  if (!options || quote.buyerId !== buyerId) return null;
  quote.options = options;
  return options;
}

export function optionsFor(buyerId: string): QuoteOptions | null {
  return quote.buyerId === buyerId ? quote.options : null;
}

function reset(buyerId: string): void {
  quote.buyerId = buyerId;
  quote.options = null;
  quote.draft = null;
  quote.preview = null;
  quote.saved = null;
  quote.letter = null;
  quote.open = false;
}

function draftFor(view: BuyerView, options: QuoteOptions): QuoteDraft {
  if (!quote.draft) {
    const open = view.inquiries.find((i) => i.state !== "answered-in-time" && i.state !== "answered-late");
    quote.draft = {
      items: [{ code: options.products[0]?.code ?? "", qty: "" }],
      tier: "",
      currency: options.defaults.currency,
      incoterm: options.defaults.incoterm,
      port: options.defaults.port,
      destination: "",
      dischargePort: "",
      payment: options.defaults.payment,
      leadTime: "",
      validityDays: String(options.defaults.validityDays),
      lang: "",
      inquiryId: open?.id ?? view.inquiries[0]?.id ?? "",
    };
  }
  return quote.draft;
}

/** The RPC payload, or a message saying what is missing. */
function payloadOf(buyerId: string, d: QuoteDraft) {
  const items = d.items
    .filter((i) => i.code !== "" && i.qty.trim() !== "")
    .map((i) => ({ code: i.code, qty: Number(i.qty) }));
  if (items.length === 0 || items.some((i) => !Number.isInteger(i.qty) || i.qty <= 0)) return null;
  const validity = Number(d.validityDays);
  return {
    buyerId,
    inquiryId: d.inquiryId || undefined,
    items,
    tier: d.tier || undefined,
    currency: d.currency.trim() || undefined,
    incoterm: (d.incoterm || undefined) as "FOB" | undefined,
    port: d.port.trim() || undefined,
    destination: NAMES_DESTINATION.has(d.incoterm) ? d.destination.trim() || undefined : undefined,
    dischargePort: d.incoterm === "DAP" || d.incoterm === "DDP" ? d.dischargePort.trim() || undefined : undefined,
    payment: (d.payment || undefined) as "T/T" | undefined,
    leadTime: d.leadTime.trim() || undefined,
    validityDays: Number.isInteger(validity) && validity > 0 ? validity : undefined,
    lang: (d.lang || undefined) as "en" | undefined,
  };
}

export function quotePanel(view: BuyerView): HTMLElement {
  if (quote.buyerId !== view.buyer.id) reset(view.buyer.id);
  const panel = h(
    "details",
    { className: "section panel-box", testId: "quote-panel" },
    h("summary", { testId: "quote-open" }, t("sb.q.title")),
  );
  panel.open = quote.open;
  panel.addEventListener("toggle", () => {
    quote.open = panel.open;
    if (panel.open && !quote.options) void loadOptions(view.buyer.id).then(() => rerender());
  });
  if (!quote.open || !quote.options) return panel;
  const options = quote.options;
  if (options.products.length === 0) {
    panel.append(h("p", { className: "muted" }, t("sb.q.noProducts")));
    return panel;
  }
  const d = draftFor(view, options);
  append(panel, [letterBox(view), quoteForm(view, options, d), previewBox()]);
  return panel;
}

/** The builder's form: the lines, the terms, the language and inquiry, then preview and save. */
function quoteForm(view: BuyerView, options: QuoteOptions, d: QuoteDraft): HTMLElement {
  const products: [string, string][] = options.products.map((p) => [
    p.code,
    `${p.code} ${p.name}${p.model ? ` (${p.model})` : ""}`,
  ]);
  const itemRows = d.items.map((item, n) => itemRow(d, options, products, item, n));
  return h(
    "form",
    {
      className: "form",
      testId: "quote-form",
      onSubmit: (e) => {
        e.preventDefault();
        void preview(view.buyer.id, d);
      },
    },
    h("div", { className: "label" }, t("sb.q.product")),
    itemRows,
    h(
      "button",
      {
        type: "button",
        className: "link",
        testId: "quote-add-item",
        onClick: () => {
          d.items.push({ code: options.products[0].code, qty: "" });
          rerender();
        },
      },
      t("sb.q.addItem"),
    ),
    termFields(options, d),
    audienceFields(view, options, d),
    options.warnings.length > 0 ? h("div", { className: "warning" }, options.warnings.join(" · ")) : null,
    h(
      "div",
      { className: "row" },
      h("button", { type: "submit", className: "secondary", testId: "quote-preview" }, t("sb.q.preview")),
      h(
        "button",
        { type: "button", className: "primary", testId: "quote-save", onClick: () => void save(view.buyer.id, d) },
        t("sb.q.save"),
      ),
    ),
  );
}

/** One product line: the product, its quantity (with unit and MOQ), what is wrong with it, and "remove". */
function itemRow(
  d: QuoteDraft,
  options: QuoteOptions,
  products: [string, string][],
  item: QuoteDraft["items"][number],
  n: number,
): HTMLElement {
  const product = options.products.find((p) => p.code === item.code);
  const qty = h("input", { type: "number", value: item.qty, name: `qty-${n}`, testId: `quote-qty-${n}` });
  qty.min = "1";
  qty.addEventListener("input", () => {
    item.qty = qty.value;
  });
  return h(
    "div",
    { className: "quote-item", testId: `quote-item-${n}` },
    select(`product-${n}`, products, item.code, `quote-product-${n}`, (v) => {
      item.code = v;
      rerender();
    }),
    h("div", { className: "row" }, qty, product?.unit ? h("span", { className: "muted" }, product.unit) : null),
    product?.moq ? h("div", { className: "muted" }, t("sb.q.moq", { moq: product.moq, unit: product.unit })) : null,
    product?.problem ? h("div", { className: "warning" }, product.problem) : null,
    d.items.length > 1
      ? h(
          "button",
          {
            type: "button",
            className: "link",
            onClick: () => {
              d.items.splice(n, 1);
              rerender();
            },
          },
          t("sb.q.remove"),
        )
      : null,
  );
}

/** A text input that writes straight into the draft, so a re-render keeps what was typed. */
function draftText(d: QuoteDraft, key: keyof QuoteDraft, testId: string): HTMLInputElement {
  const input = h("input", { type: "text", value: String(d[key]), name: key, testId });
  input.addEventListener("input", () => {
    (d as unknown as Record<string, string>)[key] = input.value;
  });
  return input;
}

/** Tier, currency, incoterm with the places it names, payment, lead time and validity. */
function termFields(options: QuoteOptions, d: QuoteDraft): (HTMLElement | null)[] {
  const tierName = (tier: string) => t(`sb.q.tier.${tier}`);
  const tiers: [string, string][] = [
    ["", t("sb.q.tierAuto", { tier: options.buyerTier ? tierName(options.buyerTier) : "–" })],
    ...options.tiers.map((tier): [string, string] => [tier, tierName(tier)]),
  ];
  const validity = draftText(d, "validityDays", "quote-validity");
  validity.setAttribute("inputmode", "numeric");
  return [
    labelled(
      t("sb.q.tier"),
      select("tier", tiers, d.tier, "quote-tier", (v) => {
        d.tier = v as Tier | "";
      }),
    ),
    labelled(t("sb.q.currency"), draftText(d, "currency", "quote-currency")),
    labelled(
      t("sb.q.incoterm"),
      select(
        "incoterm",
        options.incoterms.map((i): [string, string] => [i, i]),
        d.incoterm,
        "quote-incoterm",
        (v) => {
          d.incoterm = v;
          rerender();
        },
      ),
    ),
    labelled(t("sb.q.port"), draftText(d, "port", "quote-port")),
    NAMES_DESTINATION.has(d.incoterm)
      ? labelled(t("sb.q.destination"), draftText(d, "destination", "quote-destination"))
      : null,
    d.incoterm === "DAP" || d.incoterm === "DDP"
      ? labelled(t("sb.q.dischargePort"), draftText(d, "dischargePort", "quote-discharge"))
      : null,
    labelled(
      t("sb.q.payment"),
      select(
        "payment",
        options.payments.map((p): [string, string] => [p, p]),
        d.payment,
        "quote-payment",
        (v) => {
          d.payment = v;
        },
      ),
    ),
    labelled(t("sb.q.leadTime"), draftText(d, "leadTime", "quote-lead")),
    labelled(t("sb.q.validity"), validity),
  ];
}

/** The language the buyer reads and the inquiry the quote answers. */
function audienceFields(view: BuyerView, options: QuoteOptions, d: QuoteDraft): HTMLElement[] {
  const language = labelled(
    t("sb.q.lang"),
    select(
      "lang",
      [["", t("sb.q.langAuto")], ...options.languages.map((l): [string, string] => [l, LANGUAGE_NAMES[l] ?? l])],
      d.lang,
      "quote-lang",
      (v) => {
        d.lang = v;
      },
    ),
  );
  if (view.inquiries.length === 0) return [language];
  const inquiry = labelled(
    t("sb.q.inquiry"),
    select(
      "inquiry",
      [["", t("sb.log.none")], ...view.inquiries.map((i): [string, string] => [i.id, `${i.id} ${i.subject}`])],
      d.inquiryId,
      "quote-inquiry",
      (v) => {
        d.inquiryId = v;
      },
    ),
  );
  return [language, inquiry];
}

/** The first answer and the grade's follow-up, drafted in the buyer's language into their thread. */
function letterBox(view: BuyerView): HTMLElement {
  const open = view.inquiries.find((i) => !i.state.startsWith("answered")) ?? view.inquiries[0];
  const button = (kind: LetterKind, label: string, testId: string) =>
    h(
      "button",
      { type: "button", className: "secondary", testId, onClick: () => void letter(view.buyer.id, kind, open?.id) },
      label,
    );
  const l = quote.letter;
  return h(
    "div",
    { className: "letters", testId: "letters" },
    h("div", { className: "label" }, t("sb.l.title")),
    h(
      "div",
      { className: "row" },
      open ? button("inquiry.reply", t("sb.l.reply"), "letter-reply") : null,
      view.buyer.grade
        ? button("followup", t("sb.l.followUp", { grade: view.buyer.grade }), "letter-followup")
        : h("span", { className: "muted" }, t("sb.l.gradeFirst")),
    ),
    l
      ? h(
          "div",
          { className: "quote-preview", testId: "letter-result" },
          h("p", { className: "banner" }, t("sb.l.drafted", { subject: l.subject, to: l.draftTo })),
          l.warnings.length > 0 ? h("div", { className: "warning" }, l.warnings.join(" · ")) : null,
          h("pre", { className: "quote-text", testId: "letter-text" }, l.text),
        )
      : null,
  );
}

async function letter(buyerId: string, kind: LetterKind, inquiryId: string | undefined): Promise<void> {
  const r = await busy(() => call("draftLetter", { buyerId, kind, inquiryId }));
  if (!r) return;
  quote.letter = r;
  rerender();
  say(t("sb.l.drafted", { subject: r.subject, to: r.draftTo }));
}

function previewBox(): HTMLElement | null {
  const p = quote.saved ?? quote.preview;
  if (!p) return null;
  const warnings = [
    ...p.openQuotes.map((o) => o.message),
    ...p.moqWarnings.map((w) => w.message),
    ...p.tierWarnings.map((w) => w.message),
    ...p.warnings,
  ];
  return h(
    "div",
    { className: "quote-preview", testId: "quote-result" },
    quote.saved
      ? h(
          "p",
          { className: "banner", testId: "quote-saved" },
          t(quote.saved.threadId ? "sb.q.saved" : "sb.q.savedNoThread", {
            id: quote.saved.quoteId,
            to: quote.saved.draftTo,
          }),
        )
      : null,
    warnings.length > 0
      ? h(
          "div",
          { className: "warning", testId: "quote-warnings" },
          h("strong", {}, t("sb.q.warnings")),
          h(
            "ul",
            {},
            warnings.map((w) => h("li", {}, w)),
          ),
        )
      : null,
    h("div", { className: "muted" }, `${p.number} · ${t("sb.q.total", { total: p.totalText })}`),
    h("pre", { className: "quote-text", testId: "quote-text" }, p.text),
  );
}

async function preview(buyerId: string, d: QuoteDraft): Promise<void> {
  const payload = payloadOf(buyerId, d);
  if (!payload) {
    say(t("sb.q.needItem"), "error");
    return;
  }
  const p = await busy(() => call("quotePreview", payload));
  if (!p) return;
  quote.preview = p;
  quote.saved = null;
  rerender();
  say("");
}

async function save(buyerId: string, d: QuoteDraft): Promise<void> {
  const payload = payloadOf(buyerId, d);
  if (!payload) {
    say(t("sb.q.needItem"), "error");
    return;
  }
  const saved = await busy(() => call("saveQuote", payload));
  if (!saved) return;
  quote.saved = saved;
  quote.preview = null;
  const view = await busy(() => call("buyer", { buyerId, row: shownRow(buyerId) }));
  if (view) state.buyer = view;
  rerender();
  say(t(saved.threadId ? "sb.q.saved" : "sb.q.savedNoThread", { id: saved.quoteId, to: saved.draftTo }));
}

/** The buyer's quotes (from the history the buyer view already carries), drafts with "Mark sent". */
export function quoteList(view: BuyerView): HTMLElement | null {
  const quotes = view.history.filter((item) => item.kind === "quote");
  return h(
    "section",
    { className: "section", testId: "quote-list" },
    h("h2", {}, t("sb.q.list")),
    quotes.length === 0
      ? h("p", { className: "muted" }, t("sb.q.none"))
      : h(
          "ul",
          { className: "items" },
          quotes.map((q) =>
            h(
              "li",
              { className: "item static", testId: `quote-${q.id}` },
              h(
                "div",
                { className: "line1" },
                h("strong", {}, q.id),
                " ",
                h("span", { className: `pill pill-${q.status}` }, t(`sb.q.status.${q.status}`)),
              ),
              h("div", { className: "line2" }, oneCurrency(q.title)),
              q.detail ? h("div", { className: "muted" }, q.detail) : null,
              view.canAct && q.status === "draft"
                ? h(
                    "button",
                    {
                      type: "button",
                      className: "secondary",
                      testId: `quote-sent-${q.id}`,
                      onClick: () => void markSent(view.buyer.id, q.id),
                    },
                    t("sb.q.markSent"),
                  )
                : null,
            ),
          ),
        ),
  );
}

/** "USD USD 1,234.00 FOB": a total typed with its currency is not prefixed with it again. */
function oneCurrency(title: string): string {
  return title.replace(/^([A-Z]{3}) \1(?=\s|\d)/, "$1");
}

async function markSent(buyerId: string, quoteId: string): Promise<void> {
  const r = await busy(() => call("quoteSent", { quoteId }));
  if (!r) return;
  const view = await busy(() => call("buyer", { buyerId, row: shownRow(buyerId) }));
  if (view) state.buyer = view;
  rerender();
  say(
    t("sb.q.sentDone", { id: r.quoteId }) +
      (r.inquiryAnswered && r.inquiryId ? ` ${t("sb.q.answered", { inquiry: r.inquiryId })}` : ""),
  );
}
