// Any endpoint of Vault's REST API, for what the node has no operation of its own. The request
// still goes through the transport: the credential's session (renewed once when Vault ends it),
// Vault's FAILURE answers as errors, rate limits, next_page links on the Vault's own host only.
import type { IHttpRequestMethods } from 'n8n-workflow';

import { recordsOf, vaultApiPages, vaultApiRequestWithHeaders } from '../transport';
import type { VaultClient, VaultRequest } from '../transport';
import type { VaultEnvelope } from '../transport/envelope';
import { headerValue } from '../transport/headers';
import type { ApiPath } from '../rules/apiCall';
import { fileNameOf } from './stagingItems';

export interface EndpointCall {
	method: IHttpRequestMethods;
	endpoint: ApiPath;
	query: Array<[string, string]>;
	headers: Record<string, string>;
	body?: { form: Record<string, string> } | { json: string };
}

function requestOf(call: EndpointCall): VaultRequest {
	// A parameter of the Query Parameters field wins over the same one written into the path.
	const qs = Object.fromEntries([...call.endpoint.query, ...call.query]);
	const body = call.body;
	return {
		method: call.method,
		path: call.endpoint.path,
		qs,
		headers: { ...call.headers, ...(body && 'json' in body ? { 'Content-Type': 'application/json' } : {}) },
		...(body && 'form' in body ? { form: body.form } : {}),
		...(body && 'json' in body ? { body: body.json } : {}),
		// Whatever Vault answers: its JSON, or a file (a document's content, a CSV), read as it arrives.
		binary: true,
	};
}

export type EndpointAnswer =
	| { kind: 'json'; envelope: VaultEnvelope }
	| { kind: 'file'; fileName: string | undefined; mimeType: string | undefined; bytes: AsyncIterable<Buffer> };

/** Vault's answer to one call: its JSON, or the file it sent. */
export async function callEndpoint(vault: VaultClient, call: EndpointCall): Promise<EndpointAnswer> {
	const answer = await vaultApiRequestWithHeaders(vault, requestOf(call));
	if (answer.stream) {
		const mimeType = headerValue(answer.headers, 'content-type')?.split(';')[0].trim() || undefined;
		return { kind: 'file', fileName: fileNameOf(answer.headers), mimeType, bytes: answer.stream };
	}
	return { kind: 'json', envelope: answer.envelope };
}

export type EndpointRecords = { kind: 'records'; records: unknown[] } | { kind: 'noData'; topLevelKeys: string[] };

/** The `data` records of the call's answer and of every page Vault links from it with
 * responseDetails.next_page, or the first `limit` of them. An answer without `data` (another
 * endpoint's shape) is told apart from `data: []`, a list that is empty. */
export async function callEndpointRecords(vault: VaultClient, call: EndpointCall, limit?: number): Promise<EndpointRecords> {
	const records: unknown[] = [];
	let firstPage = true;
	for await (const { envelope } of vaultApiPages(vault, { ...requestOf(call), binary: false })) {
		if (firstPage && (envelope.data === undefined || envelope.data === null)) return { kind: 'noData', topLevelKeys: Object.keys(envelope) };
		firstPage = false;
		records.push(...recordsOf(envelope));
		if (limit !== undefined && records.length >= limit) return { kind: 'records', records: records.slice(0, limit) };
	}
	return { kind: 'records', records };
}
