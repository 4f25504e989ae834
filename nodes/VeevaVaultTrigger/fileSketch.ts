// A fixed-size summary of a set of keys from which the difference between two such sets can be
// read back, as long as it is small (an invertible Bloom lookup table). The trigger keeps one of
// the files older than its window instead of one key per file: its size does not depend on how
// many files there are, and a file that appears among them (moved in, or copied with an old
// modified date) is still found. Pure.
/** Cells in each of the three parts of the table: about 0.8 × 3 × 100 differences can be read back. */
const CELLS_PER_PART = 100;
const PARTS = 3;
const CELLS = CELLS_PER_PART * PARTS;
/** Each cell: how many keys, the XOR of their two 32-bit halves, the XOR of their checks. */
const NUMBERS_PER_CELL = 4;

/** The most differences the table reads back; beyond it, usually none can be. */
export const SKETCH_CAPACITY = 200;

/** What static data holds: the number of keys and the table, base64 (4,800 bytes → 6,400 characters). */
export interface FileSketch {
	count: number;
	cells: string;
}

type KeyId = readonly [number, number];

/** A 64-bit id of a key: two 32-bit FNV-1a hashes of its characters from different offsets, finished by mix. */
function idOf(key: string): KeyId {
	let high = 0x811c9dc5;
	let low = 0x01000193 ^ key.length;
	for (let index = 0; index < key.length; index++) {
		const code = key.charCodeAt(index);
		high = Math.imul(high ^ code, 0x01000193);
		low = Math.imul(low ^ code, 0x5bd1e995);
	}
	return [mix([high, low], 0x632be5ab), mix([low, high], 0x3c6ef372)];
}

/** A 32-bit mix of an id (with a seed), so that cells and checks are spread independently. */
function mix([high, low]: KeyId, seed: number): number {
	let hash = Math.imul(high ^ seed, 0x85ebca6b) ^ low;
	hash = Math.imul(hash ^ (hash >>> 15), 0xc2b2ae35);
	hash = Math.imul(hash ^ (hash >>> 13), 0x27d4eb2f);
	return (hash ^ (hash >>> 16)) >>> 0;
}

const checkOf = (id: KeyId) => mix(id, 0x9e3779b9);

function toggle(table: Int32Array, id: KeyId, sign: 1 | -1): void {
	const check = checkOf(id);
	for (let part = 0; part < PARTS; part++) {
		const at = (part * CELLS_PER_PART + (mix(id, part + 1) % CELLS_PER_PART)) * NUMBERS_PER_CELL;
		table[at] += sign;
		table[at + 1] ^= id[0];
		table[at + 2] ^= id[1];
		table[at + 3] ^= check;
	}
}

function tableOf(ids: KeyId[]): Int32Array {
	const table = new Int32Array(CELLS * NUMBERS_PER_CELL);
	for (const id of ids) toggle(table, id, 1);
	return table;
}

export function sketchOf(keys: string[]): FileSketch {
	const table = tableOf(keys.map(idOf));
	const count = keys.length;
	const bytes = Buffer.alloc(table.length * 4);
	table.forEach((value, index) => bytes.writeInt32LE(value, index * 4));
	return { count, cells: bytes.toString('base64') };
}

function tableFrom(sketch: FileSketch): Int32Array | undefined {
	const bytes = Buffer.from(String(sketch.cells ?? ''), 'base64');
	if (bytes.length !== CELLS * NUMBERS_PER_CELL * 4) return undefined;
	return Int32Array.from({ length: CELLS * NUMBERS_PER_CELL }, (_, index) => bytes.readInt32LE(index * 4));
}

/**
 * The keys among `keys` that the earlier sketch did not hold. `complete` is false when more than
 * about SKETCH_CAPACITY keys came or went since (or the sketch is unreadable): then `added` holds
 * only those that could be read back, possibly none.
 */
export function keysNotIn(keys: string[], earlier: FileSketch): { added: Set<string>; complete: boolean } {
	const before = tableFrom(earlier);
	if (!before) return { added: new Set(), complete: false };
	const ids = keys.map(idOf);
	const table = tableOf(ids);
	for (let index = 0; index < table.length; index++) table[index] = index % NUMBERS_PER_CELL === 0 ? table[index] - before[index] : table[index] ^ before[index];

	// Peel: a cell holding exactly one key (count ±1, its check matching) names it; take it out everywhere.
	const addedIds: KeyId[] = [];
	const pure = (cell: number) => {
		const at = cell * NUMBERS_PER_CELL;
		const id: KeyId = [table[at + 1] >>> 0, table[at + 2] >>> 0];
		return Math.abs(table[at]) === 1 && checkOf(id) === table[at + 3] >>> 0 ? id : undefined;
	};
	for (let progress = true; progress; ) {
		progress = false;
		for (let cell = 0; cell < CELLS; cell++) {
			const id = pure(cell);
			if (!id) continue;
			const sign = table[cell * NUMBERS_PER_CELL] as 1 | -1;
			if (sign === 1) addedIds.push(id);
			toggle(table, id, sign === 1 ? -1 : 1);
			progress = true;
		}
	}
	const complete = table.every((value) => value === 0);
	const wanted = new Map(addedIds.map(([high, low]) => [high, low]));
	return { added: new Set(keys.filter((_, index) => wanted.get(ids[index][0]) === ids[index][1])), complete };
}
