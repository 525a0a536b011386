import fc from 'fast-check';
import { canonicalEmailAsOf1764500000000 } from '../../../database/src/migrations/1764500000000-CanonicalEmails.js';
import { canonicalEmail, legacyEmailKey, mailboxSpellingProblem } from './email-identity.js';

const part = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.stringMatching(/^[A-Za-z0-9.+_-]{1,20}$/));
/** The property tests run with a fixed seed so CI is repeatable; change it (or raise numRuns) to explore. */
const address = fc
  .tuple(part, fc.oneof(fc.constantFrom('gmail.com', 'GoogleMail.com', 'example.org', '例え.jp'), fc.domain(), part))
  .map(([local, domain]) => `${local}@${domain}`);

describe('canonicalEmail', () => {
  it.each([
    // Gmail: case, dots, +tag, googlemail.com
    ['A.B+x@GMail.com', 'ab@gmail.com'],
    ['ab@gmail.com', 'ab@gmail.com'],
    ['a.b@googlemail.com', 'ab@gmail.com'],
    ['  A.b.@Gmail.Com ', 'ab@gmail.com'],
    // Unicode compatibility forms and lower case (old rows: new addresses must be in NFKC form, without invisibles)
    ['ＡＢ@ｇｍａｉｌ.ｃｏｍ', 'ab@gmail.com'],
    ['Straße@example.org', 'straße@example.org'],
    ['ẞ@example.org', 'ß@example.org'],
    ['a\u200Bb@example.org', 'ab@example.org'],
    // IDN domains: the Unicode and the punycode spelling
    ['x@例え.jp', 'x@xn--r8jz45g.jp'],
    ['x@XN--R8JZ45G.jp', 'x@xn--r8jz45g.jp'],
    // Sub-addressing everywhere; dots only where the provider ignores them
    ['Jane.Doe+news@Example.org', 'jane.doe@example.org'],
    ['jane.doe@outlook.com', 'jane.doe@outlook.com'],
    ['a+b+c@example.org', 'a@example.org'],
    ['+tag@example.org', '+tag@example.org'],
  ])('%s → %s', (address, key) => {
    expect(canonicalEmail(address)).toBe(key);
  });

  it('keeps different mailboxes apart', () => {
    expect(canonicalEmail('ab@example.org')).not.toBe(canonicalEmail('a.b@example.org'));
    expect(canonicalEmail('ab@gmail.com')).not.toBe(canonicalEmail('ab@gmail.co'));
    expect(canonicalEmail('ab@gmail.com')).not.toBe(canonicalEmail('abc@gmail.com'));
    expect(canonicalEmail('ab@example.org')).not.toBe(canonicalEmail('ab@example.com'));
    expect(canonicalEmail('straße@example.org')).not.toBe(canonicalEmail('strasse@example.org'));
  });

  it('refuses spellings that would take the key of another mailbox', () => {
    expect(mailboxSpellingProblem('victim@corp.example')).toBeNull();
    expect(mailboxSpellingProblem('Victim+tag@Corp.example')).toBeNull();
    expect(mailboxSpellingProblem('straße@example.org')).toBeNull();
    expect(mailboxSpellingProblem('vi\u200Bctim@corp.example')).toMatch('invisible');
    expect(mailboxSpellingProblem('vi\u00ADctim@corp.example')).toMatch('invisible');
    expect(mailboxSpellingProblem('ｖｉｃｔｉｍ@corp.example')).toMatch('NFKC');
    expect(mailboxSpellingProblem('"ab"@gmail.com')).toMatch('quoted');
  });

  it('still keys every address as the migration that backfilled users.email_canonical did (else: write a migration that re-keys)', () => {
    fc.assert(
      fc.property(address, (a) => {
        expect(canonicalEmail(a)).toBe(canonicalEmailAsOf1764500000000(a));
      }),
      { numRuns: 2000, seed: 20261203 },
    );
    for (const a of ['A.B+x@GMail.com', 'ＡＢ@ｇｍａｉｌ.ｃｏｍ', 'x@例え.jp', 'Straße@example.org', 'ẞ@a.aa']) {
      expect(canonicalEmailAsOf1764500000000(a)).toBe(canonicalEmail(a));
    }
  });

  it('is idempotent: the key of a key is the key (the backfill relies on it)', () => {
    fc.assert(
      fc.property(address, (a) => {
        const key = canonicalEmail(a);
        expect(canonicalEmail(key)).toBe(key);
      }),
      { numRuns: 2000, seed: 20261203 },
    );
    // Found by the property above when the fold went through upper case: ẞ became ß, and ß became ss.
    expect(canonicalEmail(canonicalEmail('ẞ@a.aa'))).toBe(canonicalEmail('ẞ@a.aa'));
  });

  it('never takes a legacy key that differs from its canonical key for a canonical key', () => {
    // What the migration's collision rule relies on: such a legacy key is no account's canonical key.
    for (const address of ['a.b@gmail.com', 'a+x@example.org', 'ａ@example.org']) {
      const legacy = legacyEmailKey(address);
      expect(canonicalEmail(legacy)).not.toBe(legacy);
    }
  });
});
