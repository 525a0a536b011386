import { renderMail } from './mail-renderer.js';

describe('renderMail', () => {
  const params = { displayName: '<script>alert(1)</script> & 王', url: 'https://x.test/verify-email?token=a"b', hours: 48 };

  it('escapes every parameter in the HTML part and keeps the text part as written', () => {
    const m = renderMail('account.verify-email', 'zh-TW', params);
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 王');
    expect(m.html).toContain('href="https://x.test/verify-email?token=a&quot;b"');
    expect(m.text).toContain('<script>alert(1)</script> & 王 您好');
  });

  it('renders zh-TW by default and for unknown locales, English when asked', () => {
    expect(renderMail('account.verify-email', 'zh-TW', params).subject).toBe('[開放政府參與平臺] 請驗證您的電子郵件信箱');
    expect(renderMail('account.verify-email', 'fr', params).subject).toBe('[開放政府參與平臺] 請驗證您的電子郵件信箱');
    expect(renderMail('account.verify-email', 'en', params).subject).toBe('[Open Participation] Please verify your email address');
  });

  it('shows the unsubscribe link of mail that has one, as a link in the HTML part', () => {
    const url = 'https://x.test/unsubscribe?scope=agency&user=u&sig=s"x';
    const m = renderMail('assignment.overdue', 'en', {
      displayName: 'A',
      title: 'T',
      url: 'https://x.test/p/1',
      agencyZh: '環境部',
      agencyEn: 'Ministry of Environment',
      role: 'lead',
      due: '2027-01-01',
      daysLeft: 0,
      unsubscribeUrl: url,
    });
    expect(m.text).toContain(`No more of these emails? Unsubscribe: ${url}`);
    expect(m.html).toContain('<a href="https://x.test/unsubscribe?scope=agency&amp;user=u&amp;sig=s&quot;x">');
    expect(
      renderMail('assignment.overdue', 'en', {
        displayName: 'A',
        title: 'T',
        url: 'u',
        agencyZh: 'M',
        agencyEn: 'M',
        role: 'co',
        due: 'd',
        daysLeft: 0,
      }).text,
    ).not.toContain('Unsubscribe');
  });

  it('refuses an unknown template', () => {
    expect(() => renderMail('nope', 'en', {})).toThrow('Unknown mail template "nope"');
  });

  it('still renders rows queued before the domain passed codes (pre-translated pairs), with their words', () => {
    const old = { displayName: 'Ann', title: 'T', url: 'https://x.test/p/1', agencyZh: '環境部', agencyEn: 'MoENV', due: '2027-01-31' };
    const rows: [string, Record<string, unknown>, string][] = [
      ['assignment.new', { ...old, roleZh: '主政機關', roleEn: 'lead agency' }, 'lead agency'],
      [
        'proposal.responded',
        { ...old, recommendationZh: '參採', recommendationEn: 'adopt', correction: false, onBehalf: 'author' },
        'adopt',
      ],
      ['proposal.returned', { ...old, reasonLabelZh: '內容不明確', reasonLabelEn: 'unclear', reason: 'why' }, 'unclear'],
      [
        'assignment.overdue-digest',
        { displayName: 'Ann', url: 'https://x.test', count: 1, more: 0, linesZh: ['・A'], linesEn: ['- old line'] },
        '- old line',
      ],
    ];
    for (const [template, params, word] of rows) {
      const en = renderMail(template, 'en', params);
      expect(en.text).toContain(word);
      expect(`${en.subject} ${en.text}`).not.toMatch(/undefined|\{\w+\}/);
      expect(() => renderMail(template, 'zh-TW', params)).not.toThrow();
    }
  });
});
