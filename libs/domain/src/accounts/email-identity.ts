import { domainToASCII } from 'node:url';

/**
 * One mailbox, one identity: the key that says which mailbox an address reaches. Accounts are unique by it
 * (`users.email_canonical`), sign-in finds the account by it, and per-account limits count by it; mail still
 * goes to the address as the user typed it (`users.email`).
 *
 * Rules, for every domain:
 * - Unicode NFKC and lower case, with default-ignorable code points (zero-width spaces and joiners, soft hyphens)
 *   removed: `Ab@example.org` and `ab@example.org` are one mailbox. Lower case only, no full case folding: `ß`
 *   stays `ß` (`straße@` and `strasse@` are two mailboxes at most providers). New addresses must already be in
 *   the spelling mail is delivered to (see {@link mailboxSpellingProblem}), so folding never lets one address
 *   take the key of another mailbox; the NFKC and ignorable rules only key old rows alike.
 * - The domain in its ASCII (IDNA/punycode) form: `x@例え.jp` and `x@xn--r8jz45g.jp` are one mailbox.
 * - Sub-addressing (RFC 5233): `a+tag@` is `a@`. Gmail, Outlook, iCloud, Fastmail, Proton, Microsoft 365 and
 *   Postfix/Exim as usually configured all deliver `a+tag@` to `a@`; a domain where `a+b` is a mailbox of its
 *   own is rare, and the cost there (such a person cannot hold a second account beside `a@`) is smaller than
 *   letting anyone mint accounts from one mailbox. A local part that starts with `+` is kept whole.
 *
 * And the provider rules in {@link PROVIDERS}. Only rules the provider documents are listed: Gmail ignores dots
 * in the local part, and googlemail.com is gmail.com. Not listed on purpose: Outlook, iCloud and Yahoo keep dots
 * significant; Google Workspace domains keep dots; Yahoo's `base-keyword` disposable addresses and the
 * me.com/mac.com/icloud.com and proton.me/pm.me aliases are not provably the same mailbox for every name.
 *
 * Why not validator's `normalizeEmail` (already installed through class-validator): it strips `+tag` only at
 * five providers, does no Unicode normalisation (`ＡＢ@ｇｍａｉｌ.com` is a different key there, yet is delivered
 * to the same Gmail mailbox), leaves IDN domains in two spellings and would still need the rules above wrapped
 * around it, so the table here would be split between two places.
 *
 * The function is idempotent (the key of a key is the key), which the migration that backfilled the column
 * relies on; the unit tests check it on random input.
 */
export function canonicalEmail(address: string): string {
  const folded = fold(address).trim();
  const at = folded.lastIndexOf('@');
  if (at <= 0 || at === folded.length - 1) return folded;
  let local = folded.slice(0, at);
  let domain = toAsciiDomain(folded.slice(at + 1));
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const provider = PROVIDERS.find((p) => p.domains.includes(domain));
  if (provider) {
    domain = provider.domain;
    if (provider.ignoresDots) local = local.replaceAll('.', '') || local;
  }
  return `${local}@${domain}`;
}

/** Providers whose mailboxes have more names than the rules for every domain find. */
export const PROVIDERS: readonly { domains: readonly string[]; domain: string; ignoresDots: boolean }[] = [
  // https://support.google.com/mail/answer/7436150 (dots) and /answer/10313 (googlemail.com)
  { domains: ['gmail.com', 'googlemail.com'], domain: 'gmail.com', ignoresDots: true },
];

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** NFKC and lower case, repeated until nothing changes (the key must be its own key). */
function fold(s: string): string {
  let out = s;
  for (let i = 0; i < 4; i++) {
    const next = out.normalize('NFKC').replace(IGNORABLE, '').toLowerCase().normalize('NFKC');
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Why an address cannot be taken as a new account's (or looked up by it), or null. The canonical key merges
 * spellings that reach one mailbox; an address the key would merge with another mailbox's is refused instead:
 * one with invisible characters (`vi\u200Bctim@` would take `victim@`'s key while its mail goes elsewhere), one
 * not in Unicode NFKC form (fullwidth letters are other characters to a mail server), and a quoted local part
 * (`"ab"@gmail.com` is `ab@gmail.com` to a mail server, but not to these rules).
 */
export function mailboxSpellingProblem(address: string): string | null {
  if (IGNORABLE_ONE.test(address)) return 'contains an invisible character';
  if (address.normalize('NFKC') !== address) return 'is not in Unicode NFKC form (e.g. fullwidth letters)';
  if (address.includes('"')) return 'has a quoted local part';
  return null;
}

const IGNORABLE_ONE = /\p{Default_Ignorable_Code_Point}/u;

function toAsciiDomain(domain: string): string {
  // UTS 46 mapping; '' when the name is not a valid IDN (then the folded form is the best key there is).
  const ascii = domainToASCII(domain);
  return ascii ? ascii.toLowerCase() : domain;
}

/**
 * The key accounts had before canonical keys (trimmed and lower-cased). An account whose address collided with
 * an older one when the keys were introduced keeps this as its key (see migration 1764500000000), so it can
 * still sign in with the very address it registered with; it is never the canonical key of any address.
 */
export function legacyEmailKey(address: string): string {
  return address.trim().toLowerCase();
}
