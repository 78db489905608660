/**
 * The Team tab (boss and assistant, R1, R29, R30): who is who, onboarding, offboarding with a confirm step
 * that says what moves; and for everyone the "I'm travelling" form (away dates and deputy, R6).
 * Refusals show the server's own message.
 */
import type { OffboardPreview, TeamMember } from "../src/features/desk";
import { busy, day, dayKey, labelled, nameOf, person as personName, rerender, say, select, state, t } from "./app";
import { h } from "./dom";
import { call } from "./rpc";

const ROLES = ["salesperson", "assistant", "boss", "viewer"];

const team: { offboard: { email: string; to: string; preview: OffboardPreview | null } } = {
  offboard: { email: "", to: "", preview: null },
};

export function isManager(): boolean {
  const role = state.boot?.me.role ?? "";
  return role === "boss" || role === "assistant";
}

function members(): TeamMember[] {
  return state.boot?.team ?? [];
}

async function refreshTeam(): Promise<void> {
  const list = await busy(() => call("team", {}));
  if (list && state.boot) state.boot.team = list;
}

export function teamView(): HTMLElement[] {
  return [teamList(), onboardForm(), offboardForm(), awayForm()];
}

/** For the boss and the assistant: a schedule that stopped, or a salesperson whose mail was not pulled today. */
function scheduleLine(m: TeamMember): HTMLElement | null {
  const s = m.schedule;
  if (!s || m.status === "frozen") return null;
  if (!s.running)
    return h("div", { className: "sla sla-overdue" }, t("sb.team.scheduleStopped", { when: day(s.lastRun) }));
  if (m.role === "salesperson" && !s.pulledToday)
    return h("div", { className: "sla sla-due-soon" }, t("sb.team.notPulled", { when: day(s.lastPull) }));
  return null;
}

function teamList(): HTMLElement {
  return h(
    "section",
    { className: "section", testId: "team-list" },
    h("h2", {}, t("sb.team.title"), " ", h("span", { className: "count" }, String(members().length))),
    h(
      "ul",
      { className: "items" },
      members().map((m) =>
        h(
          "li",
          { className: `item static member-${m.status}`, testId: `member-${m.email}` },
          h(
            "div",
            { className: "line1" },
            h("strong", {}, m.name || m.email),
            " ",
            h("span", { className: "pill" }, t(`sb.role.${m.role}`)),
            " ",
            h("span", { className: `pill pill-${m.status}` }, t(`sb.staff.${m.status}`)),
          ),
          h("div", { className: "muted" }, m.email),
          m.deputy ? h("div", { className: "muted" }, t("sb.team.deputy", { deputy: personName(m.deputy) })) : null,
          m.awayFrom || m.awayUntil
            ? h(
                "div",
                { className: m.awayNow ? "sla sla-due-soon" : "muted" },
                t("sb.team.away", { from: day(m.awayFrom), until: day(m.awayUntil) }),
              )
            : null,
          m.regions || m.products
            ? h("div", { className: "muted" }, [m.regions, m.products].filter(Boolean).join(" · "))
            : null,
          scheduleLine(m),
        ),
      ),
    ),
  );
}

function onboardForm(): HTMLElement {
  const input = (name: string, type = "text") => h("input", { type, name, testId: `onboard-${name}` });
  const email = input("email", "email");
  const name = input("name");
  const regions = input("regions");
  const products = input("products");
  const role = select(
    "role",
    ROLES.map((r): [string, string] => [r, t(`sb.role.${r}`)]),
    "salesperson",
    "onboard-role",
  );
  const language = select(
    "language",
    [
      ["zh-CN", "中文"],
      ["en", "English"],
    ],
    state.boot?.me.lang ?? "zh-CN",
    "onboard-language",
  );
  return h(
    "details",
    { className: "section panel-box", testId: "onboard" },
    h("summary", { testId: "onboard-open" }, t("sb.team.onboard")),
    h(
      "form",
      {
        className: "form",
        onSubmit: (e) => {
          e.preventDefault();
          void onboard({
            email: email.value,
            name: name.value,
            role: role.value as "salesperson",
            language: language.value as "en" | "zh-CN",
            regions: regions.value,
            products: products.value,
          });
        },
      },
      labelled(t("sb.email"), email),
      labelled(t("sb.team.name"), name),
      labelled(t("sb.team.role"), role),
      labelled(t("sb.team.language"), language),
      labelled(t("sb.team.regions"), regions),
      labelled(t("sb.team.products"), products),
      h("button", { type: "submit", className: "primary", testId: "onboard-save" }, t("sb.team.onboardSave")),
    ),
  );
}

async function onboard(input: {
  email: string;
  name: string;
  role: "salesperson";
  language: "en" | "zh-CN";
  regions: string;
  products: string;
}): Promise<void> {
  const r = await busy(() => call("onboard", input));
  if (!r) return;
  await refreshTeam();
  rerender();
  say(
    t("sb.team.onboarded", {
      email: r.email,
      staff: t(`sb.team.staff.${r.staff}`),
      sharing: nameOf("sb.team.sharing", r.sharing),
      welcome: t(`sb.team.welcome.${r.welcome}`),
    }),
  );
}

type OffboardState = (typeof team)["offboard"];

function offboardForm(): HTMLElement {
  const me = state.boot?.me.email ?? "";
  const o = team.offboard;
  const people = members().filter((m) => m.status !== "frozen" && m.email !== me);
  const person = select(
    "person",
    [
      ["", t("sb.pick")],
      ...people.map((m): [string, string] => [m.email, m.name ? `${m.name} <${m.email}>` : m.email]),
    ],
    o.email,
    "offboard-person",
    (v) => {
      o.email = v;
      o.preview = null;
      rerender();
    },
  );
  const receivers = people.filter((m) => m.email !== o.email && m.role !== "viewer");
  const to = select(
    "to",
    [["", t("sb.team.spread")], ...receivers.map((m): [string, string] => [m.email, m.name || m.email])],
    o.to,
    "offboard-to",
    (v) => {
      o.to = v;
      o.preview = null;
      rerender();
    },
  );
  const box = h(
    "details",
    { className: "section panel-box", testId: "offboard" },
    h("summary", { testId: "offboard-open" }, t("sb.team.offboard")),
    labelled(t("sb.team.person"), person),
    labelled(t("sb.team.handTo"), to),
    o.preview ? offboardConfirmBox(o, o.preview) : reviewButton(),
  );
  box.open = o.email !== "" || o.preview !== null;
  return box;
}

/** Nothing is handed over before the person has seen what moves, to whom: "Review" asks the server first. */
function reviewButton(): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      className: "secondary",
      testId: "offboard-review",
      onClick: () => void review(),
    },
    t("sb.team.review"),
  );
}

/** What the handover will move and to whom, with "Confirm" and "Cancel". */
function offboardConfirmBox(o: OffboardState, preview: OffboardPreview): HTMLElement {
  return h(
    "div",
    { className: "warning", testId: "offboard-confirm-box" },
    h(
      "p",
      {},
      t("sb.team.confirmText", {
        email: personName(preview.email),
        buyers: preview.buyers,
        inquiries: preview.inquiries,
        quotes: preview.quotes,
        samples: preview.samples,
        receivers: preview.receivers.map(personName).join(", ") || t("sb.team.noReceivers"),
      }),
    ),
    h(
      "div",
      { className: "row" },
      h(
        "button",
        { type: "button", className: "danger", testId: "offboard-confirm", onClick: () => void offboard() },
        t("sb.team.confirm"),
      ),
      h(
        "button",
        {
          type: "button",
          className: "secondary",
          onClick: () => {
            o.preview = null;
            rerender();
          },
        },
        t("sb.team.cancel"),
      ),
    ),
  );
}

async function review(): Promise<void> {
  const o = team.offboard;
  if (!o.email) {
    say(t("sb.team.pickPerson"), "error");
    return;
  }
  const p = await busy(() => call("offboardPreview", { email: o.email, to: o.to || undefined }));
  if (!p) return;
  o.preview = p;
  rerender();
}

async function offboard(): Promise<void> {
  const o = team.offboard;
  const r = await busy(() => call("offboard", { email: o.email, to: o.to || undefined }));
  if (!r) return;
  team.offboard = { email: "", to: "", preview: null };
  await refreshTeam();
  rerender();
  say(t("sb.team.offboarded", { email: r.email, buyers: r.buyers }));
}

/** "I'm travelling" (R6): my away dates and who covers for me; "I'm back" ends it now. */
export function awayForm(): HTMLElement {
  const me = members().find((m) => m.email === state.boot?.me.email);
  const from = h("input", { type: "date", name: "from", value: dayKey(me?.awayFrom ?? null), testId: "away-from" });
  const until = h("input", { type: "date", name: "until", value: dayKey(me?.awayUntil ?? null), testId: "away-until" });
  const colleagues = members().filter((m) => m.email !== me?.email && m.status !== "frozen" && m.role !== "viewer");
  const deputy = select(
    "deputy",
    [["", t("sb.pick")], ...colleagues.map((m): [string, string] => [m.email, m.name || m.email])],
    me?.deputy ?? "",
    "away-deputy",
  );
  return h(
    "details",
    { className: "section panel-box", testId: "away" },
    h("summary", { testId: "away-open" }, t("sb.away.title")),
    h(
      "form",
      {
        className: "form",
        onSubmit: (e) => {
          e.preventDefault();
          void setAway({
            from: from.value || undefined,
            until: until.value || undefined,
            deputy: deputy.value || undefined,
          });
        },
      },
      labelled(t("sb.away.from"), from),
      labelled(t("sb.away.until"), until),
      labelled(t("sb.away.deputy"), deputy),
      h(
        "div",
        { className: "row" },
        h("button", { type: "submit", className: "primary", testId: "away-save" }, t("sb.away.save")),
        me?.awayNow || me?.awayFrom
          ? h(
              "button",
              {
                type: "button",
                className: "secondary",
                testId: "away-back",
                onClick: () => void setAway({ back: true }),
              },
              t("sb.away.back"),
            )
          : null,
      ),
    ),
  );
}

async function setAway(input: { from?: string; until?: string; deputy?: string; back?: boolean }): Promise<void> {
  const r = await busy(() => call("setAway", input));
  if (!r) return;
  await refreshTeam();
  rerender();
  say(
    input.back
      ? t("sb.away.backDone")
      : t("sb.away.saved", { from: day(r.awayFrom), until: day(r.awayUntil), deputy: personName(r.deputy) || "–" }),
  );
}
