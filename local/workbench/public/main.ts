/**
 * The workbench page: the workbook as a spreadsheet, the add-on's menu, the real sidebar (bridged to the server
 * functions), mailboxes, the clock and the documents. Plain DOM; every text from the book, mail or the add-on is
 * set with textContent, never parsed as HTML.
 */

interface UiEvents {
  toasts: { title: string; message: string }[];
  alerts: { kind: string; title: string; prompt: string }[];
  shown: { index: number; kind: string; title: string }[];
}
interface ActionResult<T = unknown> {
  ok: boolean;
  value?: T;
  error?: string;
  ui: UiEvents;
}
interface MenuView {
  name: string;
  items: ({ caption: string; functionName: string } | { separator: true })[];
}
interface State {
  version: number;
  clock: string;
  timeZone: string;
  acting: string;
  owner: string;
  users: { email: string; name: string; role: string; status: string }[];
  menus: MenuView[];
  sheets: { name: string; lastRow: number; columns: number }[];
  nextFires: { handler: string; at: string }[];
}
interface SheetPage {
  name: string;
  offset: number;
  lastRow: number;
  maxRows: number;
  columns: number;
  frozenRows: number;
  rows: string[][];
}
interface MailListing {
  user: string;
  folder: string;
  files: string[];
  messages: { id: string; date: string; from: string; to: string; subject: string; labels: string[]; draft: boolean }[];
}
interface DocListing {
  id: string;
  name: string;
  owner: string;
  updated: string;
  canOpen: boolean;
}

const PAGE_SIZE = 500;

let state: State | undefined;
let currentSheet = "Buyers";
let currentOffset = 0;
let currentView = "workbook";
let selectedRow = 0;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { text?: string; className?: string; title?: string } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  if (props.title) node.title = props.title;
  for (const c of children) node.append(c);
  return node;
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    path,
    body === undefined
      ? {}
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
  );
  if (!res.ok) throw new Error(`${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

// ---------------------------------------------------------------- feedback

function toast(title: string, message: string, error = false): void {
  const box = el("div", { className: error ? "toast error" : "toast" }, [el("b", { text: title }), message]);
  $("toasts").append(box);
  setTimeout(() => box.remove(), error ? 9000 : 6000);
}

function activity(text: string, error = false): void {
  const time = state ? formatClock(state.clock, state.timeZone) : "";
  const item = el("li", { className: error ? "error" : "", text: `${time} — ${text}` });
  $("activity").prepend(item);
}

/** What the add-on showed while an action ran: toasts, alerts, sidebars and dialogs. */
function showUi(ui: UiEvents | undefined): void {
  if (!ui) return;
  for (const t of ui.toasts) {
    toast(t.title || "Buyerbook", t.message);
    activity(`toast: ${t.title ? `${t.title}: ` : ""}${t.message}`);
  }
  for (const a of ui.alerts) {
    openDialog(a.title || "Buyerbook", el("p", { text: a.prompt }));
    activity(`${a.kind}: ${a.title} ${a.prompt}`);
  }
  for (const h of ui.shown) {
    if (h.kind === "sidebar") {
      $("sidebar-title").textContent = h.title || "Buyerbook";
      $<HTMLIFrameElement>("sidebar").src = `/shown/${h.index}`;
    } else {
      const frame = el("iframe", { title: h.title });
      frame.setAttribute("sandbox", "allow-scripts allow-forms allow-popups allow-modals");
      frame.src = `/shown/${h.index}`;
      openDialog(h.title || "Buyerbook", frame);
    }
  }
}

function openDialog(title: string, body: Node): void {
  const dialog = $<HTMLDialogElement>("dialog");
  $("dialog-title").textContent = title;
  $("dialog-body").replaceChildren(body);
  if (!dialog.open) dialog.showModal();
}

function parseJson(value: unknown): Record<string, unknown> {
  try {
    return typeof value === "string" ? (JSON.parse(value) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function report(result: ActionResult, what: string): void {
  showUi(result.ui);
  if (!result.ok) {
    toast(what, result.error ?? "failed", true);
    activity(`${what} failed: ${result.error}`, true);
  }
}

// ---------------------------------------------------------------- state, top bar

function formatClock(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(d);
  return `${text} (${timeZone})`;
}

async function refresh(): Promise<void> {
  state = await api<State>("/api/state");
  renderTop(state);
  renderSheetTabs(state);
  await renderView();
}

function renderTop(s: State): void {
  $("clock").textContent = formatClock(s.clock, s.timeZone);
  const next = s.nextFires[0];
  $("clock").title = next
    ? `Next trigger: ${next.handler} at ${formatClock(next.at, s.timeZone)}`
    : "No triggers installed";
  const acting = $<HTMLSelectElement>("acting");
  acting.replaceChildren(
    ...s.users.map((u) => {
      const o = el("option", {
        text: `${u.name || u.email} — ${u.role}${u.status && u.status !== "active" ? ` (${u.status})` : ""}`,
      });
      o.value = u.email;
      return o;
    }),
  );
  acting.value = s.acting;
  renderMenus(s.menus);
}

function renderMenus(menus: MenuView[]): void {
  const bar = $("menubar");
  bar.replaceChildren(
    ...menus.map((m) => {
      const wrap = el("div", { className: "menu" });
      const button = el("button", { text: `${m.name} ▾` });
      button.type = "button";
      const items = el("div", { className: "menu-items" });
      items.hidden = true;
      for (const item of m.items) {
        if ("separator" in item) {
          items.append(el("hr"));
          continue;
        }
        const b = el("button", { text: item.caption });
        b.type = "button";
        b.dataset.fn = item.functionName;
        b.addEventListener("click", () => {
          items.hidden = true;
          void runMenu(item.functionName, item.caption);
        });
        items.append(b);
      }
      button.addEventListener("click", (e) => {
        e.stopPropagation();
        items.hidden = !items.hidden;
      });
      wrap.append(button, items);
      return wrap;
    }),
  );
}

document.addEventListener("click", () => {
  for (const m of Array.from(document.querySelectorAll<HTMLElement>(".menu-items"))) m.hidden = true;
});

async function runMenu(fn: string, caption: string): Promise<void> {
  activity(`menu: ${caption}`);
  const result = await api<ActionResult>("/api/menu", { fn });
  report(result, caption);
  await refresh();
  // "Pull mail now" and the other menu jobs run on the server: the sidebar checks for news at once.
  nudgeSidebar();
}

// ---------------------------------------------------------------- the grid

function renderSheetTabs(s: State): void {
  if (!s.sheets.some((x) => x.name === currentSheet) && s.sheets.length > 0) currentSheet = s.sheets[0].name;
  $("sheet-tabs").replaceChildren(
    ...s.sheets.map((sheet) => {
      const b = el("button", { text: sheet.name, className: sheet.name === currentSheet ? "active" : "" });
      b.type = "button";
      b.dataset.sheet = sheet.name;
      b.addEventListener("click", () => {
        currentSheet = sheet.name;
        currentOffset = 0;
        selectedRow = 0;
        $("cell-ref").textContent = "";
        $("cell-text").textContent = "";
        const wrap = document.querySelector<HTMLElement>(".grid-wrap");
        if (wrap) wrap.scrollTo(0, 0);
        renderSheetTabs(s);
        void loadGrid();
      });
      return b;
    }),
  );
}

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

async function loadGrid(): Promise<void> {
  const page = await api<SheetPage>(
    `/api/sheet?name=${encodeURIComponent(currentSheet)}&offset=${currentOffset}&limit=${PAGE_SIZE}`,
  );
  renderGrid(page);
}

function renderGrid(page: SheetPage): void {
  const table = $<HTMLTableElement>("grid");
  table.dataset.sheet = page.name;
  const headRow = el("tr", {}, [el("th", { text: "" })]);
  for (let c = 1; c <= page.columns; c++) headRow.append(el("th", { text: columnLetter(c) }));
  const body = el("tbody");
  page.rows.forEach((values, i) => {
    const rowNumber = page.offset + i + 1;
    const tr = el("tr", {
      className: [rowNumber <= page.frozenRows ? "frozen" : "", rowNumber === selectedRow ? "selected" : ""]
        .join(" ")
        .trim(),
    });
    tr.dataset.row = String(rowNumber);
    const th = el("th", { text: String(rowNumber) });
    th.addEventListener("click", () => {
      $("cell-ref").textContent = `${currentSheet}!${rowNumber}:${rowNumber}`;
      $("cell-text").textContent = "";
      void selectRow(rowNumber);
    });
    tr.append(th);
    values.forEach((value, c) => {
      const td = el("td", { text: value, title: value });
      td.dataset.col = String(c + 1);
      td.addEventListener("click", () => {
        focusCell(td, rowNumber, c + 1);
        if (rowNumber !== selectedRow) void selectRow(rowNumber);
      });
      td.addEventListener("dblclick", () => editCell(td, rowNumber, c + 1));
      tr.append(td);
    });
    body.append(tr);
  });
  table.replaceChildren(el("thead", {}, [headRow]), body);
  renderPager(page);
}

function renderPager(page: SheetPage): void {
  const last = Math.max(page.lastRow, 1);
  const pager = $("pager");
  const info = el("span", {
    text: `Rows ${page.offset + 1}–${Math.min(page.offset + page.rows.length, page.maxRows)} · ${page.lastRow} with data`,
  });
  const prev = el("button", { text: "‹ Prev" });
  prev.type = "button";
  prev.disabled = page.offset === 0;
  prev.addEventListener("click", () => {
    currentOffset = Math.max(0, currentOffset - PAGE_SIZE);
    void loadGrid();
  });
  const next = el("button", { text: "Next ›" });
  next.type = "button";
  next.disabled = page.offset + PAGE_SIZE >= last;
  next.addEventListener("click", () => {
    currentOffset += PAGE_SIZE;
    void loadGrid();
  });
  pager.replaceChildren(info, prev, next);
}

function focusCell(td: HTMLTableCellElement, row: number, column: number): void {
  for (const a of Array.from(document.querySelectorAll("#grid td.active"))) a.classList.remove("active");
  td.classList.add("active");
  $("cell-ref").textContent = `${currentSheet}!${columnLetter(column)}${row}`;
  $("cell-text").textContent = td.textContent ?? "";
}

/** Selecting a row selects it in the emulated sheet too, so the sidebar's "selected row" sees it. */
async function selectRow(row: number): Promise<void> {
  selectedRow = row;
  for (const tr of Array.from(document.querySelectorAll<HTMLTableRowElement>("#grid tbody tr"))) {
    tr.classList.toggle("selected", tr.dataset.row === String(row));
  }
  const result = await api<ActionResult<string>>("/api/select", { sheet: currentSheet, row });
  report(result, "Select");
  $<HTMLIFrameElement>("sidebar").contentWindow?.postMessage(
    { type: "workbench.selection", sheet: currentSheet, row },
    "*",
  );
}

/** Typing into a cell: the value goes through Range.setValue as the acting user (parsed as Sheets would). */
function editCell(td: HTMLTableCellElement, row: number, column: number): void {
  if (td.querySelector("input")) return;
  const before = td.textContent ?? "";
  const input = el("input");
  input.value = before;
  td.replaceChildren(input);
  input.focus();
  input.select();
  let done = false;
  const finish = async (commit: boolean) => {
    if (done) return;
    done = true;
    if (!commit || input.value === before) {
      td.textContent = before;
      return;
    }
    td.textContent = input.value;
    const result = await api<ActionResult<string>>("/api/cell", {
      sheet: currentSheet,
      row,
      column,
      value: input.value,
    });
    report(result, `Edit ${columnLetter(column)}${row}`);
    if (result.ok) activity(`edited ${currentSheet}!${columnLetter(column)}${row} = ${result.value ?? ""}`);
    await refresh();
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void finish(true);
    if (e.key === "Escape") void finish(false);
  });
  input.addEventListener("blur", () => void finish(true));
}

// ---------------------------------------------------------------- mail

async function loadMail(): Promise<void> {
  if (!state) return;
  const select = $<HTMLSelectElement>("mail-user");
  const chosen = select.value || state.acting;
  select.replaceChildren(
    ...state.users.map((u) => {
      const o = el("option", { text: `${u.name || u.email} <${u.email}>` });
      o.value = u.email;
      return o;
    }),
  );
  select.value = chosen;
  const listing = await api<MailListing>(`/api/mail?user=${encodeURIComponent(chosen)}`);
  $("mail-folder").textContent =
    `${listing.folder} · ${listing.files.length} .eml files · ${listing.messages.length} messages in the mailbox`;
  // Only the book's people have mailboxes here, so "To" is a choice among them.
  const to = $<HTMLFormElement>("compose").elements.namedItem("to") as HTMLSelectElement;
  to.replaceChildren(
    ...state.users.map((u) => {
      const o = el("option", { text: u.name ? `${u.name} <${u.email}>` : u.email });
      o.value = u.email;
      return o;
    }),
  );
  to.value = listing.user;
  $("mail-list").replaceChildren(messageTable(listing, listing.messages));
}

interface MailMessage {
  from: string;
  to: string;
  cc: string;
  date: string;
  subject: string;
  text: string;
}

/** Shows a message's headers and plain text above the list (as text, never as HTML). */
async function openMessage(user: string, id: string, row: HTMLElement): Promise<void> {
  const m = await api<MailMessage>(`/api/mail/message?user=${encodeURIComponent(user)}&id=${encodeURIComponent(id)}`);
  for (const r of Array.from(row.parentElement?.children ?? [])) r.classList.toggle("open", r === row);
  $("mail-reader-subject").textContent = m.subject || "(no subject)";
  const head: Node[] = [];
  for (const [k, v] of [
    ["From", m.from],
    ["To", m.to],
    ["Cc", m.cc],
    ["Date", state ? formatClock(m.date, state.timeZone) : m.date],
  ])
    if (v) head.push(el("dt", { text: k }), el("dd", { text: v }));
  $("mail-reader-head").replaceChildren(...head);
  $("mail-reader-text").textContent = m.text;
  const reader = $("mail-reader");
  reader.hidden = false;
  reader.scrollTop = 0;
}

function messageTable(listing: MailListing, messages: MailListing["messages"]): DocumentFragment {
  const frag = document.createDocumentFragment();
  frag.append(
    el(
      "tr",
      {},
      ["Date", "From", "To", "Subject", "Labels", ""].map((h) => el("th", { text: h })),
    ),
  );
  for (const m of messages) {
    const link = el("a", { text: ".eml" });
    link.href = `/mail/${encodeURIComponent(listing.user)}/${m.id}.eml`;
    link.setAttribute("download", "");
    const labels = el(
      "td",
      {},
      [...(m.draft ? ["DRAFT"] : []), ...m.labels].map((l) => el("span", { className: "label", text: l })),
    );
    const subject = el("a", { className: "subject", text: m.subject || "(no subject)", title: "Read it here" });
    subject.href = "#";
    const row = el("tr", {}, [
      el("td", { text: state ? formatClock(m.date, state.timeZone).replace(/ \(.*\)$/, "") : m.date }),
      el("td", { text: m.from }),
      el("td", { text: m.to }),
      el("td", {}, [subject]),
      labels,
      el("td", {}, [link]),
    ]);
    row.dataset.message = m.id;
    subject.addEventListener("click", (e) => {
      e.preventDefault();
      void openMessage(listing.user, m.id, row);
    });
    frag.append(row);
  }
  if (messages.length === 0) frag.append(el("tr", {}, [el("td", { text: "No messages." })]));
  return frag;
}

$("compose").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const data: Record<string, string> = {};
  for (const name of ["to", "fromName", "fromEmail", "subject", "body"]) {
    data[name] = (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
  }
  const result = await api<ActionResult<{ file: string }>>("/api/mail/compose", data);
  report(result, "Test inquiry");
  if (result.ok) {
    toast("Test inquiry", `Saved ${result.value?.file ?? ""}`);
    activity(`test inquiry written to ${String(data.to)}: ${String(data.subject)}`);
  }
  await loadMail();
});

$("mail-user").addEventListener("change", () => void loadMail());

// ---------------------------------------------------------------- docs and outgoing mail

async function loadDocs(): Promise<void> {
  if (!state) return;
  const docs = await api<DocListing[]>("/api/docs");
  const table = $("doc-list");
  table.replaceChildren(
    el(
      "tr",
      {},
      ["Document", "Owner", "Updated", ""].map((h) => el("th", { text: h })),
    ),
  );
  for (const d of docs) {
    const actions = el("td");
    if (d.canOpen) {
      const open = el("button", { text: "Open" });
      open.type = "button";
      open.dataset.doc = d.id;
      open.addEventListener("click", () => {
        const frame = $<HTMLIFrameElement>("doc-frame");
        frame.hidden = false;
        frame.src = `/docs/${encodeURIComponent(d.id)}.html`;
      });
      const docx = el("a", { text: ".docx" });
      docx.href = `/docs/${encodeURIComponent(d.id)}.docx`;
      docx.setAttribute("download", "");
      actions.append(open, " ", docx);
    } else actions.append(el("span", { className: "muted", text: "not shared with you" }));
    table.append(
      el("tr", {}, [
        el("td", { text: d.name }),
        el("td", { text: d.owner }),
        el("td", { text: formatClock(d.updated, state.timeZone) }),
        actions,
      ]),
    );
  }
  if (docs.length === 0) table.append(el("tr", {}, [el("td", { text: "No documents yet. Reports appear here." })]));
  const listing = await api<MailListing>(`/api/mail?user=${encodeURIComponent(state.acting)}`);
  const outgoing = listing.messages.filter((m) => m.draft || m.labels.includes("SENT"));
  $("outgoing-list").replaceChildren(messageTable(listing, outgoing));
}

// ---------------------------------------------------------------- views

async function renderView(): Promise<void> {
  for (const v of Array.from(document.querySelectorAll<HTMLElement>(".view")))
    v.hidden = v.id !== `view-${currentView}`;
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>(".views button")))
    b.classList.toggle("active", b.dataset.view === currentView);
  if (currentView === "workbook") await loadGrid();
  if (currentView === "mail") await loadMail();
  if (currentView === "docs") await loadDocs();
}

for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>(".views button"))) {
  b.addEventListener("click", () => {
    currentView = b.dataset.view ?? "workbook";
    void renderView();
  });
}

// ---------------------------------------------------------------- top bar actions

$("pull").addEventListener("click", async () => {
  const result = await api<ActionResult>("/api/pull", {});
  report(result, "Pull mail");
  if (result.ok) {
    const pulled = parseJson(result.value) as { messages?: number; newInquiries?: number; refused?: string };
    const who = state?.users.find((u) => u.email === state?.acting)?.name || state?.acting || "";
    activity(
      pulled.refused
        ? `pull refused for ${who}`
        : `pulled ${pulled.messages ?? 0} mails for ${who} (${pulled.newInquiries ?? 0} new inquiries)`,
    );
  }
  await refresh();
  nudgeSidebar();
});

for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>(".clock button"))) {
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      const result = await api<
        ActionResult<{ clock: string; activity: { at: string; text: string; error?: boolean }[] }>
      >("/api/clock", { step: b.dataset.step });
      report(result, "Clock");
      // What the heartbeats did, in words; the quiet ticks come as one counted line.
      for (const line of result.value?.activity ?? [])
        activity(`${formatClock(line.at, state?.timeZone ?? "UTC")}: ${line.text}`, Boolean(line.error));
      await refresh();
      nudgeSidebar();
    } finally {
      b.disabled = false;
    }
  });
}

$("acting").addEventListener("change", async () => {
  const user = $<HTMLSelectElement>("acting").value;
  const result = await api<ActionResult>("/api/act-as", { user });
  report(result, "Acting as");
  activity(`acting as ${user}`);
  reloadSidebar();
  await refresh();
});

/** The world moved (mail pulled, the clock advanced): an open sidebar checks for news at once. */
function nudgeSidebar(): void {
  $<HTMLIFrameElement>("sidebar").contentWindow?.postMessage({ type: "workbench.changed" }, "*");
}

function reloadSidebar(): void {
  $("sidebar-title").textContent = "Buyerbook";
  $<HTMLIFrameElement>("sidebar").src = `/sidebar?as=${encodeURIComponent(state?.acting ?? "")}&t=${Date.now()}`;
}
$("sidebar-reload").addEventListener("click", reloadSidebar);

// ---------------------------------------------------------------- google.script.run bridge

/** Sidebar and dialogs post {type:"gas.run"}; the page runs it on the server and answers the same frame. */
window.addEventListener("message", async (e: MessageEvent) => {
  const data = e.data as { type?: string; id?: number; fn?: string; args?: unknown[] } | null;
  const frames = Array.from(document.querySelectorAll("iframe")).map((f) => f.contentWindow);
  if (!data || !e.source || !frames.includes(e.source as Window)) return;
  if (data.type === "gas.close") {
    const dialog = $<HTMLDialogElement>("dialog");
    if (dialog.open) dialog.close();
    return;
  }
  if (data.type !== "gas.run" || typeof data.fn !== "string") return;
  let reply: { ok: boolean; value?: unknown; error?: string };
  try {
    const result = await api<ActionResult>("/gas/run", { fn: data.fn, args: data.args ?? [] });
    showUi(result.ui);
    reply = result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
  } catch (error) {
    reply = { ok: false, error: String(error) };
  }
  (e.source as Window).postMessage({ type: "gas.result", id: data.id, ...reply }, "*");
  void refresh();
});

void refresh();
