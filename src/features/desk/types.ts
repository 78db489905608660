/**
 * What the sidebar's server functions take and give (the client imports these types only). Instants travel
 * as ISO-8601 strings, due days as "yyyy-mm-dd" in the company zone.
 */
import type { DueState } from "../../domain/cadence";
import type { SlaState } from "../../domain/sla";

export type GradeLetter = "A" | "B" | "C" | "D";
export type FollowUpChannel = "email" | "phone" | "fax" | "post" | "visit" | "trade-show" | "platform";

export interface Me {
  email: string;
  name: string;
  role: string;
  lang: "zh-CN" | "en";
  /**
   * Whether my hourly schedule runs (it pulls my mail and sends my morning digest): false offers to start it;
   * null for viewers and people not on the Staff sheet, who have none.
   */
  scheduleRunning: boolean | null;
}

export interface DeskInquiry {
  id: string;
  buyerId: string;
  company: string;
  fromName: string;
  fromEmail: string;
  subject: string;
  channel: string;
  receivedAt: string | null;
  targetAt: string | null;
  limitAt: string | null;
  state: SlaState | "";
  minutesToTarget: number;
  minutesToLimit: number;
  grade: string;
  owner: string;
  assignedTo: string;
  /** Set when I see it as the deputy of this away colleague (R6). */
  forOwner: string;
  /** The sheet rows it and its buyer were read on, sent back with a click as hints (rows move: checked). */
  row?: number;
  buyerRow?: number;
}

export interface DeskFollowUp {
  buyerId: string;
  company: string;
  name: string;
  grade: string;
  owner: string;
  dueDate: string;
  state: DueState;
  daysOverdue: number;
  forOwner: string;
  /** The buyer's sheet row as read (a hint for the next call, checked). */
  row?: number;
}

/** A sample whose feedback is due (R27): delivered some days ago, the buyer's verdict not yet recorded. */
export interface DeskSample {
  id: string;
  buyerId: string;
  company: string;
  products: string;
  kind: string;
  delivered: string | null;
  feedbackDue: string;
  daysLate: number;
  forOwner: string;
}

export interface Desk {
  at: string;
  /** The desk version this desk was read at (see DeskVersion). */
  version: string;
  unanswered: DeskInquiry[];
  ungraded: DeskInquiry[];
  due: DeskFollowUp[];
  /** Away colleagues whose work I hold as deputy (R6). */
  covering: { email: string; name: string; until: string | null }[];
  totals: { unanswered: number; ungraded: number; overdue: number; today: number };
  /** Samples whose feedback is due today or earlier (R27); absent when the book has no Samples sheet. */
  feedbackDue?: DeskSample[];
  /** How many samples await feedback in all (the list shows the most late, at most DESK_LIMIT). */
  feedbackDueTotal?: number;
}

/** The desk's version and the server's clock (see the deskVersion RPC). */
export interface DeskVersion {
  version: string;
  at: string;
  /** The caller's language now (a changed Staff language shows at once: the sidebar reloads its strings). */
  lang: "zh-CN" | "en";
}

/** One colleague as the Team tab shows them (R1, R6); the boss and the assistant see every field. */
export interface TeamMember {
  email: string;
  name: string;
  role: string;
  status: string;
  deputy: string;
  awayFrom: string | null;
  awayUntil: string | null;
  regions: string;
  products: string;
  language: string;
  /** Away today (between the away dates) or marked away. */
  awayNow: boolean;
  /**
   * For the boss and the assistant only: whether this person's hourly schedule is running and their mail was
   * pulled today (R6, R8: nothing missed silently). Null for viewers and frozen people.
   */
  schedule?: { running: boolean; lastRun: string | null; lastPull: string | null; pulledToday: boolean } | null;
}

/** What offboarding a person would move (R29), for the confirm step. */
export interface OffboardPreview {
  email: string;
  buyers: number;
  inquiries: number;
  quotes: number;
  samples: number;
  /** Who would receive: one named colleague, or the active salespeople the load is spread over. */
  receivers: string[];
}

export interface BuyerCard {
  id: string;
  company: string;
  name: string;
  email: string;
  otherEmails: string;
  phone: string;
  website: string;
  country: string;
  region: string;
  source: string;
  grade: string;
  owner: string;
  ownerName: string;
  status: string;
  products: string;
  created: string | null;
  lastContact: string | null;
  nextFollowUp: string | null;
  daysOverdue: number | null;
  duplicateOf: string;
  notes: string;
  /** The sheet row as read (a hint for the next call, checked). */
  row?: number;
}

export type HistoryKind = "inquiry" | "quote" | "sample" | "followup";

export interface HistoryItem {
  kind: HistoryKind;
  id: string;
  at: string | null;
  title: string;
  detail: string;
  /** Who: a colleague's name where the Staff sheet has one, else the address. */
  by: string;
  /** Inquiries: their status; quotes: theirs; samples: requested/sent/delivered; follow-ups: the kind ("grade"…). */
  status: string;
  grade: string;
  needsBoss: boolean;
  /** The inquiry's or follow-up's channel (shown translated). */
  channel: string;
  /** Samples: electronic or physical, and the freight terms (shown translated). */
  sampleKind?: string;
  freight?: string;
}

export interface BuyerView {
  buyer: BuyerCard;
  /** Whether I may grade and log for this buyer (owner, deputy, boss, assistant). */
  canAct: boolean;
  /** Whether I may merge another buyer into this one (its owner, the boss, the assistant). */
  canMerge: boolean;
  inquiries: DeskInquiry[];
  history: HistoryItem[];
  /** Set when the ID asked for was merged into this buyer: the old ID, shown so people know why. */
  mergedFrom?: string;
}

/**
 * What a sidebar action changed, so the sidebar updates in place with no second call: the buyer's card, the
 * open inquiries that changed (by ID; a closed one leaves), the history lines added, and the desk entries.
 */
export interface ViewPatch {
  /** Null when the inquiry has no buyer yet. */
  buyer: BuyerCard | null;
  inquiries: DeskInquiry[];
  history: HistoryItem[];
  desk: DeskPatch;
}

/** Desk lines to put in (`entry`) or take out (`entry: null`), and how each total moves. */
export interface DeskPatch {
  unanswered: { id: string; entry: DeskInquiry | null }[];
  ungraded: { id: string; entry: DeskInquiry | null }[];
  due: { id: string; entry: DeskFollowUp | null }[];
  totals: { unanswered: number; ungraded: number; overdue: number; today: number };
}

export interface Selection {
  sheet: string;
  row: number;
  buyerId: string;
  inquiryId: string;
}

export interface GradeInfo {
  grade: GradeLetter;
  definition: string;
  cadenceDays: number;
}

export interface Bootstrap {
  me: Me;
  /** The company zone (Settings): due days and times are shown in it, whatever the browser's zone. */
  timeZone: string;
  strings: Record<string, string>;
  grades: GradeInfo[];
  ungradedDays: number;
  channels: FollowUpChannel[];
  sources: string[];
  desk: Desk;
  selection: Selection | null;
  buyer: BuyerView | null;
  /** Colleagues (from the cached Staff table: no sheet read). */
  team: TeamMember[];
}

export interface GradeResult {
  inquiryId: string;
  buyerId: string;
  grade: GradeLetter;
  nextFollowUp: string | null;
  followUpId: string;
  patch: ViewPatch | null;
}

export interface LogResult {
  followUpId: string;
  buyerId: string;
  lastContact: string;
  nextFollowUp: string | null;
  /** Set when the follow-up answered an inquiry (R7, R8, R26). */
  answered: { inquiryId: string; responseHours: number } | null;
  patch: ViewPatch;
}

export interface BuyerHitView {
  id: string;
  company: string;
  name: string;
  email: string;
  phone: string;
  country: string;
  grade: string;
  owner: string;
  matchedOn: string;
}

export type AddBuyerResult =
  | { created: true; buyerId: string; duplicateOf: string[]; view: BuyerView }
  | { created: false; duplicates: BuyerHitView[] };
