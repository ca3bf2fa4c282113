import { attributedReport } from './fixtures/report.fixtures';
import { recogniseComplaint } from './recognise-complaint';

describe(recogniseComplaint.name, () => {
  const sut = recogniseComplaint;

  describe('a complaint the reporter declared', () => {
    it('takes the category and subject the reporter chose over any keyword', () => {
      const report = attributedReport({
        text: 'BDO ne paisa maanga',
        declaredComplaint: { category: 'office-bearer-conduct', subject: 'Kanke block president' },
      });

      expect(sut(report)).toEqual({
        complaint: true,
        category: 'office-bearer-conduct',
        subject: { kind: 'office-bearer', post: 'president', level: 'block' },
        namedOfficeBearers: [{ post: 'president', level: 'block' }],
        subjectText: 'Kanke block president',
        severity: 'normal',
        via: 'declared',
        cues: ['declared:office-bearer-conduct', 'bdo:BDO'],
      });
    });

    it('takes a member id as the subject', () => {
      const report = attributedReport({ text: 'see attached', declaredComplaint: { category: 'office-bearer-conduct', subject: 'mbr_kanke_president' } });

      expect(sut(report)).toMatchObject({ subject: { kind: 'member', memberId: 'mbr_kanke_president' } });
    });

    it('treats an office-bearer complaint that names nobody as about an unknown office-bearer', () => {
      const report = attributedReport({ text: 'नहीं सुनते', declaredComplaint: { category: 'office-bearer-conduct' } });

      expect(sut(report)).toMatchObject({ subject: { kind: 'office-bearer' }, namedOfficeBearers: [] });
    });

    it('keeps every office-bearer the text names for the guard, whatever the category', () => {
      const report = attributedReport({ text: 'प्रखंड अध्यक्ष बैठक नहीं बुलाते', declaredComplaint: { category: 'organisational' } });

      expect(sut(report)).toMatchObject({
        category: 'organisational',
        subject: { kind: 'office-bearer', post: 'president', level: 'block' },
        namedOfficeBearers: [{ post: 'president', level: 'block' }],
      });
    });

    it.each([
      ['bdo-conduct', { kind: 'government-office', office: 'bdo' }],
      ['co-conduct', { kind: 'government-office', office: 'co' }],
    ] as const)('names the office for %s', (category, subject) => {
      expect(sut(attributedReport({ text: 'x', declaredComplaint: { category } }))).toMatchObject({ subject });
    });

    it('leaves the subject out of a declared complaint about a scheme', () => {
      const recognition = sut(attributedReport({ text: 'राशन नहीं मिला', declaredComplaint: { category: 'government-service' } }));

      expect(recognition).not.toHaveProperty('subject');
      expect(recognition).toMatchObject({ category: 'government-service', via: 'declared' });
    });
  });

  describe('a complaint recognised by keywords', () => {
    it.each([
      ['प्रखंड कार्यालय में BDO नहीं मिले, शिकायत दर्ज करें', 'bdo-conduct', { kind: 'government-office', office: 'bdo' }],
      ['अंचल अधिकारी दाखिल खारिज के लिए घूस मांग रहे हैं', 'co-conduct', { kind: 'government-office', office: 'co' }],
      ['प्रखंड अध्यक्ष के खिलाफ शिकायत', 'office-bearer-conduct', { kind: 'office-bearer', post: 'president', level: 'block' }],
      ['complaint: our district president never holds meetings', 'office-bearer-conduct', { kind: 'office-bearer', post: 'president', level: 'district' }],
      ['BDO के साथ मिलकर प्रखंड अध्यक्ष ने शिकायत दबाई', 'bdo-conduct', { kind: 'government-office', office: 'bdo' }],
    ])('reads %j as %s', (text, category, subject) => {
      expect(sut(attributedReport({ text }))).toMatchObject({ complaint: true, category, subject, via: 'keyword' });
    });

    it('keeps the office-bearer named beside the BDO for the guard', () => {
      const recognition = sut(attributedReport({ text: 'BDO के साथ मिलकर प्रखंड अध्यक्ष ने शिकायत दबाई' }));

      expect(recognition).toMatchObject({ namedOfficeBearers: [{ post: 'president', level: 'block' }] });
    });

    it.each([
      ['राशन कार्ड की शिकायत', 'government-service'],
      ['शिकायत: बैठक की सूचना नहीं दी गई', 'organisational'],
      ['I want to file a complaint', 'other'],
    ])('files %j without a subject under %s', (text, category) => {
      const recognition = sut(attributedReport({ text }));

      expect(recognition).toMatchObject({ complaint: true, category });
      expect(recognition).not.toHaveProperty('subject');
    });

    it.each([
      ['a problem named with its subject', 'CO के यहाँ बहुत समस्या है'],
      ['misconduct named with its subject', 'BDO sahab ne rishwat li'],
    ])('recognises %s without the word complaint', (_, text) => {
      expect(sut(attributedReport({ text })).complaint).toBe(true);
    });

    it.each([
      ['an activity report', 'आज प्रखंड में बैठक हुई, 40 कार्यकर्ता आए'],
      ['a problem without a subject', 'रैली में माइक की समस्या थी'],
      ['a mention of an office-bearer', 'जिला अध्यक्ष जी का स्वागत किया'],
      ['an empty message', ''],
    ])('does not take %s for a complaint', (_, text) => {
      expect(sut(attributedReport({ text }))).toEqual({ complaint: false });
    });

    it('listens to intake’s hints when the text alone says too little', () => {
      const report = attributedReport({
        text: 'sahab nahi milte',
        keywords: [
          { category: 'complaint', matched: 'complaint' },
          { category: 'bdo', matched: 'BDO' },
        ],
      });

      expect(sut(report)).toMatchObject({ complaint: true, category: 'bdo-conduct' });
    });

    it('does not take intake’s "problem" hint alone for a complaint', () => {
      const report = attributedReport({ text: 'sound problem at the rally', keywords: [{ category: 'complaint', matched: 'problem' }] });

      expect(sut(report)).toEqual({ complaint: false });
    });

    it('rates the severity and says why', () => {
      expect(sut(attributedReport({ text: 'प्रखंड अध्यक्ष के लोगों ने मारपीट की, शिकायत' }))).toMatchObject({
        severity: 'critical',
        cues: expect.arrayContaining(['severity:मारपीट', 'complaint:शिकायत']),
      });
    });
  });
});
