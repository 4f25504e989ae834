// VQL, Vault's query language: POST (or GET) /query with the query in q, over the simulator's
// documents, users and object records. The subset: SELECT fields FROM target [WHERE …] [ORDER BY …] [LIMIT n]
// [PAGESIZE n], where WHERE combines field comparisons (=, !=, <, >, <=, >=, LIKE, IN) with AND,
// OR and parentheses. Pages of at most 1,000 records link the next with responseDetails.next_page.
import { randomUUID } from 'node:crypto';

import { VaultFailure, readForm, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { DOCUMENT_CLASSIFYING_FIELDS, TYPE_PROPERTIES } from './documentTypes.ts';
import { DOCUMENT_PROPERTIES, VAULT_OBJECTS } from './metadata.ts';
import type { QueryCursor, SimRecord } from './model.ts';
import type { SimState } from './state.ts';

export const queryRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/query$/, name: 'query', handler: async (state, ctx) => await query(state, ctx) },
	{ method: 'GET', pattern: /^\/query$/, name: 'query', handler: async (state, ctx) => await query(state, ctx) },
	{ method: 'GET', pattern: /^\/query\/([^/]+)$/, name: 'queryPage', handler: async (state, ctx, [id]) => await queryPage(state, ctx, id) },
	{ method: 'POST', pattern: /^\/query\/([^/]+)$/, name: 'queryPage', handler: async (state, ctx, [id]) => await queryPage(state, ctx, id) },
];

export const MAX_QUERY_PAGE_SIZE = 1000;
/** How long a query's next_page stays valid (an assumption: Vault's documentation gives no time). */
export const QUERY_CURSOR_TTL_MS = 20 * 60 * 1000;

type Value = string | number | boolean | null;

/** The fields each target has; a field outside its list is an error, as in Vault. Documents and
 * the objects have the fields of the model (metadata.ts). */
export const QUERY_TARGETS: Record<string, string[]> = {
	documents: [...DOCUMENT_PROPERTIES, ...TYPE_PROPERTIES, ...DOCUMENT_CLASSIFYING_FIELDS].filter((property) => property.queryable).map((property) => property.name),
	user__sys: ['id', 'username__sys', 'name__v', 'status__v', 'created_date__v'],
	...Object.fromEntries(VAULT_OBJECTS.map((object) => [object.name, object.fields.map((field) => field.name)])),
};

/** The records of a target as the simulator holds them now. */
export function recordsOf(state: SimState, target: string): SimRecord[] {
	if (target === 'documents') return state.documents;
	if (target !== 'user__sys') return state.recordsOf(target);
	return state.users.map((user) => ({
		id: user.id,
		username__sys: user.username,
		name__v: user.username.split('@')[0],
		status__v: user.active ? 'active__v' : 'inactive__v',
		created_date__v: '2020-01-06T09:00:00.000Z',
	}));
}

async function query(state: SimState, ctx: RequestContext): Promise<void> {
	const form = ctx.req.method === 'POST' ? await readForm(ctx) : { fields: {} as Record<string, string> };
	const q = form.fields.q ?? ctx.url.searchParams.get('q') ?? '';
	if (!q.trim()) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [q]');
	const parsed = parseQuery(q);
	let records = recordsOf(state, parsed.target).filter((record) => parsed.where(record));
	for (const { field, descending } of [...parsed.orderBy].reverse()) {
		records = [...records].sort((a, b) => compare(a[field], b[field]) * (descending ? -1 : 1));
	}
	if (parsed.limit !== undefined) records = records.slice(0, parsed.limit);
	const selected = records.map((record) => Object.fromEntries(parsed.fields.map((field) => [field, record[field] ?? null])));
	const cursor: QueryCursor = { records: selected, pageSize: parsed.pageSize, created: state.now(), userId: ctx.caller!.user.id };
	return await sendQueryPage(state, ctx, cursor, 0);
}

async function queryPage(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const cursor = state.queryCursors.get(id);
	if (!cursor || cursor.userId !== ctx.caller!.user.id || state.now() - cursor.created > QUERY_CURSOR_TTL_MS) {
		throw new VaultFailure('INVALID_DATA', 'Invalid or expired query page.');
	}
	const offset = Number(ctx.url.searchParams.get('pageoffset') ?? '0');
	if (!Number.isInteger(offset) || offset < 0) throw new VaultFailure('INVALID_DATA', 'Invalid value for [pageoffset].');
	return await sendQueryPage(state, ctx, cursor, offset);
}

function sendQueryPage(state: SimState, ctx: RequestContext, cursor: QueryCursor, offset: number): Promise<void> {
	const page = cursor.records.slice(offset, offset + cursor.pageSize);
	const responseDetails: Record<string, unknown> = { pagesize: cursor.pageSize, pageoffset: offset, size: page.length, total: cursor.records.length };
	const more = offset + cursor.pageSize < cursor.records.length;
	if (more || offset > 0) {
		if (!cursor.id) {
			cursor.id = randomUUID();
			state.queryCursors.set(cursor.id, cursor);
		}
		const link = (to: number) => `/api/${ctx.version}/query/${cursor.id}?pagesize=${cursor.pageSize}&pageoffset=${to}`;
		if (offset > 0) responseDetails.previous_page = link(Math.max(0, offset - cursor.pageSize));
		if (more) responseDetails.next_page = link(offset + cursor.pageSize);
	}
	return success(state, ctx, { responseDetails, data: page });
}

function compare(a: Value | undefined, b: Value | undefined): number {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const dateA = asDate(a);
	const dateB = asDate(b);
	if (dateA !== undefined && dateB !== undefined) return dateA - dateB;
	return String(a).localeCompare(String(b));
}

function asDate(value: Value): number | undefined {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

// ---- The parser ----------------------------------------------------------------------------

export interface ParsedQuery {
	fields: string[];
	target: string;
	where: (record: SimRecord) => boolean;
	orderBy: Array<{ field: string; descending: boolean }>;
	limit?: number;
	pageSize: number;
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string };

function syntaxError(detail: string): VaultFailure {
	return new VaultFailure('INCORRECT_QUERY_SYNTAX_ERROR', `Error in query: ${detail}`);
}

function tokenize(q: string): Token[] {
	const tokens: Token[] = [];
	let at = 0;
	while (at < q.length) {
		const rest = q.slice(at);
		const space = /^\s+/.exec(rest);
		if (space) {
			at += space[0].length;
			continue;
		}
		if (rest[0] === "'") {
			let text = '';
			let end = 1;
			for (; end < rest.length; end++) {
				if (rest[end] === '\\' && end + 1 < rest.length) text += rest[++end];
				else if (rest[end] === "'") break;
				else text += rest[end];
			}
			if (end >= rest.length) throw syntaxError('a text value has no closing quote');
			tokens.push({ kind: 'string', text });
			at += end + 1;
			continue;
		}
		const match = /^(?:(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(<=|>=|!=|<>|[=<>(),]))/.exec(rest);
		if (!match) throw syntaxError(`unexpected character "${rest[0]}"`);
		tokens.push({ kind: match[1] !== undefined ? 'number' : match[2] !== undefined ? 'word' : 'symbol', text: match[0] });
		at += match[0].length;
	}
	return tokens;
}

export function parseQuery(q: string): ParsedQuery {
	const tokens = tokenize(q);
	let at = 0;
	const peek = () => tokens[at];
	const isKeyword = (word: string) => peek()?.kind === 'word' && peek()!.text.toUpperCase() === word;
	const expectKeyword = (word: string) => {
		if (!isKeyword(word)) throw syntaxError(`expected ${word}${peek() ? ` near "${peek()!.text}"` : ' at the end'}`);
		at++;
	};
	const word = (what: string) => {
		const token = tokens[at];
		if (token?.kind !== 'word') throw syntaxError(`expected ${what}${token ? ` near "${token.text}"` : ' at the end'}`);
		at++;
		return token.text;
	};
	const whole = (what: string) => {
		const token = tokens[at++];
		const value = Number(token?.text);
		if (token?.kind !== 'number' || !Number.isInteger(value) || value < 1) throw syntaxError(`${what} takes a whole number above 0`);
		return value;
	};

	expectKeyword('SELECT');
	const fields = [word('a field')];
	while (peek()?.text === ',') {
		at++;
		fields.push(word('a field'));
	}
	expectKeyword('FROM');
	const target = word('a query target');
	const known = QUERY_TARGETS[target];
	if (!known) throw new VaultFailure('INVALID_DATA', `Invalid query target [${target}]`);
	const checkField = (field: string) => {
		if (!known.includes(field)) throw new VaultFailure('INVALID_DATA', `Invalid field [${field}] for query target [${target}]`);
		return field;
	};
	fields.forEach(checkField);

	const value = (): Value => {
		const token = tokens[at++];
		if (!token) throw syntaxError('a value is missing at the end');
		if (token.kind === 'string') return token.text;
		if (token.kind === 'number') return Number(token.text);
		if (token.kind === 'word' && /^(true|false|null)$/i.test(token.text)) return token.text.toLowerCase() === 'null' ? null : token.text.toLowerCase() === 'true';
		throw syntaxError(`expected a value near "${token.text}"`);
	};
	type Test = (record: SimRecord) => boolean;
	const condition = (): Test => {
		if (peek()?.text === '(') {
			at++;
			const inner = anyOf();
			if (tokens[at++]?.text !== ')') throw syntaxError('a parenthesis is not closed');
			return inner;
		}
		const field = checkField(word('a field'));
		if (isKeyword('LIKE')) {
			at++;
			const pattern = value();
			const regex = new RegExp(`^${String(pattern).split('%').map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
			return (record) => regex.test(String(record[field] ?? ''));
		}
		if (isKeyword('IN')) {
			at++;
			if (tokens[at++]?.text !== '(') throw syntaxError('IN takes a list in parentheses');
			const list = [value()];
			while (peek()?.text === ',') {
				at++;
				list.push(value());
			}
			if (tokens[at++]?.text !== ')') throw syntaxError('the IN list is not closed');
			return (record) => list.some((entry) => compare(record[field], entry) === 0);
		}
		const operator = tokens[at++];
		if (operator?.kind !== 'symbol' || !['=', '!=', '<>', '<', '>', '<=', '>='].includes(operator.text)) {
			throw syntaxError(`expected a comparison after ${field}`);
		}
		const expected = value();
		return (record) => {
			const order = compare(record[field], expected);
			switch (operator.text) {
				case '=':
					return order === 0;
				case '!=':
				case '<>':
					return order !== 0;
				case '<':
					return order < 0;
				case '>':
					return order > 0;
				case '<=':
					return order <= 0;
				default:
					return order >= 0;
			}
		};
	};
	const allOf = (): Test => {
		const tests = [condition()];
		while (isKeyword('AND')) {
			at++;
			tests.push(condition());
		}
		return (record) => tests.every((test) => test(record));
	};
	const anyOf = (): Test => {
		const tests = [allOf()];
		while (isKeyword('OR')) {
			at++;
			tests.push(allOf());
		}
		return (record) => tests.some((test) => test(record));
	};

	let where: Test = () => true;
	if (isKeyword('WHERE')) {
		at++;
		where = anyOf();
	}
	const orderBy: ParsedQuery['orderBy'] = [];
	if (isKeyword('ORDER')) {
		at++;
		expectKeyword('BY');
		do {
			if (peek()?.text === ',') at++;
			const field = checkField(word('a field to order by'));
			let descending = false;
			if (isKeyword('ASC') || isKeyword('DESC')) descending = tokens[at++].text.toUpperCase() === 'DESC';
			orderBy.push({ field, descending });
		} while (peek()?.text === ',');
	}
	let limit: number | undefined;
	let pageSize = MAX_QUERY_PAGE_SIZE;
	while (isKeyword('LIMIT') || isKeyword('PAGESIZE')) {
		const clause = tokens[at++].text.toUpperCase();
		const number = whole(clause);
		if (clause === 'LIMIT') limit = number;
		else pageSize = Math.min(number, MAX_QUERY_PAGE_SIZE);
	}
	if (at < tokens.length) throw syntaxError(`unexpected "${tokens[at].text}"`);
	return { fields, target, where, orderBy, limit, pageSize };
}
