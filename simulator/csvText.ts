/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// CSV as the Loader reads and writes it (RFC 4180, UTF-8). Reading uses csv-parse (a dev
// dependency), not the package's rules/csv.ts: Node's type stripping cannot load that module
// (parameter properties, an import without extension, n8n-workflow), and a parser of its own
// kind also checks the node's CSV independently.
import { parse } from 'csv-parse/sync';

/** A CSV that cannot be read at all: every row of its task fails with this message. */
export class UnreadableCsv extends Error {}

/** A CSV's header and rows: a BOM is dropped, empty lines are skipped, every row has the header's length. */
export function readCsv(data: Buffer): { header: string[]; rows: string[][] } {
	let records: string[][];
	try {
		records = parse(data.toString('utf8'), { bom: true, skip_empty_lines: true });
	} catch (error) {
		throw new UnreadableCsv(`The CSV file cannot be read: ${(error as Error).message}`);
	}
	const [header, ...rows] = records;
	if (!header) throw new UnreadableCsv('The CSV file has no header line');
	const seen = new Set<string>();
	for (const name of header) {
		if (!name.trim()) throw new UnreadableCsv('The CSV header has a column without a name');
		if (seen.has(name)) throw new UnreadableCsv(`The CSV header names the column [${name}] more than once`);
		seen.add(name);
	}
	return { header, rows };
}

type CsvValue = string | number | boolean | null | undefined;

function csvField(value: CsvValue): string {
	const text = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]|^ | $/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file's text: the header and one line per row, each line ending in CRLF, no BOM. */
export function csvText(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
	return [header, ...rows].map((values) => `${values.map(csvField).join(',')}\r\n`).join('');
}
