/**
 * The paragraph of a physical-sample reply that says who pays what (R27), in the buyer's language:
 * - free sample, courier freight collect: ask for the courier account, unless the buyer already gave one,
 *   which is then used ("by DHL on your account 960123456");
 * - a large sample: the T/T notice with the amount and the company's bank details (Settings bank.*), and
 *   refused, naming the missing keys, when the bank details are incomplete (never a notice without them).
 */
import type { BuyerLang } from "./buyer-language";
import type { Decimal } from "./money";
import { formatMoneyIn } from "./money-format";
import type { CourierAccount } from "./sample-mail";
import type { SamplePlan } from "./samples";

/** Settings bank.*: where a buyer sends a T/T prepayment. */
export interface BankDetails {
  beneficiary: string;
  beneficiaryAddress?: string;
  bankName: string;
  bankAddress?: string;
  account: string;
  swift: string;
}

export const BANK_SETTING_KEYS: Record<keyof BankDetails, string> = {
  beneficiary: "bank.beneficiary",
  beneficiaryAddress: "bank.beneficiaryAddress",
  bankName: "bank.name",
  bankAddress: "bank.address",
  account: "bank.account",
  swift: "bank.swift",
};

const REQUIRED_BANK: readonly (keyof BankDetails)[] = ["beneficiary", "bankName", "account", "swift"];

/** The Settings keys a T/T notice cannot do without and that are empty. */
export function missingBankDetails(bank: BankDetails | undefined): string[] {
  return REQUIRED_BANK.filter((k) => !bank || String(bank[k] ?? "").trim() === "").map((k) => BANK_SETTING_KEYS[k]);
}

interface Words {
  askAccount: string;
  offeredAskAccount: string;
  onAccount: string;
  prepay: string;
  bankIntro: string;
  thenOnAccount: string;
  bank: Record<keyof BankDetails | "reference", string>;
  sep: string;
}

const WORDS: Record<BuyerLang, Words> = {
  en: {
    askAccount:
      "The sample is free of charge; the courier is freight collect. Please send us your courier account number (DHL, FedEx, UPS or TNT) and we will ship at once.",
    offeredAskAccount:
      "The sample is free of charge. Thank you for offering to cover the courier: please send us your courier account number (DHL, FedEx, UPS or TNT) and we will ship at once.",
    onAccount:
      "The sample is free of charge. We will send it by {courier} on your account {account} (freight collect) as soon as it is ready.",
    prepay:
      "As this is a large sample, we kindly ask for payment of {amount} by T/T in advance; we ship as soon as it arrives.",
    bankIntro: "Our bank details:",
    thenOnAccount: "Once paid, we will send it by {courier} on your account {account}.",
    bank: {
      beneficiary: "Beneficiary",
      beneficiaryAddress: "Beneficiary address",
      bankName: "Bank",
      bankAddress: "Bank address",
      account: "Account No.",
      swift: "SWIFT",
      reference: "Payment reference",
    },
    sep: ": ",
  },
  "zh-CN": {
    askAccount: "样品免费，快递运费到付。请提供您的快递到付账号（DHL、FedEx、UPS 或 TNT），我们即刻安排寄出。",
    offeredAskAccount:
      "样品免费。感谢您愿意承担快递费用：请提供您的快递账号（DHL、FedEx、UPS 或 TNT），我们收到后即刻寄出。",
    onAccount: "样品免费。样品备好后，我们将使用您的 {courier} 到付账号 {account} 寄出。",
    prepay: "此样品价值较高，需请您先通过 T/T 预付 {amount}，款到后我们立即安排寄出。",
    bankIntro: "我司银行信息：",
    thenOnAccount: "款到后我们将使用您的 {courier} 账号 {account} 寄出。",
    bank: {
      beneficiary: "收款人",
      beneficiaryAddress: "收款人地址",
      bankName: "开户银行",
      bankAddress: "银行地址",
      account: "账号",
      swift: "SWIFT",
      reference: "汇款附言",
    },
    sep: "：",
  },
  es: {
    askAccount:
      "La muestra es gratuita y el envío es a portes debidos. Indíquenos su número de cuenta de mensajería (DHL, FedEx, UPS o TNT) y la despacharemos de inmediato.",
    offeredAskAccount:
      "La muestra es gratuita. Gracias por ofrecerse a cubrir el envío: indíquenos su número de cuenta de mensajería (DHL, FedEx, UPS o TNT) y la despacharemos de inmediato.",
    onAccount:
      "La muestra es gratuita. La enviaremos por {courier} con su cuenta {account} (portes debidos) en cuanto esté lista.",
    prepay:
      "Al tratarse de una muestra grande, le rogamos el pago anticipado de {amount} por transferencia (T/T); la enviaremos en cuanto recibamos el pago.",
    bankIntro: "Nuestros datos bancarios:",
    thenOnAccount: "Una vez recibido el pago, la enviaremos por {courier} con su cuenta {account}.",
    bank: {
      beneficiary: "Beneficiario",
      beneficiaryAddress: "Dirección del beneficiario",
      bankName: "Banco",
      bankAddress: "Dirección del banco",
      account: "N.º de cuenta",
      swift: "SWIFT",
      reference: "Referencia del pago",
    },
    sep: ": ",
  },
  fr: {
    askAccount:
      "L'échantillon est gratuit ; le transport est en port dû. Merci de nous communiquer votre numéro de compte transporteur (DHL, FedEx, UPS ou TNT) et nous l'expédierons aussitôt.",
    offeredAskAccount:
      "L'échantillon est gratuit. Merci de prendre en charge le transport : communiquez-nous votre numéro de compte transporteur (DHL, FedEx, UPS ou TNT) et nous l'expédierons aussitôt.",
    onAccount:
      "L'échantillon est gratuit. Nous l'expédierons par {courier} sur votre compte {account} (port dû) dès qu'il sera prêt.",
    prepay:
      "S'agissant d'un échantillon important, nous vous remercions de régler {amount} d'avance par virement (T/T) ; nous l'expédierons dès réception du paiement.",
    bankIntro: "Nos coordonnées bancaires :",
    thenOnAccount: "Après paiement, nous l'expédierons par {courier} sur votre compte {account}.",
    bank: {
      beneficiary: "Bénéficiaire",
      beneficiaryAddress: "Adresse du bénéficiaire",
      bankName: "Banque",
      bankAddress: "Adresse de la banque",
      account: "N° de compte",
      swift: "SWIFT",
      reference: "Référence du virement",
    },
    sep: " : ",
  },
  pt: {
    askAccount:
      "A amostra é gratuita e o frete é a cobrar. Envie-nos o número da sua conta de courier (DHL, FedEx, UPS ou TNT) e faremos o envio imediatamente.",
    offeredAskAccount:
      "A amostra é gratuita. Obrigado por se oferecer para pagar o frete: envie-nos o número da sua conta de courier (DHL, FedEx, UPS ou TNT) e faremos o envio imediatamente.",
    onAccount:
      "A amostra é gratuita. Vamos enviá-la por {courier} na sua conta {account} (frete a cobrar) assim que estiver pronta.",
    prepay:
      "Por se tratar de uma amostra grande, pedimos o pagamento antecipado de {amount} por transferência (T/T); faremos o envio assim que o pagamento for recebido.",
    bankIntro: "Nossos dados bancários:",
    thenOnAccount: "Após o pagamento, vamos enviá-la por {courier} na sua conta {account}.",
    bank: {
      beneficiary: "Beneficiário",
      beneficiaryAddress: "Endereço do beneficiário",
      bankName: "Banco",
      bankAddress: "Endereço do banco",
      account: "Nº da conta",
      swift: "SWIFT",
      reference: "Referência do pagamento",
    },
    sep: ": ",
  },
  ru: {
    askAccount:
      "Образец предоставляется бесплатно, доставка оплачивается получателем. Сообщите, пожалуйста, номер вашего аккаунта в курьерской службе (DHL, FedEx, UPS или TNT), и мы сразу отправим образец.",
    offeredAskAccount:
      "Образец предоставляется бесплатно. Спасибо, что готовы оплатить доставку: сообщите номер вашего аккаунта в курьерской службе (DHL, FedEx, UPS или TNT), и мы сразу отправим образец.",
    onAccount:
      "Образец предоставляется бесплатно. Как только он будет готов, мы отправим его через {courier} на ваш аккаунт {account} (оплата получателем).",
    prepay:
      "Поскольку образец крупный, просим оплатить {amount} заранее банковским переводом (T/T); мы отправим его сразу после поступления оплаты.",
    bankIntro: "Наши банковские реквизиты:",
    thenOnAccount: "После оплаты мы отправим его через {courier} на ваш аккаунт {account}.",
    bank: {
      beneficiary: "Получатель",
      beneficiaryAddress: "Адрес получателя",
      bankName: "Банк",
      bankAddress: "Адрес банка",
      account: "Номер счёта",
      swift: "SWIFT",
      reference: "Назначение платежа",
    },
    sep: ": ",
  },
  ar: {
    askAccount:
      "العينة مجانية، وتكلفة الشحن على حساب المستلم. نرجو تزويدنا برقم حسابكم لدى شركة الشحن (DHL أو FedEx أو UPS أو TNT) وسنرسلها فورًا.",
    offeredAskAccount:
      "العينة مجانية. نشكركم على استعدادكم لتحمّل تكلفة الشحن: نرجو تزويدنا برقم حسابكم لدى شركة الشحن (DHL أو FedEx أو UPS أو TNT) وسنرسلها فورًا.",
    onAccount: "العينة مجانية. سنرسلها عبر {courier} على حسابكم رقم {account} (الشحن على حساب المستلم) فور تجهيزها.",
    prepay: "نظرًا لأن العينة كبيرة، نرجو دفع مبلغ {amount} مقدمًا بالتحويل البنكي (T/T)، وسنقوم بالشحن فور وصول المبلغ.",
    bankIntro: "بياناتنا البنكية:",
    thenOnAccount: "بعد الدفع، سنرسلها عبر {courier} على حسابكم رقم {account}.",
    bank: {
      beneficiary: "المستفيد",
      beneficiaryAddress: "عنوان المستفيد",
      bankName: "البنك",
      bankAddress: "عنوان البنك",
      account: "رقم الحساب",
      swift: "SWIFT",
      reference: "مرجع التحويل",
    },
    sep: ": ",
  },
};

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * A transfer reference banks carry through: SWIFT messages take Latin letters only, so the buyer's company
 * is folded to ASCII ("Ferretería Andina" -> "FERRETERIA ANDINA"); a name in another script gives way to the
 * buyer's mail domain.
 */
export function paymentReference(company: string, email = ""): string {
  const latin = company
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9 .&-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const who = /[A-Za-z]{2}/.test(latin) ? latin : (email.split("@")[1] ?? "");
  return `SAMPLE ${who}`.trim().toUpperCase().slice(0, 35);
}

export interface SampleTermsInput {
  plan: SamplePlan;
  /** What the sample costs (the T/T amount); required for a prepaid sample. */
  cost: Decimal | null;
  currency: string;
  /** The account the buyer gave in their mail (sample-mail.ts), used instead of asking. */
  account?: CourierAccount;
  bank?: BankDetails;
  buyerCompany: string;
  buyerEmail?: string;
  lang: BuyerLang;
}

export type SampleTerms =
  | { ok: true; text: string; usedAccount: boolean }
  | { ok: false; missing: string[]; message: string };

/** The terms paragraph for a physical sample, or why it cannot be written yet. */
export function sampleTerms(input: SampleTermsInput): SampleTerms {
  const W = WORDS[input.lang];
  const account = input.account ? { courier: input.account.courier, account: input.account.account } : undefined;
  if (input.plan.freight === "tt-prepayment") {
    const missing = missingBankDetails(input.bank);
    if (!input.cost) missing.unshift("sample cost");
    if (missing.length > 0)
      return {
        ok: false,
        missing,
        message: `a T/T notice needs ${missing.join(", ")} (large samples are paid first)`,
      };
    const bank = input.bank!;
    const rows: [keyof Words["bank"], string][] = [
      ["beneficiary", bank.beneficiary],
      ["beneficiaryAddress", bank.beneficiaryAddress ?? ""],
      ["bankName", bank.bankName],
      ["bankAddress", bank.bankAddress ?? ""],
      ["account", bank.account],
      ["swift", bank.swift],
      ["reference", paymentReference(input.buyerCompany, input.buyerEmail)],
    ];
    const lines = [
      fill(W.prepay, { amount: formatMoneyIn(input.cost!, input.currency, input.lang) }),
      "",
      W.bankIntro,
      ...rows.filter(([, v]) => v.trim() !== "").map(([k, v]) => `${W.bank[k]}${W.sep}${v.trim()}`),
      ...(account ? ["", fill(W.thenOnAccount, account)] : []),
    ];
    return { ok: true, text: lines.join("\n"), usedAccount: !!account };
  }
  if (account) return { ok: true, text: fill(W.onAccount, account), usedAccount: true };
  return {
    ok: true,
    text: input.plan.freight === "buyer-pays" ? W.offeredAskAccount : W.askAccount,
    usedAccount: false,
  };
}
