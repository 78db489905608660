/**
 * Samples in the Buyer tab (R5, R27): the electronic sample first (catalogue and pictures in a Gmail draft —
 * instant and free); a physical one with the courier question (a buyer who offers to pay it is promising:
 * grade A in one click), the T/T prepayment notice for a large sample; the buyer's samples with delivery and
 * result.
 */

import type { BuyerView } from "../src/features/desk";
import type { BuyerSample, QuoteOptions, SampleRequestedView } from "../src/features/quotes";
import { busy, checked, day, dayKey, labelled, rerender, say, shownRow, state, t } from "./app";
import { append, h } from "./dom";
import { loadOptions, optionsFor } from "./quote";
import { call } from "./rpc";

const samples: {
  buyerId: string;
  open: boolean;
  picked: Set<string>;
  offersCourier: boolean;
  cost: string;
  list: BuyerSample[] | null;
  last: SampleRequestedView | null;
} = { buyerId: "", open: false, picked: new Set(), offersCourier: false, cost: "", list: null, last: null };

function reset(buyerId: string): void {
  samples.buyerId = buyerId;
  samples.open = false;
  samples.picked = new Set();
  samples.offersCourier = false;
  samples.cost = "";
  samples.list = null;
  samples.last = null;
}

async function load(buyerId: string): Promise<void> {
  await loadOptions(buyerId);
  const list = await busy(() => call("buyerSamples", { buyerId }));
  if (list && samples.buyerId === buyerId) samples.list = list;
  rerender();
}

export function samplePanel(view: BuyerView, gradeBuyer: (grade: "A") => void): HTMLElement {
  const buyerId = view.buyer.id;
  if (samples.buyerId !== buyerId) reset(buyerId);
  const panel = h(
    "details",
    { className: "section panel-box", testId: "sample-panel" },
    h("summary", { testId: "sample-open" }, t("sb.s.title")),
  );
  panel.open = samples.open;
  panel.addEventListener("toggle", () => {
    samples.open = panel.open;
    if (panel.open && samples.list === null) void load(buyerId);
  });
  if (!samples.open) return panel;
  const options = optionsFor(buyerId);
  if (view.canAct && options) {
    panel.append(
      h("div", { className: "label" }, t("sb.s.products")),
      h("div", { className: "picks" }, productPicks(options)),
      h(
        "div",
        { className: "electronic" },
        h(
          "button",
          {
            type: "button",
            className: "primary",
            testId: "sample-electronic",
            onClick: () => void request(buyerId, view, "electronic"),
          },
          t("sb.s.electronic"),
        ),
        h("p", { className: "muted" }, t("sb.s.electronicHint")),
      ),
      physicalPart(view, gradeBuyer),
    );
  }
  append(panel, [lastResult(view, gradeBuyer), sampleList(view)]);
  return panel;
}

/** A checkbox per product; what is ticked is kept across re-renders. */
function productPicks(options: QuoteOptions): HTMLElement[] {
  return options.products.map((p) => {
    const box = h("input", {
      type: "checkbox",
      checked: samples.picked.has(p.code),
      testId: `sample-product-${p.code}`,
    });
    box.addEventListener("change", () => {
      if (box.checked) samples.picked.add(p.code);
      else samples.picked.delete(p.code);
    });
    return checked(box, `${p.code} ${p.name}`);
  });
}

/** The physical sample: whether the buyer offers to pay the courier, what it costs, and the request. */
function physicalPart(view: BuyerView, gradeBuyer: (grade: "A") => void): HTMLDetailsElement {
  const offers = h("input", { type: "checkbox", checked: samples.offersCourier, testId: "sample-offers-courier" });
  offers.addEventListener("change", () => {
    samples.offersCourier = offers.checked;
    rerender();
  });
  const cost = h("input", { type: "text", value: samples.cost, name: "cost", testId: "sample-cost" });
  cost.addEventListener("input", () => {
    samples.cost = cost.value;
  });
  const physical = h(
    "details",
    { className: "physical", testId: "sample-physical" },
    h("summary", {}, t("sb.s.physical")),
    checked(offers, t("sb.s.offersCourier")),
    samples.offersCourier ? promisingBox(view, gradeBuyer) : null,
    labelled(t("sb.s.cost"), cost),
    h(
      "button",
      {
        type: "button",
        className: "secondary",
        testId: "sample-physical-go",
        onClick: () => void request(view.buyer.id, view, "physical"),
      },
      t("sb.s.requestPhysical"),
    ),
  );
  // Keep the physical part open across re-renders once a person opened it.
  if (samples.offersCourier || samples.cost) physical.open = true;
  return physical;
}

function promisingBox(view: BuyerView, gradeBuyer: (grade: "A") => void): HTMLElement {
  return h(
    "div",
    { className: "banner", testId: "sample-promising" },
    h("span", {}, t("sb.s.promising")),
    " ",
    view.buyer.grade === "A"
      ? null
      : h(
          "button",
          { type: "button", className: "secondary", testId: "sample-grade-a", onClick: () => gradeBuyer("A") },
          t("sb.s.gradeA"),
        ),
  );
}

function lastResult(view: BuyerView, gradeBuyer: (grade: "A") => void): HTMLElement | null {
  const r = samples.last;
  if (!r) return null;
  return h(
    "div",
    { className: "quote-preview", testId: "sample-result" },
    h("p", { className: "banner" }, t("sb.s.draftDone", { id: r.sampleId, subject: r.subject })),
    r.plan.offerElectronicFirst ? h("p", { className: "warning" }, t("sb.s.electronicFirst")) : null,
    r.plan.prepaymentRequired ? h("p", { className: "warning", testId: "sample-prepay" }, t("sb.s.prepayment")) : null,
    r.courierAccount
      ? h(
          "p",
          { className: "banner", testId: "sample-account" },
          t("sb.s.accountUsed", { courier: r.courierAccount.courier, account: r.courierAccount.account }),
        )
      : null,
    r.offerEvidence.length > 0
      ? h(
          "p",
          { className: "muted", testId: "sample-offer" },
          t("sb.s.offerSaid", { words: r.offerEvidence.join(" · ") }),
        )
      : null,
    r.plan.suggestGrade === "A" && !samples.offersCourier ? promisingBox(view, gradeBuyer) : null,
    r.warnings.length > 0 ? h("div", { className: "warning" }, r.warnings.join(" · ")) : null,
    h("pre", { className: "quote-text", testId: "sample-text" }, r.text),
  );
}

async function request(buyerId: string, view: BuyerView, kind: "electronic" | "physical"): Promise<void> {
  const products = [...samples.picked];
  if (products.length === 0) {
    say(t("sb.s.needProduct"), "error");
    return;
  }
  const open = view.inquiries.find((i) => !i.state.startsWith("answered"));
  const r = await busy(() =>
    call("requestSample", {
      buyerId,
      inquiryId: open?.id,
      products,
      kind,
      buyerOffersCourier: kind === "physical" ? samples.offersCourier : undefined,
      cost: kind === "physical" && samples.cost.trim() ? samples.cost.trim() : undefined,
    }),
  );
  if (!r) return;
  samples.last = r;
  const list = await busy(() => call("buyerSamples", { buyerId }));
  if (list) samples.list = list;
  const fresh = await busy(() => call("buyer", { buyerId, row: shownRow(buyerId) }));
  if (fresh) state.buyer = fresh;
  rerender();
  say(t("sb.s.draftDone", { id: r.sampleId, subject: r.subject }));
}

function sampleList(view: BuyerView): HTMLElement {
  const list = samples.list;
  return h(
    "div",
    { className: "sample-list", testId: "sample-list" },
    h("h2", {}, t("sb.s.list")),
    list === null
      ? h("p", { className: "muted" }, "…")
      : list.length === 0
        ? h("p", { className: "muted" }, t("sb.s.none"))
        : h(
            "ul",
            { className: "items" },
            list.map((s) => sampleItem(s, view)),
          ),
  );
}

function sampleItem(s: BuyerSample, view: BuyerView): HTMLElement {
  const facts = [
    t(`sb.s.kind.${s.kind || "physical"}`),
    s.freight ? t(`sb.s.freight.${s.freight}`) : "",
    s.sent ? `${t("sb.s.sent")} ${day(s.sent)}` : "",
    s.delivered ? `${t("sb.s.delivered")} ${day(s.delivered)}` : "",
    s.feedbackDue && !s.result ? t("sb.s.feedbackDue", { date: day(s.feedbackDue) }) : "",
  ].filter(Boolean);
  const item = h(
    "li",
    { className: "item static", testId: `sample-${s.id}` },
    h(
      "div",
      { className: "line1" },
      h("strong", {}, s.id),
      " ",
      s.promising ? h("span", { className: "flag" }, t("sb.s.promisingFlag")) : null,
    ),
    h("div", { className: "line2" }, s.products),
    h("div", { className: "muted" }, facts.join(" · ")),
    s.result ? h("div", {}, s.result) : null,
  );
  if (view.canAct && s.kind !== "electronic") item.append(updateForm(s));
  return item;
}

function updateForm(s: BuyerSample): HTMLElement {
  const input = (name: string, value: string, type = "text") =>
    h("input", { type, name, value, testId: `sample-${s.id}-${name}` });
  const courier = input("courier", s.courier);
  const tracking = input("tracking", s.tracking);
  const sent = input("sent", dayKey(s.sent || null), "date");
  const delivered = input("delivered", dayKey(s.delivered || null), "date");
  const result = h("textarea", { name: "result", value: s.result, testId: `sample-${s.id}-result` });
  return h(
    "details",
    { className: "update" },
    h("summary", {}, t("sb.s.updateTitle")),
    h(
      "form",
      {
        className: "form",
        onSubmit: (e) => {
          e.preventDefault();
          void update(s, {
            courier: courier.value.trim() || undefined,
            tracking: tracking.value.trim() || undefined,
            sent: sent.value || undefined,
            delivered: delivered.value || undefined,
            result: result.value.trim() || undefined,
          });
        },
      },
      labelled(t("sb.s.courier"), courier),
      labelled(t("sb.s.tracking"), tracking),
      labelled(t("sb.s.sent"), sent),
      labelled(t("sb.s.delivered"), delivered),
      labelled(t("sb.s.result"), result),
      h("button", { type: "submit", className: "secondary", testId: `sample-${s.id}-save` }, t("sb.s.update")),
    ),
  );
}

async function update(
  s: BuyerSample,
  changes: { courier?: string; tracking?: string; sent?: string; delivered?: string; result?: string },
): Promise<void> {
  const r = await busy(() => call("updateSample", { sampleId: s.id, ...changes }));
  if (!r) return;
  const list = await busy(() => call("buyerSamples", { buyerId: samples.buyerId }));
  if (list) samples.list = list;
  rerender();
  say(t("sb.s.updated", { id: r.sampleId }));
}
