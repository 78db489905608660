/**
 * The Buyerbook sidebar (C3): my desk, the selected buyer with grading (R10, R18) and follow-ups (R20, R23),
 * and find/add (R21, R22). Plain TypeScript over the typed RPC; every string from the server's catalogue.
 */
import type {
  BuyerCard,
  BuyerHitView,
  BuyerView,
  Desk,
  DeskFollowUp,
  DeskInquiry,
  DeskSample,
  FollowUpChannel,
  GradeLetter,
  HistoryItem,
  ViewPatch,
} from "../src/features/desk";
import type { RpcContract } from "../src/rpc/contract";
import {
  busy,
  day,
  duration,
  failed,
  gradeBadge,
  nameOf,
  onRender,
  person,
  root,
  say,
  state,
  status,
  type Tab,
  t,
  when,
} from "./app";
import { type Child, h, replace } from "./dom";
import { startLive } from "./live";
import { applyPatch } from "./patch";
import { quoteList, quotePanel } from "./quote";
import { call } from "./rpc";
import { samplePanel } from "./samples";
import { awayForm, isManager, teamView } from "./team";

function slaText(i: DeskInquiry): string {
  if (i.state === "overdue") return t("sb.overdueBy", { time: duration(i.minutesToLimit) });
  if (i.state === "target-missed") return t("sb.targetMissed", { time: duration(i.minutesToLimit) });
  return `${t("sb.toTarget", { time: duration(i.minutesToTarget) })} · ${t("sb.toLimit", { time: duration(i.minutesToLimit) })}`;
}

// ------------------------------------------------------------------------------------------- layout

function render(): void {
  const boot = state.boot;
  if (!boot) return;
  const tabs: [Tab, string][] = [
    ["desk", t("sb.tab.desk")],
    ["buyer", t("sb.tab.buyer")],
    ["find", t("sb.tab.find")],
  ];
  if (isManager()) tabs.push(["team", t("sb.tab.team")]);
  else if (state.tab === "team") state.tab = "desk";
  const body =
    state.tab === "desk"
      ? deskView()
      : state.tab === "buyer"
        ? buyerTab()
        : state.tab === "team"
          ? teamView()
          : findView();
  replace(
    root,
    h(
      "nav",
      { className: "tabs", role: "tablist" },
      tabs.map(([tab, label]) =>
        h(
          "button",
          {
            className: tab === state.tab ? "tab active" : "tab",
            role: "tab",
            testId: `tab-${tab}`,
            onClick: () => {
              state.tab = tab;
              render();
            },
          },
          label,
        ),
      ),
    ),
    status,
    h("main", { className: "panel" }, body),
  );
}

// ------------------------------------------------------------------------------------------- desk

function deskView(): Child[] {
  const desk = state.boot!.desk;
  const more = (shown: number, total: number) =>
    total > shown && shown > 0 ? h("p", { className: "muted" }, t("sb.more", { count: total - shown })) : null;
  return [
    h(
      "div",
      { className: "row end" },
      h("button", { className: "link", onClick: () => void refreshDesk(), testId: "refresh" }, t("sb.refresh")),
    ),
    scheduleOffer(),
    desk.covering.length > 0
      ? h(
          "p",
          { className: "banner" },
          t("sb.covering", { names: desk.covering.map((c) => c.name || c.email).join(", ") }),
        )
      : null,
    section(t("sb.unanswered"), desk.totals.unanswered, "unanswered", desk.unanswered.map(inquiryItem)),
    more(desk.unanswered.length, desk.totals.unanswered),
    section(t("sb.ungraded"), desk.totals.ungraded, "ungraded", desk.ungraded.map(inquiryItem)),
    more(desk.ungraded.length, desk.totals.ungraded),
    section(t("sb.due"), desk.totals.overdue + desk.totals.today, "due", desk.due.map(dueItem)),
    more(desk.due.length, desk.totals.overdue + desk.totals.today),
    desk.feedbackDue
      ? section(
          t("sb.fb.title"),
          desk.feedbackDueTotal ?? desk.feedbackDue.length,
          "feedback",
          desk.feedbackDue.map(feedbackItem),
        )
      : null,
    h("p", { className: "muted small", testId: "desk-at" }, t("sb.deskAt", { time: when(desk.at) })),
    // Managers find the travel form in the Team tab.
    isManager() ? null : awayForm(),
  ];
}

/** Until my hourly schedule runs, the desk says what I miss without it and offers to start it. */
function scheduleOffer(): HTMLElement | null {
  if (state.boot?.me.scheduleRunning !== false) return null;
  return h(
    "div",
    { className: "banner", testId: "schedule-offer" },
    h("p", {}, t("sb.schedule.off")),
    h("button", { onClick: () => void startMySchedule(), testId: "schedule-start" }, t("sb.schedule.start")),
  );
}

async function startMySchedule(): Promise<void> {
  const r = await busy(() => call("startMySchedule", {}));
  if (!r) return;
  if (state.boot) state.boot.me.scheduleRunning = true;
  render();
  say(t("sb.schedule.on"));
}

/**
 * A desk section. Its empty line says what is true: "nothing waiting" only when the count is 0; when lines
 * were taken off by clicks but more are counted, it offers to fetch them.
 */
function section(title: string, count: number, id: string, items: HTMLElement[]): HTMLElement {
  const empty =
    count > 0
      ? h(
          "p",
          { className: "muted" },
          t("sb.notListed", { count }),
          " ",
          h(
            "button",
            { className: "link", onClick: () => void refreshDesk(), testId: `reload-${id}` },
            t("sb.refresh"),
          ),
        )
      : h("p", { className: "muted", testId: `empty-${id}` }, t(`sb.empty.${id}`));
  return h(
    "section",
    { className: "section", testId: `section-${id}` },
    h("h2", {}, title, " ", h("span", { className: "count" }, String(count))),
    items.length > 0 ? h("ul", { className: "items" }, items) : empty,
  );
}

function inquiryItem(i: DeskInquiry): HTMLElement {
  const urgent = i.state === "overdue" || i.state === "target-missed" || i.state === "due-soon";
  return h(
    "li",
    {
      className: `item ${urgent ? "urgent" : ""}`,
      testId: `inquiry-${i.id}`,
      onClick: () => void openBuyer(i.buyerId, i.buyerRow),
    },
    h("div", { className: "line1" }, h("strong", {}, i.company || i.fromName || i.fromEmail), " ", gradeBadge(i.grade)),
    h("div", { className: "line2" }, i.subject),
    i.state && i.state !== "answered-in-time" && i.state !== "answered-late"
      ? h("div", { className: `sla sla-${i.state}` }, slaText(i))
      : null,
    i.forOwner ? h("div", { className: "muted" }, t("sb.forOwner", { owner: person(i.forOwner) })) : null,
  );
}

function dueItem(d: DeskFollowUp): HTMLElement {
  return h(
    "li",
    { className: `item due-${d.state}`, testId: `due-${d.buyerId}`, onClick: () => void openBuyer(d.buyerId, d.row) },
    h("div", { className: "line1" }, h("strong", {}, d.company || d.name), " ", gradeBadge(d.grade)),
    h(
      "div",
      { className: "line2" },
      d.state === "overdue" ? t("sb.daysOverdue", { count: d.daysOverdue }) : t("sb.dueToday"),
      d.forOwner ? ` · ${t("sb.forOwner", { owner: person(d.forOwner) })}` : "",
    ),
  );
}

function feedbackItem(s: DeskSample): HTMLElement {
  return h(
    "li",
    { className: "item due-overdue", testId: `feedback-${s.id}`, onClick: () => void openBuyer(s.buyerId) },
    h("div", { className: "line1" }, h("strong", {}, s.company), " ", h("span", { className: "muted" }, s.id)),
    h("div", { className: "line2" }, s.products),
    h(
      "div",
      { className: "muted" },
      s.daysLate > 0 ? t("sb.daysOverdue", { count: s.daysLate }) : t("sb.dueToday"),
      s.forOwner ? ` · ${t("sb.forOwner", { owner: person(s.forOwner) })}` : "",
    ),
  );
}

async function refreshDesk(): Promise<void> {
  const desk = await busy(() => call("desk", {}));
  if (desk) freshDesk(desk);
}

/** A newer desk arrived (a refresh or the live check): shown at once on the desk tab, kept for later elsewhere. */
function freshDesk(desk: Desk): void {
  if (!state.boot) return;
  state.boot.desk = desk;
  if (state.tab === "desk") render();
}

// ------------------------------------------------------------------------------------------- buyer

/** `row`: where the desk read the buyer, handed back so the server need not search (it checks it). */
async function openBuyer(buyerId: string, row?: number): Promise<void> {
  const view = await busy(() => call("buyer", { buyerId, row }));
  if (!view) return;
  state.buyer = view;
  state.tab = "buyer";
  say("");
  render();
}

async function showSelected(): Promise<void> {
  const result = await busy(() => call("selection", {}));
  if (!result) return;
  if (!result.buyer) {
    say(t("sb.selectHint"));
    return;
  }
  state.buyer = result.buyer;
  say("");
  render();
}

function buyerTab(): Child[] {
  const top = h(
    "div",
    { className: "row" },
    h(
      "button",
      { className: "secondary", onClick: () => void showSelected(), testId: "show-selected" },
      t("sb.selected"),
    ),
  );
  const view = state.buyer;
  if (!view) return [top, h("p", { className: "muted" }, t("sb.selectHint"))];
  const b = view.buyer;
  const overdue = b.daysOverdue ? ` (${t("sb.daysOverdue", { count: b.daysOverdue })})` : "";
  const field = (label: string, value: string) =>
    value ? h("div", { className: "field" }, h("span", { className: "label" }, label), h("span", {}, value)) : null;
  return [
    top,
    h(
      "section",
      { className: "card", testId: "buyer-card" },
      h("h2", { testId: "buyer-company" }, b.company || b.name || b.email, " ", gradeBadge(b.grade)),
      h("div", { className: "muted" }, b.id),
      view.mergedFrom
        ? h(
            "p",
            { className: "banner", testId: "merged-from" },
            t("sb.merge.aliasOf", { old: view.mergedFrom, id: b.id }),
          )
        : null,
      field(t("sb.contact"), b.name),
      field(t("sb.email"), b.email),
      field(t("sb.otherEmails"), b.otherEmails),
      field(t("sb.phone"), b.phone),
      field(t("sb.country"), [b.country, b.region].filter(Boolean).join(" / ")),
      field(t("sb.source"), nameOf("sb.source", b.source)),
      field(t("sb.owner"), b.ownerName || b.owner),
      field(t("sb.lastContact"), day(b.lastContact)),
      field(t("sb.nextFollowUp"), `${day(b.nextFollowUp)}${overdue}`),
      field(t("sb.notes"), b.notes),
    ),
    view.canAct ? null : h("p", { className: "banner" }, t("sb.readOnly")),
    view.canAct ? gradeSection(view) : null,
    view.canAct ? quotePanel(view) : null,
    quoteList(view),
    samplePanel(view, (grade) => void gradeBuyer(b, grade)),
    view.canAct ? followUpForm(view) : null,
    historySection(view.history),
    view.canMerge ? mergeForm(view) : null,
  ];
}

function gradeChoices(onPick: (g: GradeLetter) => void, current: string, testPrefix: string): HTMLElement {
  return h(
    "div",
    { className: "grades" },
    state.boot!.grades.map((g) =>
      h(
        "button",
        {
          className: g.grade === current ? "grade-choice current" : "grade-choice",
          testId: `${testPrefix}-${g.grade}`,
          onClick: () => onPick(g.grade),
          title: t("sb.everyDays", { days: g.cadenceDays }),
        },
        h("span", { className: `grade grade-${g.grade}` }, g.grade),
        h("span", { className: "definition" }, g.definition),
      ),
    ),
  );
}

function gradeSection(view: BuyerView): HTMLElement {
  const open = [...view.inquiries].sort((a, b) => (a.grade === "" ? 0 : 1) - (b.grade === "" ? 0 : 1));
  return h(
    "section",
    { className: "section", testId: "grading" },
    h("h2", {}, t("sb.openInquiries")),
    open.map((i) =>
      h(
        "div",
        { className: "inquiry", testId: `grade-${i.id}` },
        h("div", { className: "line1" }, h("strong", {}, i.subject || i.id), " ", gradeBadge(i.grade)),
        h("div", { className: "muted" }, `${i.id} · ${when(i.receivedAt)} · ${nameOf("sb.channel", i.channel)}`),
        i.state && !i.state.startsWith("answered") ? h("div", { className: `sla sla-${i.state}` }, slaText(i)) : null,
        h("div", { className: "label" }, t("sb.gradeTitle")),
        gradeChoices((g) => void gradeInquiry(i, view.buyer, g), i.grade, `grade-${i.id}`),
      ),
    ),
    open.length === 0
      ? h(
          "div",
          { className: "inquiry" },
          h("div", { className: "label" }, t("sb.gradeBuyer")),
          gradeChoices((g) => void gradeBuyer(view.buyer, g), view.buyer.grade, "grade-buyer"),
        )
      : null,
  );
}

/** "Next follow-up today" or the day: the server never names a day already past. */
function nextText(iso: string | null): string {
  if (!iso) return t("sb.noFollowUp");
  // "Today" on the server's calendar (the workbench's clock may not be the browser's).
  const today = state.boot?.desk.at ?? new Date().toISOString();
  return day(iso) === day(today) ? t("sb.today") : day(iso);
}

async function gradeInquiry(inquiry: DeskInquiry, buyer: BuyerCard, grade: GradeLetter): Promise<void> {
  const r = await busy(() =>
    call("gradeInquiry", { inquiryId: inquiry.id, buyerId: buyer.id, grade, row: inquiry.row, buyerRow: buyer.row }),
  );
  if (r) changed(r.patch, t("sb.gradedToast", { grade, date: nextText(r.nextFollowUp) }));
}

async function gradeBuyer(buyer: BuyerCard, grade: GradeLetter): Promise<void> {
  const r = await busy(() => call("gradeBuyer", { buyerId: buyer.id, grade, row: buyer.row }));
  if (r) changed(r.patch, t("sb.gradedToast", { grade, date: nextText(r.nextFollowUp) }));
}

/** What the click changed, applied in place (no second call), and said. */
function changed(patch: ViewPatch | null, message: string): void {
  if (patch) applyPatch(patch);
  render();
  say(message);
}

function followUpForm(view: BuyerView): HTMLElement {
  const channels = state.boot!.channels;
  const channel = h(
    "select",
    { name: "channel", testId: "log-channel" },
    channels.map((c) => h("option", { value: c }, nameOf("sb.channel", c))),
  );
  const summary = h("textarea", { name: "summary", testId: "log-summary" });
  const nextStep = h("input", { type: "text", name: "nextStep", testId: "log-next" });
  const needsBoss = h("input", { type: "checkbox", name: "needsBoss", testId: "log-boss" });
  const inquiry = h(
    "select",
    { name: "inquiry", testId: "log-inquiry" },
    h("option", { value: "" }, t("sb.log.none")),
    view.inquiries.map((i) => h("option", { value: i.id }, `${i.id} ${i.subject}`)),
  );
  const answered = h("input", { type: "checkbox", name: "answered", testId: "log-answered" });
  const label = (text: string, control: HTMLElement) =>
    h("label", { className: "control" }, h("span", {}, text), control);
  const check = (control: HTMLElement, text: string) =>
    h("label", { className: "check" }, control, h("span", {}, text));
  return h(
    "form",
    {
      className: "section form",
      testId: "log-form",
      onSubmit: (e) => {
        e.preventDefault();
        if (summary.value.trim() === "") {
          say(t("sb.log.needSummary"), "error");
          return;
        }
        if (answered.checked && inquiry.value === "") {
          say(t("sb.log.pickInquiry"), "error");
          return;
        }
        void logFollowUp(view, {
          channel: channel.value as FollowUpChannel,
          summary: summary.value,
          nextStep: nextStep.value,
          needsBoss: needsBoss.checked,
          inquiryId: inquiry.value || undefined,
          answered: answered.checked,
        });
      },
    },
    h("h2", {}, t("sb.log.title")),
    label(t("sb.log.channel"), channel),
    label(t("sb.log.summary"), summary),
    label(t("sb.log.nextStep"), nextStep),
    check(needsBoss, t("sb.log.needsBoss")),
    view.inquiries.length > 0 ? label(t("sb.log.inquiry"), inquiry) : null,
    view.inquiries.length > 0 ? check(answered, t("sb.log.answered")) : null,
    h("button", { type: "submit", className: "primary", testId: "log-save" }, t("sb.log.save")),
  );
}

async function logFollowUp(
  view: BuyerView,
  input: {
    channel: FollowUpChannel;
    summary: string;
    nextStep: string;
    needsBoss: boolean;
    inquiryId?: string;
    answered: boolean;
  },
): Promise<void> {
  const shown = view.inquiries.find((i) => i.id === input.inquiryId);
  const r = await busy(() =>
    call("logFollowUp", { buyerId: view.buyer.id, ...input, row: view.buyer.row, inquiryRow: shown?.row }),
  );
  if (!r) return;
  const answered = r.answered
    ? ` ${t("sb.log.answeredIn", { id: r.answered.inquiryId, hours: r.answered.responseHours })}`
    : "";
  changed(r.patch, t("sb.log.saved", { date: nextText(r.nextFollowUp) }) + answered);
}

function historySection(history: HistoryItem[]): HTMLElement {
  return h(
    "section",
    { className: "section", testId: "history" },
    h("h2", {}, t("sb.history")),
    history.length === 0
      ? h("p", { className: "muted" }, t("sb.noHistory"))
      : h(
          "ul",
          { className: "history" },
          history.map((item) =>
            h(
              "li",
              { className: `hist hist-${item.kind}` },
              h(
                "div",
                { className: "line1" },
                h("span", { className: "kind" }, t(`sb.kind.${item.kind}`)),
                " ",
                h("span", { className: "muted" }, when(item.at)),
                item.needsBoss ? h("span", { className: "flag" }, t("sb.needsBoss")) : null,
              ),
              h("div", { className: "line2" }, item.title),
              item.detail ? h("div", { className: "muted" }, item.detail) : null,
              historyFacts(item) ? h("div", { className: "muted" }, historyFacts(item)) : null,
            ),
          ),
        ),
  );
}

/** The line under a history entry: its status, channel or kind, and who — all in the person's language. */
function historyFacts(item: HistoryItem): string {
  const facts: string[] = [];
  if (item.kind === "inquiry") facts.push(nameOf("sb.inquiryStatus", item.status), nameOf("sb.channel", item.channel));
  if (item.kind === "quote") facts.push(nameOf("sb.q.status", item.status));
  if (item.kind === "sample")
    facts.push(
      nameOf("sb.s.kind", item.sampleKind ?? ""),
      nameOf("sb.s.freight", item.freight ?? ""),
      nameOf("sb.s.status", item.status),
    );
  if (item.kind === "followup") facts.push(nameOf("sb.fuKind", item.status), nameOf("sb.channel", item.channel));
  facts.push(item.by);
  return facts.filter(Boolean).join(" · ");
}

// ------------------------------------------------------------------------------------------- merge (R22)

const merge: { otherId: string } = { otherId: "" };

/** Merge a duplicate into the buyer on screen: the other's history moves here, its row stays as an alias. */
function mergeForm(view: BuyerView): HTMLElement {
  const other = h("input", {
    type: "text",
    name: "mergeId",
    value: merge.otherId,
    testId: "merge-id",
    placeholder: "B-000123",
  });
  other.addEventListener("input", () => {
    merge.otherId = other.value;
  });
  return h(
    "details",
    { className: "section panel-box", testId: "merge" },
    h("summary", { testId: "merge-open" }, t("sb.merge.title")),
    h(
      "form",
      {
        className: "form",
        onSubmit: (e) => {
          e.preventDefault();
          const id = other.value.trim().toUpperCase();
          if (!/^B-\d+$/.test(id)) {
            say(t("sb.merge.needId"), "error");
            return;
          }
          void mergeBuyers(view.buyer.id, id);
        },
      },
      h("p", { className: "muted" }, t("sb.merge.hint", { id: view.buyer.id })),
      h("label", { className: "control" }, h("span", {}, t("sb.merge.other")), other),
      h("button", { type: "submit", className: "danger", testId: "merge-go" }, t("sb.merge.go")),
    ),
  );
}

async function mergeBuyers(survivorId: string, mergedId: string): Promise<void> {
  const r = await busy(() => call("mergeBuyers", { survivorId, mergedId }));
  if (!r) return;
  merge.otherId = "";
  state.buyer = r.view;
  if (state.boot) state.boot.desk.version = "";
  render();
  say(t("sb.merge.done", { merged: mergedId, id: survivorId, count: r.moved }));
}

// ------------------------------------------------------------------------------------------- find / add

const find: { query: string; hits: BuyerHitView[] | null; duplicates: BuyerHitView[] | null } = {
  query: "",
  hits: null,
  duplicates: null,
};

function hitList(hits: BuyerHitView[], testId: string): HTMLElement {
  return h(
    "ul",
    { className: "items", testId },
    hits.map((hit) =>
      h(
        "li",
        { className: "item", testId: `hit-${hit.id}`, onClick: () => void openBuyer(hit.id) },
        h("div", { className: "line1" }, h("strong", {}, hit.company || hit.name), " ", gradeBadge(hit.grade)),
        h("div", { className: "line2" }, [hit.name, hit.email, hit.phone].filter(Boolean).join(" · ")),
        h(
          "div",
          { className: "muted" },
          `${hit.id} · ${person(hit.owner)} · ${t("sb.search.matched", { field: nameOf("sb.match", hit.matchedOn) })}`,
        ),
      ),
    ),
  );
}

function findView(): Child[] {
  const query = h("input", {
    type: "search",
    value: find.query,
    placeholder: t("sb.search.placeholder"),
    testId: "search-input",
  });
  const searchForm = h(
    "form",
    {
      className: "row",
      onSubmit: (e) => {
        e.preventDefault();
        find.query = query.value;
        void search(query.value);
      },
    },
    query,
    h("button", { type: "submit", className: "primary", testId: "search-go" }, t("sb.search.go")),
  );
  const results =
    find.hits === null
      ? null
      : find.hits.length === 0
        ? h("p", { className: "muted" }, t("sb.search.none"))
        : hitList(find.hits, "search-results");
  return [searchForm, results, addForm()];
}

async function search(query: string): Promise<void> {
  const hits = await busy(() => call("searchBuyers", { query }));
  if (!hits) return;
  find.hits = hits;
  render();
}

function addForm(): HTMLElement {
  const inputs = {
    company: h("input", { type: "text", name: "company", testId: "add-company" }),
    name: h("input", { type: "text", name: "name", testId: "add-name" }),
    email: h("input", { type: "email", name: "email", testId: "add-email" }),
    phone: h("input", { type: "tel", name: "phone", testId: "add-phone" }),
    country: h("input", { type: "text", name: "country", testId: "add-country" }),
  };
  const source = h(
    "select",
    { name: "source", testId: "add-source" },
    state.boot!.sources.map((s) => h("option", { value: s }, nameOf("sb.source", s))),
  );
  const notes = h("textarea", { name: "notes", testId: "add-notes" });
  const label = (text: string, control: HTMLElement) =>
    h("label", { className: "control" }, h("span", {}, text), control);
  const submit = (confirmDuplicate: boolean) =>
    void addBuyer({
      company: inputs.company.value,
      name: inputs.name.value,
      email: inputs.email.value,
      phone: inputs.phone.value,
      country: inputs.country.value,
      // The options are the server's own source list; the server validates the value again.
      source: source.value as NonNullable<RpcContract["addBuyer"]["input"]["source"]>,
      notes: notes.value,
      confirmDuplicate,
    });
  const warning = find.duplicates
    ? h(
        "div",
        { className: "warning", testId: "duplicates" },
        h("p", {}, t("sb.add.duplicates")),
        hitList(find.duplicates, "duplicate-list"),
        h(
          "button",
          { type: "button", className: "secondary", testId: "add-confirm", onClick: () => submit(true) },
          t("sb.add.confirm"),
        ),
      )
    : null;
  return h(
    "form",
    {
      className: "section form",
      testId: "add-form",
      onSubmit: (e) => {
        e.preventDefault();
        submit(false);
      },
    },
    h("h2", {}, t("sb.add.title")),
    label(t("sb.company"), inputs.company),
    label(t("sb.contact"), inputs.name),
    label(t("sb.email"), inputs.email),
    label(t("sb.phone"), inputs.phone),
    label(t("sb.country"), inputs.country),
    label(t("sb.source"), source),
    label(t("sb.add.notes"), notes),
    warning,
    h("button", { type: "submit", className: "primary", testId: "add-save" }, t("sb.add.save")),
  );
}

async function addBuyer(input: RpcContract["addBuyer"]["input"]): Promise<void> {
  const r = await busy(() => call("addBuyer", input));
  if (!r) return;
  if (!r.created) {
    find.duplicates = r.duplicates;
    render();
    // Keep what was typed: re-rendering rebuilt the form, so put the values back.
    const form = root.querySelector("[data-testid=add-form]") as HTMLFormElement | null;
    if (form)
      for (const [k, v] of Object.entries(input))
        if (typeof v === "string" && form.elements.namedItem(k))
          (form.elements.namedItem(k) as HTMLInputElement).value = v;
    return;
  }
  find.duplicates = null;
  // The new buyer's view came with the answer.
  state.buyer = r.view;
  state.tab = "buyer";
  render();
  say(t("sb.add.done", { id: r.buyerId }));
}

// ------------------------------------------------------------------------------------------- start

async function start(): Promise<void> {
  replace(root, h("p", { className: "muted loading" }, "…"));
  document.documentElement.lang = navigator.language || "en";
  try {
    const boot = await call("bootstrap", {});
    state.boot = boot;
    document.documentElement.lang = boot.me.lang;
    if (boot.buyer) {
      state.buyer = boot.buyer;
      state.tab = "buyer";
    }
    render();
    startLive({ fresh: freshDesk, relang: () => void start() });
  } catch (e) {
    replace(root, status);
    failed(e);
  }
}

onRender(render);
void start();
