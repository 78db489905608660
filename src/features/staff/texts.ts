/**
 * The words of onboarding and offboarding (R29, R30): the welcome mail with the training checklist and
 * refusals (the handover mail to each receiver is domain/handover-text.ts). Kept beside the jobs (long mail
 * bodies do not belong in the UI catalogue); every text exists in both languages, and the type checker holds
 * them to it.
 */
import type { Lang } from "../../i18n";

export interface TeamLine {
  name: string;
  email: string;
  role: string;
  regions: string;
}

export interface HandedBuyer {
  id: string;
  company: string;
  country: string;
  grade: string;
  /** Open inquiries, open quotes, samples on the way for this buyer. */
  inquiries: number;
  quotes: number;
  samples: number;
  /** The follow-up date carried over, when one is set. */
  due?: string;
}

/** A fixed marker in every welcome subject, so a rerun finds the mail already sent (Gmail search). */
export const WELCOME_MARKER = "Buyerbook welcome";
/** A fixed marker in every handover subject: "Buyerbook handover <leaver>". */
export const HANDOVER_MARKER = "Buyerbook handover";

const ROLE_NAMES: Record<Lang, Record<string, string>> = {
  en: { boss: "boss", assistant: "assistant", salesperson: "salesperson", viewer: "viewer (read-only)" },
  "zh-CN": { boss: "老板", assistant: "助理", salesperson: "业务员", viewer: "查看者（只读）" },
};

export function roleName(lang: Lang, role: string): string {
  return ROLE_NAMES[lang][role] ?? role;
}

function teamLines(lang: Lang, team: readonly TeamLine[]): string[] {
  return team.map((m) => {
    const regions = m.regions ? (lang === "zh-CN" ? `，负责 ${m.regions}` : `, covers ${m.regions}`) : "";
    return `  - ${m.name || m.email} <${m.email}> — ${roleName(lang, m.role)}${regions}`;
  });
}

export function welcomeMail(
  lang: Lang,
  args: { name: string; role: string; company: string; url: string; team: readonly TeamLine[] },
): { subject: string; body: string } {
  const company = args.company || "Buyerbook";
  if (lang === "zh-CN") {
    return {
      subject: `${WELCOME_MARKER}：欢迎加入 ${company}`,
      body: [
        `${args.name}，你好！`,
        "",
        `欢迎加入 ${company}。你在 Buyerbook 中的角色是：${roleName(lang, args.role)}。`,
        `客户表格：${args.url}`,
        "",
        "入职培训清单：",
        "  0. 第一天：点“扩展程序 > Buyerbook 客户管理 > 启动定时任务（每小时检查）”，或工作台上的“启动我的定时任务”按钮。之后你的邮件每天自动收取三次，每天早上收到待办清单。",
        "  1. 日常使用：每天早、中、晚三次查看询盘；打开表格，点“扩展程序 > Buyerbook > 打开侧边栏”，在工作台里给询盘定级、记录跟进。",
        "  2. 产品库：所有产品资料和图片都在“产品”表，编号唯一；需要修改请联系助理。",
        "  3. 报价模板：公司只有一个报价模板，报价一律用纯文本，从侧边栏生成。",
        "  4. 认识同事：",
        ...teamLines(lang, args.team),
        "",
        "有问题请随时问助理。",
      ].join("\n"),
    };
  }
  return {
    subject: `${WELCOME_MARKER}: welcome to ${company}`,
    body: [
      `Hello ${args.name},`,
      "",
      `Welcome to ${company}. Your role in Buyerbook: ${roleName(lang, args.role)}.`,
      `The buyer book: ${args.url}`,
      "",
      "Your training checklist:",
      '  0. On your first day: Extensions > Buyerbook > Start the schedule (hourly heartbeat), or the "Start my schedule" button on your desk. From then on your mail is pulled three times a day and your list of what is due comes every morning.',
      "  1. Daily use: check inquiries morning, noon and evening; open the spreadsheet, then Extensions > Buyerbook > Open sidebar, and grade inquiries and log follow-ups from your desk.",
      "  2. The product library: every product and picture is on the Products sheet under one code; ask the assistant for changes.",
      "  3. The one quote template: quotes are plain text, made from the sidebar with the company's single template.",
      "  4. Who is who:",
      ...teamLines(lang, args.team),
      "",
      "Ask the assistant whenever something is unclear.",
    ].join("\n"),
  };
}

const REFUSALS = {
  en: {
    self: "You cannot offboard yourself; ask the boss or another assistant.",
    bossOnly: "Only the boss may onboard or offboard a boss.",
    notStaff: "{email} is not on the Staff sheet.",
    badReceiver: "{email} cannot take over buyers: only an active colleague who is not away and not a viewer can.",
    noReceiver: "No active salesperson can take over the buyers; name a colleague to hand them to.",
    notSelf: "A salesperson may set only their own away dates and deputy.",
    badDeputy: "{email} cannot be the deputy: name an active colleague on the Staff sheet.",
    owner: "{email} owns the spreadsheet and keeps access until ownership is transferred in Drive.",
  },
  "zh-CN": {
    self: "不能给自己办理离职；请老板或另一位助理办理。",
    bossOnly: "只有老板可以为老板办理入职或离职。",
    notStaff: "{email} 不在员工表中。",
    badReceiver: "{email} 不能接手客户：只能交给在岗、未外出、非只读的同事。",
    noReceiver: "没有在岗的业务员可以接手客户；请指定一位同事。",
    notSelf: "业务员只能设置自己的外出日期和代理人。",
    badDeputy: "{email} 不能做代理人：请指定员工表中在岗的同事。",
    owner: "{email} 是表格的所有者，需在云端硬盘中转移所有权后才能取消其访问权限。",
  },
} as const;

export type Refusal = keyof (typeof REFUSALS)["en"];

export function refusal(lang: Lang, key: Refusal, params: Record<string, string> = {}): string {
  return REFUSALS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
