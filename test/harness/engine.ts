// Runs the Veeva Vault node through n8n's real execution engine (n8n-core's WorkflowExecute),
// with an in-memory credential store that behaves like the n8n CLI's CredentialsHelper:
// preAuthentication runs when the expirable session field is empty (or after a 401), and what
// it returns is persisted into the stored credential, so later executions reuse it.
import { ExecuteContext, ExecutionLifecycleHooks, LoadOptionsContext, PollContext, RoutingNode, WorkflowExecute, getAdditionalKeys } from 'n8n-core';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	createEmptyRunExecutionData,
	createRunExecutionData,
	isExpression,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { VeevaVaultApi } from '../../credentials/VeevaVaultApi.credentials';
import { VeevaVault } from '../../nodes/VeevaVault/VeevaVault.node';

export const NODE_TYPE = 'n8n-nodes-veeva-vault.veevaVault';
const CREDENTIAL_TEST_NODE_TYPE = 'n8n-nodes-base.noOp';
export const CREDENTIAL_ID = 'vault-credential-1';

class StoredCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private readonly store: Map<string, IDataObject>,
	) {
		super(details, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.store.get(this.id!) ?? {}) as ICredentialDataDecryptedObject;
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.set(this.id!, structuredClone(data) as IDataObject);
	}

	async updateData(toUpdate: Partial<ICredentialDataDecryptedObject>, toDelete: Array<string | number> = []): Promise<void> {
		const data = { ...(this.store.get(this.id!) ?? {}), ...toUpdate } as IDataObject;
		for (const key of toDelete) delete data[key];
		this.store.set(this.id!, data);
	}

	getDataToSave() {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.store.get(this.id!)) };
	}
}

/** The n8n CLI's credential handling, in memory. */
export class CredentialStore extends ICredentialsHelper {
	readonly store = new Map<string, IDataObject>();
	/** How many times n8n persisted a credential (each preAuthentication that succeeded). */
	updates = 0;
	/** Every request n8n sent with this credential, as its HTTP client got it: n8n-core hands the
	 * options to `authenticate` just before sending them. */
	readonly sentRequests: Array<{ method: string; url: string; timeout: number | undefined }> = [];

	constructor(private readonly credentialType: ICredentialType) {
		super();
	}

	set(id: string, data: IDataObject): void {
		this.store.set(id, structuredClone(data));
	}

	get(id: string): IDataObject | undefined {
		return this.store.get(id);
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		if (!details.id || !this.store.has(details.id)) throw new Error(`Credential ${details.id} not found`);
		return new StoredCredentials(details, type, this.store);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		details: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = await (await this.getCredentials(details, type)).getData();
		if (raw) return data;
		let decrypted = NodeHelpers.getNodeParameters(this.credentialType.properties, data as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
		if (expressionResolveValues) {
			const values = expressionResolveValues;
			decrypted = values.workflow.expression.getParameterValue(
				decrypted as INodeParameters,
				values.runExecutionData,
				values.runIndex,
				values.itemIndex,
				values.node.name,
				values.connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
				executeData,
				false,
				decrypted,
			) as ICredentialDataDecryptedObject;
		}
		return decrypted;
	}

	async updateCredentials(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.updates++;
		await (await this.getCredentials(details, type)).setData(data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new Error('OAuth is not used by this package');
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		this.sentRequests.push({ method: requestOptions.method ?? 'GET', url: requestOptions.url, timeout: requestOptions.timeout });
		const authenticate = this.credentialType.authenticate;
		// As the CLI: a credential type without `authenticate` leaves the request as it is.
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') throw new Error('Expected a generic authenticate object');
		const resolve = (value: string) => {
			if (!isExpression(value)) return value;
			const result = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
			return result ? String(result) : '';
		};
		const options = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			options[outerKey] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) options[outerKey][resolve(key)] = resolve(value);
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialType;
		const expirable = type.properties.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// The CLI means to log in afresh for a credential test (it looks for a test node whose
		// parameter "temp" is ''), but in n8n 2.40.7 that check never matches: the tester's node has
		// no parameters, and a test reuses the stored session (measured in the e2e suite).
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } } as IHttpRequestHelper, credentials);
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		const details = node.credentials[typeName];
		const stored = await (await this.getCredentials(details, typeName)).getData();
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value as ICredentialDataDecryptedObject[string];
		}
		await this.updateCredentials(details, typeName, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return ((await this.credentialType.preAuthentication?.call(helpers, credentials)) ?? undefined) as ICredentialDataDecryptedObject | undefined;
	}
}

class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'start',
		group: ['trigger'],
		version: 1,
		description: 'Passes its input on',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: { getInputData(): INodeExecutionData[] }): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class NodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = { 'test.start': new StartNode(), [NODE_TYPE]: new VeevaVault() };

	getByName(type: string): INodeType | IVersionedNodeType {
		const found = this.types[type];
		if (!found) throw new Error(`Unknown node type ${type}`);
		return found;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return {};
	}
}

export interface RunOptions {
	parameters: IDataObject;
	inputItems?: INodeExecutionData[];
	onError?: INode['onError'];
	credentialId?: string;
}

export interface RunResult {
	run: IRun;
	/** Items the Veeva Vault node emitted on its first output. */
	items: INodeExecutionData[];
	/** The error that stopped the node, if any. */
	error: (Error & { description?: string; context?: IDataObject; httpCode?: string | null }) | undefined;
}

const nodeTypes = new NodeTypes();
const credentialType = new VeevaVaultApi();
const urls = {
	restApiUrl: 'http://localhost:5678/rest',
	instanceBaseUrl: 'http://localhost:5678/',
	formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
	webhookBaseUrl: 'http://localhost:5678/webhook',
	webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
	webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
};

let executionCounter = 0;

/** A node (version 1) of a test workflow that uses the Veeva Vault credential `credentialId`. */
function credentialedNode({
	id,
	name,
	type,
	position = [0, 0],
	parameters = {},
	credentialId = CREDENTIAL_ID,
}: { id: string; name: string; type: string; position?: [number, number]; parameters?: IDataObject; credentialId?: string }): INode {
	return { id, name, type, typeVersion: 1, position, parameters: parameters as INode['parameters'], credentials: { veevaVaultApi: { id: credentialId, name: 'Vault' } } };
}

/** Executes Start → Veeva Vault once, as n8n would, and returns what the node produced. */
export async function runVaultNode(credentials: CredentialStore, options: RunOptions): Promise<RunResult> {
	const executionId = `execution-${++executionCounter}`;
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			...credentialedNode({ id: 'vault', name: 'Veeva Vault', type: NODE_TYPE, position: [200, 0], parameters: options.parameters, credentialId: options.credentialId }),
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const connections = { Start: { main: [[{ node: 'Veeva Vault', type: 'main' as const, index: 0 }]] } };
	const workflow = new Workflow({ id: 'workflow-1', name: 'engine test', nodes, connections, nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'workflow-1',
		name: 'engine test',
		nodes,
		connections,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = baseAdditionalData(credentials, executionId, { hooks } as unknown as IDataObject);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode('Start')!, data: { main: [options.inputItems ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const task = run.data.resultData.runData['Veeva Vault']?.[0];
	return {
		run,
		items: task?.data?.main?.[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as RunResult['error'],
	};
}

/** What the editor does to fill a "From List" picker: the node's listSearch method in n8n-core's
 * LoadOptionsContext, with the node's current parameters. */
export async function runListSearch(
	credentials: CredentialStore,
	method: string,
	{ parameters = {}, filter }: { parameters?: IDataObject; filter?: string } = {},
): Promise<INodeListSearchResult> {
	const node = credentialedNode({ id: 'vault', name: 'Veeva Vault', type: NODE_TYPE, parameters });
	const workflow = new Workflow({ id: 'workflow-1', nodes: [node], connections: {}, nodeTypes, active: false });
	const context = new LoadOptionsContext(workflow, node, baseAdditionalData(credentials, 'load-options'), '');
	const search = new VeevaVault().methods.listSearch as Record<string, (this: unknown, filter?: string) => Promise<INodeListSearchResult>>;
	return await search[method].call(context, filter);
}

/** What the editor does to fill a drop-down or the column mapping: the node's `loadOptions` or
 * `resourceMapping` method in n8n-core's LoadOptionsContext, with the node's current parameters. */
export async function runEditorMethod<T>(
	credentials: CredentialStore,
	kind: 'loadOptions' | 'resourceMapping' | 'listSearch',
	method: string,
	parameters: IDataObject = {},
	...args: unknown[]
): Promise<T> {
	const node = credentialedNode({ id: 'vault', name: 'Veeva Vault', type: NODE_TYPE, parameters });
	const workflow = new Workflow({ id: 'workflow-1', nodes: [node], connections: {}, nodeTypes, active: false });
	const context = new LoadOptionsContext(workflow, node, baseAdditionalData(credentials, 'load-options'), '');
	const methods = new VeevaVault().methods[kind] as unknown as Record<string, (this: unknown, ...args: unknown[]) => Promise<T>>;
	return await methods[method].call(context, ...args);
}

export interface PollOptions {
	parameters: IDataObject;
	/** The workflow's static data, kept by the caller across polls as n8n keeps it across restarts. */
	staticData: IDataObject;
	/** 'trigger' for an activated workflow, 'manual' for "Fetch Test Event". */
	mode?: 'trigger' | 'manual';
	credentialId?: string;
}

/** One poll of a polling trigger node, as n8n's ActiveWorkflows runs it: n8n-core's PollContext
 * with the workflow's static data. Returns what the node's poll() returned (null: no event). */
export async function runPollNode(node: INodeType, credentials: CredentialStore, options: PollOptions): Promise<INodeExecutionData[][] | null> {
	const pollNode = credentialedNode({ id: 'trigger', name: 'Trigger', type: node.description.name, parameters: options.parameters, credentialId: options.credentialId });
	const types: INodeTypes = {
		getByName: () => node,
		getByNameAndVersion: () => node,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'workflow-1', nodes: [pollNode], connections: {}, nodeTypes: types, active: true, staticData: JSON.parse(JSON.stringify(options.staticData)) as IDataObject });
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(workflow, workflow.getNode('Trigger')!, baseAdditionalData(credentials, 'poll'), mode, mode === 'manual' ? 'manual' : 'activate');
	const result = await node.poll!.call(context);
	// n8n saves the static data after a poll in an activated workflow, never after a manual one.
	if (mode === 'trigger') {
		for (const key of Object.keys(options.staticData)) Reflect.deleteProperty(options.staticData, key);
		Object.assign(options.staticData, JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject);
	}
	return result;
}

export function newCredentialStore(): CredentialStore {
	return new CredentialStore(credentialType);
}

export function baseAdditionalData(credentials: CredentialStore, executionId: string, extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentials,
		executionId,
		workflowId: 'workflow-1',
		userId: 'user-1',
		currentNodeParameters: undefined,
		currentNodeExecutionIndex: 0,
		variables: {},
		...urls,
		executeWorkflow: async () => {
			throw new Error('not available in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * What n8n's "Test" button does for a credential with a `test` request (the CLI's
 * CredentialsTester): a temporary noOp node whose only property routes the test request,
 * run by n8n-core's RoutingNode; then the rules are checked against the answer.
 */
export async function testCredential(credentials: CredentialStore, credentialId = CREDENTIAL_ID): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const test = credentialType.test!;
	const node = credentialedNode({ id: 'temp', name: 'Temp-Node', type: CREDENTIAL_TEST_NODE_TYPE, credentialId });
	const testNodeType = {
		description: {
			displayName: 'No Operation',
			name: CREDENTIAL_TEST_NODE_TYPE,
			group: ['organization'],
			version: 1,
			description: 'Credential test',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'veevaVaultApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	} as unknown as INodeType;
	const testNodeTypes: INodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => testNodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: testNodeTypes });
	const stored = credentials.get(credentialId) ?? {};
	const decrypted = NodeHelpers.getNodeParameters(credentialType.properties, stored as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
	const context = new ExecuteContext(
		workflow,
		node,
		baseAdditionalData(credentials, 'credential-test', { currentNodeParameters: node.parameters }),
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, { id: credentialId, name: 'Vault', type: 'veevaVaultApi', data: decrypted });
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const failure = error as Error & { cause?: { code?: string; response?: { status: number; statusText?: string } } };
		if (failure.cause?.response) {
			const { status, statusText } = failure.cause.response;
			return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		}
		if (failure.cause?.code) return { status: 'Error', message: failure.cause.code };
		return { status: 'Error', message: failure.message };
	}
	const body = response?.[0]?.[0]?.json ?? {};
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = rule.properties.key.split(/[.[\]]/).filter(Boolean).reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], body);
		if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

