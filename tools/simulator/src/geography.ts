import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

export interface Block {
  code: string;
  name: string;
  district: District;
}

export interface District {
  code: string;
  nameEn: string;
  nameHi: string;
  latitude: number;
  longitude: number;
  blocks: Block[];
}

export interface Geography {
  districts: District[];
  blocks: Block[];
}

const DATA_DIR = join('tools', 'simulator', 'data');

/** The simulator's data (a copy of Jharkhand's units, district centres) beside the sources, found from `dist/` too. */
export function simulatorDataDir(from: string = __dirname): string {
  for (let dir = from; dir !== parse(dir).root; dir = dirname(dir)) {
    const candidate = join(dir, DATA_DIR);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${DATA_DIR} not found above ${from}`);
}

export function loadGeography(dataDir: string = simulatorDataDir()): Geography {
  return parseGeography(readFileSync(join(dataDir, 'jharkhand-units.csv'), 'utf8'), readFileSync(join(dataDir, 'district-centres.csv'), 'utf8'));
}

/** The files are plain comma-separated (no quoted fields), as written in tools/simulator/data. */
export function parseGeography(unitsCsv: string, centresCsv: string): Geography {
  const centres = new Map(rows(centresCsv).map(([code, latitude, longitude]) => [code!, { latitude: Number(latitude), longitude: Number(longitude) }]));
  const districts = new Map<string, District>();
  const blocks: Block[] = [];
  for (const [code, level, parent, nameEn, nameHi] of rows(unitsCsv)) {
    if (level === 'district') {
      const centre = centres.get(code!);
      if (!centre) throw new Error(`district-centres.csv has no centre for ${code}`);
      districts.set(code!, { code: code!, nameEn: nameEn!, nameHi: nameHi || nameEn!, ...centre, blocks: [] });
    } else if (level === 'block') {
      const district = districts.get(parent!);
      if (!district) throw new Error(`block ${code} comes before its district ${parent}`);
      const block = { code: code!, name: nameEn!, district };
      district.blocks.push(block);
      blocks.push(block);
    }
  }
  return { districts: [...districts.values()], blocks };
}

function rows(csv: string): string[][] {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

/** Village and panchayat names for message text (illustrative; not units of the organisation). */
export const VILLAGES = [
  'Hutar', 'Pithoria', 'Hesal', 'Bariatu', 'Chutia', 'Tupudana', 'Jagannathpur', 'Karma', 'Hardag', 'Sosai', 'Tilta', 'Bhusur',
  'Jaria', 'Lotwa', 'Sarwal', 'Koynardih', 'Barhe', 'Chakla', 'Dungri', 'Kulhi', 'Bhandra', 'Tetar', 'Rampur', 'Sindri',
  'Kharsidag', 'Patratu', 'Sukurhutu', 'Kuchu', 'Jonha', 'Hulhundu', 'Maheshpur', 'Baghmara',
] as const;
