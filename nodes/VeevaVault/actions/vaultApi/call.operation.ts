import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callEndpoint, callEndpointRecords } from '../../api/anyEndpoint';
import type { EndpointCall } from '../../api/anyEndpoint';
import { asNodeStream } from '../../binary/binarySource';
import { apiPathOf, extraHeadersOf } from '../../rules/apiCall';
import { InvalidInputError } from '../../rules/inputError';
import { optionsCollection, returnAllOrLimit, timeoutOption } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const METHODS_WITH_BODY = ['POST', 'PUT'];

const nameValuePairs = (displayName: string, name: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder,
	default: {},
	options: [
		{
			displayName: 'Parameter',
			name: 'parameters',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		description: 'The HTTP method of the endpoint, as in Vault\'s API reference. Only GET is sent again after a lost answer.',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/objects/documents',
		description:
			'The endpoint as in Vault\'s API reference, with or without /api/{version} (the credential\'s API version is used unless you write one, e.g. /api/v24.1/…). The call goes to the credential\'s Vault only.',
	},
	nameValuePairs('Query Parameters', 'queryParameters', 'Add Query Parameter'),
	{
		displayName: 'Body',
		name: 'bodyType',
		type: 'options',
		displayOptions: { show: { method: METHODS_WITH_BODY } },
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Form (URL-Encoded)', value: 'form', description: 'Name-value pairs, as most of Vault\'s POST and PUT endpoints take them' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'none',
	},
	{ ...nameValuePairs('Form Fields', 'formFields', 'Add Form Field'), displayOptions: { show: { method: METHODS_WITH_BODY, bodyType: ['form'] } } },
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: METHODS_WITH_BODY, bodyType: ['json'] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'Vault\'s Answer', value: 'answer', description: 'One item: Vault\'s JSON answer as it is, or the file Vault sent in a binary field' },
			{
				name: 'Records',
				value: 'records',
				description: 'One item per entry of the answer\'s data, following responseDetails.next_page through every page. For an endpoint that answers without data, use Vault\'s Answer.',
			},
		],
		default: 'answer',
	},
	...updateDisplayOptions({ show: { output: ['records'] } }, returnAllOrLimit),
	optionsCollection([
		{ ...nameValuePairs('Headers', 'headers', 'Add Header'), description: 'Extra headers, e.g. X-VaultAPI-DescribeQuery. The node sets Authorization and X-VaultAPI-ClientID itself.' },
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'When Vault answers with a file (a document\'s content, a CSV), the name of the output binary field to put it in',
		},
		timeoutOption,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['vaultApi'], operation: ['call'] } }, properties);

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	MALFORMED_URL: 'Vault has no endpoint at this Path in this API version. Check the Path against Vault\'s API reference, and the credential\'s API version.',
	METHOD_NOT_SUPPORTED: 'The endpoint exists but not with this Method (or not in this API version). Check the Method and Path against Vault\'s API reference.',
	PARAMETER_REQUIRED: 'Add the missing parameter under Query Parameters or Form Fields (Vault\'s message names it).',
	INVALID_DATA: 'A value in Path, Query Parameters or the Body is not one Vault accepts; Vault\'s message names it.',
	INSUFFICIENT_ACCESS: 'The credential\'s Vault user may not do this; a Vault Admin can grant the permission.',
};

type Pairs = { parameters?: Array<{ name?: unknown; value?: unknown }> };

function pairsOf(ctx: IExecuteFunctions, name: string, itemIndex: number): Array<[string, string]> {
	const { parameters = [] } = ctx.getNodeParameter(name, itemIndex, {}) as Pairs;
	return parameters
		.filter((pair) => typeof pair.name === 'string' && pair.name.trim() !== '')
		.map((pair) => [String(pair.name).trim(), pair.value === undefined || pair.value === null ? '' : String(pair.value)]);
}

function bodyOf(ctx: IExecuteFunctions, method: string, itemIndex: number): EndpointCall['body'] {
	if (!METHODS_WITH_BODY.includes(method)) return undefined;
	const bodyType = ctx.getNodeParameter('bodyType', itemIndex, 'none') as string;
	if (bodyType === 'form') return { form: Object.fromEntries(pairsOf(ctx, 'formFields', itemIndex)) };
	if (bodyType !== 'json') return undefined;
	const json = ctx.getNodeParameter('jsonBody', itemIndex, '{}') as unknown;
	if (typeof json !== 'string') return { json: JSON.stringify(json) };
	const problem = jsonProblemIn(json);
	if (problem) throw new InvalidInputError(`The JSON Body is not valid JSON: ${problem}`, 'Fix the JSON, or build it with an expression such as {{ JSON.stringify($json) }}.');
	return { json };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	const options = this.getNodeParameter('options', itemIndex, {}) as { headers?: Pairs; binaryPropertyName?: string };
	const call: EndpointCall = {
		method,
		endpoint: apiPathOf(this.getNodeParameter('path', itemIndex, '')),
		query: pairsOf(this, 'queryParameters', itemIndex),
		headers: extraHeadersOf(options.headers?.parameters ?? []),
		body: bodyOf(this, method, itemIndex),
	};

	if (this.getNodeParameter('output', itemIndex, 'answer') === 'records') {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const answer = await callEndpointRecords(vault, call, limit);
		if (answer.kind === 'noData') {
			throw new InvalidInputError(
				`Vault's answer has no data field to make records of; its top-level fields are: ${answer.topLevelKeys.join(', ')}`,
				'Output "Records" makes one item per entry of the answer\'s data field, which this endpoint does not answer with. Choose Output "Vault\'s Answer" to get the answer as it is (then, e.g., split out the field you need).',
			);
		}
		return answer.records.map((record) => ({ json: isRecord(record) ? record : { value: record as IDataObject[keyof IDataObject] } }));
	}

	const answer = await callEndpoint(vault, call);
	if (answer.kind === 'json') return [{ json: answer.envelope as unknown as IDataObject }];
	const binaryPropertyName = (options.binaryPropertyName ?? 'data').trim();
	if (!binaryPropertyName) throw new InvalidInputError('Put Output File in Field is empty', 'Enter a field name, e.g. data.');
	// Streamed into n8n's binary store: memory stays flat whatever the file's size.
	const binary = await this.helpers.prepareBinaryData(asNodeStream(answer.bytes, answer.bytes) as Buffer, answer.fileName, answer.mimeType);
	return [{ json: { fileName: binary.fileName ?? null, mimeType: binary.mimeType, size: binary.bytes ?? null }, binary: { [binaryPropertyName]: binary } }];
}

function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function jsonProblemIn(text: string): string | undefined {
	try {
		JSON.parse(text);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}
