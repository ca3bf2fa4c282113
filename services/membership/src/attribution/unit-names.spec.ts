import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { UnitNameIndex } from './unit-names';

describe('UnitNameIndex', () => {
  const sut = new UnitNameIndex(jharkhandTree());

  it.each([
    ['Kanke block me BDO nahi aaye', 'JH-RAN-KANKE'],
    ['KANKE!', 'JH-RAN-KANKE'],
    ['रांची जिला कार्यालय', 'JH-RAN'],
    ['Ranchi ke Kanke block me', 'JH-RAN-KANKE'],
    ['धनबाद', 'JH-DHN'],
  ])('finds the unit named in "%s"', (text, code) => {
    expect(sut.namedIn(text)).toBe(code);
  });

  it('names nothing when the text names no place, or places in different branches', () => {
    expect(sut.namedIn('सड़क टूटी है, BDO नहीं मिले')).toBeUndefined();
    expect(sut.namedIn('Kanke aur Baghmara dono jagah')).toBeUndefined();
  });

  it('does not take short words for places', () => {
    expect(sut.namedIn('CO office')).toBeUndefined();
  });
});

describe('UnitNameIndex with a block and a panchayat of one name', () => {
  it('takes the block: the message is in it either way', () => {
    expect(new UnitNameIndex(jharkhandTree()).namedIn('Angara me sadak kharab')).toBe('JH-RAN-ANGARA');
  });
});
