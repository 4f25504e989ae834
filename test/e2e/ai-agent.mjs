// End-to-end: the Veeva Vault node as a tool of n8n's AI Agent, in the real n8n CLI. The agent's
// OpenAI Chat Model talks to a local OpenAI stand-in (openai-stub.mjs) that calls the Vault tool
// it finds among the tools n8n offers, then answers with what the tool returned. Registered by
// run-e2e.mjs inside its suite, so it shares the suite's n8n, package install and simulator.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { SEED_ADMIN, SEED_ADMIN_TOKEN, countRoute } from '../../simulator/client.mjs';
import { PACKAGE_NAME, nodeItems, nodeRun, vaultCredential } from '../../tools/n8n.mjs';
import { PROJECT_ROOT, log, seconds } from '../../tools/processes.mjs';
import { contentText, startOpenAiStub } from './openai-stub.mjs';

const HOUR = 3600_000;
const MiB = 1024 * 1024;
/** The type n8n registers for a community node with usableAsTool: the node's name + "Tool". */
export const TOOL_TYPE = `${PACKAGE_NAME}.veevaVaultTool`;
const AGENT_NODE = 'Ask about uploads';
const TOOL_NODE = 'List upload sessions';
/** What n8n makes of the node's name for the model (anything but letters, digits, _ and - → _). */
const TOOL_NAME = 'List_upload_sessions';
const OPENAI_KEY = 'sk-e2e-stub-key-0000000000000000';
const WRONG_PASSWORD = 'e2e-wrong-password-Zq81';
/** What the stub (the "model") chooses for the tool's $fromAI parameters. */
const MODEL_CHOOSES = { idleHours: 3, limit: 20, vql: "SELECT id, name__v, status__v FROM documents WHERE status__v = 'In Review'" };
/** The VQL tool: its node's name, and the $fromAI key of its query (with a description, as a user would add). */
const VQL_TOOL_NODE = 'Query Vault documents';
const VQL_TOOL_NAME = 'Query_Vault_documents';
const VQL_KEY = 'VQL_Query';
const IDS = {
	openAi: 'e2eOpenAiStub001',
	agentVault: 'e2eAgentVault001',
	wrongPassword: 'e2eAgentWrongPw1',
	agentWorkflow: 'e2eAiAgentList01',
	responsesWorkflow: 'e2eAiAgentResp01',
	failingWorkflow: 'e2eAiAgentFail01',
	vqlWorkflow: 'e2eAiAgentVql001',
};
/** Sessions of this test, besides whatever the suite left in the simulator. */
const AGENT_SESSIONS = {
	stale: { path: '/u10001400/e2e-agent/stale-8h.zip', owner: 10001400, size: 100 * MiB, uploaded: 30 * MiB, createdAgoMs: 9 * HOUR, lastUploadAgoMs: 8 * HOUR },
	recent: { path: '/u10001400/e2e-agent/recent-10min.zip', owner: 10001400, size: 100 * MiB, uploaded: 30 * MiB, createdAgoMs: HOUR, lastUploadAgoMs: 10 * 60_000 },
	completeIdle: { path: '/u10001400/e2e-agent/complete-5h.zip', owner: 10001400, size: 10 * MiB, uploaded: 10 * MiB, createdAgoMs: 6 * HOUR, lastUploadAgoMs: 5 * HOUR },
};

/**
 * `suite`: the running e2e suite's context (ctx.cli, ctx.simulator) and its helper
 * assertRunSucceeded(result, what).
 */
export function describeAiAgent({ ctx, assertRunSucceeded }) {
	describe('as a tool of the AI Agent (OpenAI Chat Model on a local OpenAI stand-in)', { concurrency: 1 }, () => {
		const local = {};

		before(async () => {
			// The $fromAI keys n8n's editor writes when "Let the model define this parameter" is
			// clicked: made from the parameters' display names, as built (so units in a display
			// name, like "(Hours)", are what the model gets to see).
			const { VeevaVault } = createRequire(import.meta.url)(join(PROJECT_ROOT, 'dist/nodes/VeevaVault/VeevaVault.node.js'));
			const properties = new VeevaVault().description.properties;
			const getAll = (name) => properties.find((property) => property.name === name && property.displayOptions?.show?.resource?.includes('uploadSession') && property.displayOptions?.show?.operation?.includes('getAll'));
			local.keys = {
				idle: editorFromAiKey(getAll('filters').options.find((option) => option.name === 'idleForMoreThanHours').displayName),
				limit: editorFromAiKey(getAll('limit').displayName),
			};
			local.stub = await startOpenAiStub({
				apiKey: OPENAI_KEY,
				// Like a model: the tool whose description is about listing Veeva Vault upload sessions,
				// or else the one that runs VQL queries in Veeva Vault.
				pickTool: (tools) => {
					const about = (pattern) => tools.find((tool) => /\bVeeva Vault\b/.test(tool.function?.description ?? '') && pattern.test(tool.function?.description ?? ''));
					return about(/\bupload sessions\b/i) ?? about(/\bVQL query\b/);
				},
				chooseArgument: (name, schema) => {
					if (schema.type === 'string' && /VQL/.test(`${name} ${schema.description ?? ''}`)) return MODEL_CHOOSES.vql;
					if (schema.type === 'number' && /hour/i.test(`${name} ${schema.description ?? ''}`)) return MODEL_CHOOSES.idleHours;
					if (schema.type === 'number' && /limit|max/i.test(`${name} ${schema.description ?? ''}`)) return MODEL_CHOOSES.limit;
					throw new Error(`the stub does not know what to choose for ${name}: ${JSON.stringify(schema)}`);
				},
			});
			local.ids = {};
			for (const [key, session] of Object.entries(AGENT_SESSIONS)) local.ids[key] = await ctx.simulator.addUploadSession(session);
			log(`OpenAI stand-in on ${local.stub.baseUrl}`);
			await ctx.cli.importCredentials([
				{ id: IDS.openAi, name: 'OpenAI (local stand-in)', type: 'openAiApi', data: { apiKey: OPENAI_KEY, url: local.stub.baseUrl } },
				vaultCredential({ id: IDS.agentVault, name: 'Veeva Vault (agent)', vaultDns: ctx.simulator.url, username: SEED_ADMIN.username, password: SEED_ADMIN.password }),
				vaultCredential({ id: IDS.wrongPassword, name: 'Veeva Vault (wrong password)', vaultDns: ctx.simulator.url, username: SEED_ADMIN.username, password: WRONG_PASSWORD }),
			]);
			await ctx.cli.importWorkflows([
				agentWorkflow({ id: IDS.agentWorkflow, name: 'E2E: AI agent lists stale uploads', keys: local.keys, n8nVersion: ctx.n8n.version, vaultCredential: { id: IDS.agentVault, name: 'Veeva Vault (agent)' } }),
				agentWorkflow({ id: IDS.failingWorkflow, name: 'E2E: AI agent, wrong Vault password', keys: local.keys, n8nVersion: ctx.n8n.version, vaultCredential: { id: IDS.wrongPassword, name: 'Veeva Vault (wrong password)' } }),
				vqlAgentWorkflow({ id: IDS.vqlWorkflow, n8nVersion: ctx.n8n.version, vaultCredential: { id: IDS.agentVault, name: 'Veeva Vault (agent)' } }),
				agentWorkflow({ id: IDS.responsesWorkflow, name: 'E2E: AI agent, OpenAI Responses API', keys: local.keys, n8nVersion: ctx.n8n.version, vaultCredential: { id: IDS.agentVault, name: 'Veeva Vault (agent)' }, responsesApi: true }),
			]);
		});

		after(async () => {
			await local.stub?.close();
		});

		it('the agent is offered the tool with a description, the model\'s $fromAI values reach Vault, and the answer names the stale sessions', async (t) => {
			const listing = await ctx.simulator.listUploadSessions(SEED_ADMIN_TOKEN);
			const now = Date.now();
			// The rule the tool is asked for, written independently of the node.
			const expectedStale = listing.filter((session) => session.uploaded < session.size && Date.parse(session.last_uploaded_date) < now - MODEL_CHOOSES.idleHours * HOUR);
			assert.ok(expectedStale.some((session) => session.id === local.ids.stale), 'test data: this test\'s stale session is stale');
			const notStale = listing.filter((session) => !expectedStale.includes(session));
			assert.ok(notStale.some((session) => session.id === local.ids.recent) && notStale.some((session) => session.id === local.ids.completeIdle));
			const baseline = await ctx.simulator.stats();
			const chatsBefore = local.stub.chatRequests().length;

			const result = await ctx.cli.execute(IDS.agentWorkflow);
			t.diagnostic(`n8n execute (AI agent → Veeva Vault tool): ${seconds(result.ms)}`);
			assertRunSucceeded(result, 'AI agent with the Veeva Vault tool');

			const chats = local.stub.chatRequests().slice(chatsBefore);
			assert.equal(chats.length, 2, 'two model calls: one that calls the tool, one after its result');
			assert.ok(chats.every((chat) => chat.authorized), 'n8n sent the OpenAI credential\'s API key');
			assert.deepEqual(chats.map((chat) => `${chat.method} ${chat.path}`), ['POST /v1/chat/completions', 'POST /v1/chat/completions'], 'Use Responses API off: Chat Completions');

			// 1. What n8n offered the model.
			const offered = chats[0].body.tools ?? [];
			const tool = offered.find((candidate) => candidate.function?.name === TOOL_NAME);
			assert.ok(tool, `the Vault tool is offered as ${TOOL_NAME}; offered: ${JSON.stringify(offered.map((candidate) => candidate.function?.name))}`);
			const { description, parameters } = tool.function;
			t.diagnostic(`tool description: ${description}`);
			assert.match(description, /upload sessions/i, 'the description says what the tool is about');
			assert.match(description, /Veeva Vault/, 'the description names the service');
			assert.match(description, /\bpath\b/i, 'the description says what each session comes with');
			assert.match(description, /\bprogress\b/i, 'the description says what each session comes with');
			assert.deepEqual(Object.keys(parameters.properties).sort(), [local.keys.idle, local.keys.limit].sort(), 'exactly the $fromAI parameters are asked of the model');
			assert.match(local.keys.idle, /Hours/, 'the idle threshold\'s name tells the model its unit');
			assert.equal(parameters.properties[local.keys.idle].type, 'number');
			assert.equal(parameters.properties[local.keys.limit].type, 'number');
			assert.deepEqual(parameters.required?.sort(), [local.keys.idle, local.keys.limit].sort(), 'the model must fill both');

			// 2. The model's choice reached the node, and the node asked Vault.
			const toolRun = nodeRun(result.run, TOOL_NODE);
			assert.ok(toolRun, 'the tool node ran');
			assert.deepEqual(JSON.parse(chats[0].answer.toolCall.arguments), { [local.keys.idle]: MODEL_CHOOSES.idleHours, [local.keys.limit]: MODEL_CHOOSES.limit });
			const requests = await ctx.simulator.requestsSince(baseline);
			assert.equal(countRoute(requests, 'listUploadSessions'), 1, 'the simulator saw one list call');
			assert.ok(countRoute(requests, 'auth') <= 1, 'at most one login (the agent\'s credential is new)');

			// 3. The tool's result reached the model.
			const call = chats[0].answer.toolCall;
			const toolMessage = chats[1].body.messages.find((message) => message.role === 'tool');
			assert.ok(toolMessage, 'the second model call carries a tool message');
			assert.equal(toolMessage.tool_call_id, call.id, 'the tool message answers the model\'s call');
			const returned = JSON.parse(contentText(toolMessage.content));
			const sessions = findSessions(returned);
			assert.deepEqual(sessions.map((session) => session.id).sort(), expectedStale.map((session) => session.id).sort(), `the tool returned exactly the stale sessions: ${contentText(toolMessage.content).slice(0, 500)}`);
			for (const session of sessions) {
				const vault = expectedStale.find((candidate) => candidate.id === session.id);
				assert.equal(session.path, vault.path);
				assert.equal(typeof session.hours_since_last_upload, 'number', 'computed fields come along');
				// One decimal: a session idle for 3.04 hours shows 3.0.
				assert.ok(session.hours_since_last_upload >= MODEL_CHOOSES.idleHours, `${session.path}: ${session.hours_since_last_upload} hours since the last upload`);
			}

			// 4. The agent's answer names the stale sessions, and no other.
			const answer = nodeItems(result.run, AGENT_NODE)[0]?.json?.output;
			assert.equal(typeof answer, 'string', 'the agent node outputs the answer');
			for (const session of expectedStale) assert.ok(answer.includes(session.path), `the answer names ${session.path}`);
			for (const session of notStale) assert.ok(!answer.includes(session.path), `the answer does not name ${session.path}`);
			assertNoSecret([answer, ...chats.map((chat) => JSON.stringify(chat.body))]);
		});

		it('a failing tool call (wrong Vault password) reaches the agent as a readable error, without secrets, and the workflow still ends', async (t) => {
			const baseline = await ctx.simulator.stats();
			const chatsBefore = local.stub.chatRequests().length;

			const result = await ctx.cli.execute(IDS.failingWorkflow);
			t.diagnostic(`n8n execute (AI agent, tool fails): ${seconds(result.ms)}`);
			assertRunSucceeded(result, 'AI agent whose Vault tool fails');

			const requests = await ctx.simulator.requestsSince(baseline);
			assert.deepEqual(
				requests.map((request) => `${request.route}:${request.responseStatus}`),
				['auth:FAILURE'],
				'one login attempt, refused; nothing listed',
			);
			const chats = local.stub.chatRequests().slice(chatsBefore);
			assert.equal(chats.length, 2, 'the model is asked again after the failed tool call');
			const toolMessage = chats[1].body.messages.find((message) => message.role === 'tool');
			assert.ok(toolMessage, 'the failure comes back as a tool message');
			const text = contentText(toolMessage.content);
			t.diagnostic(`tool message: ${text}`);
			const [error, ...more] = findErrors(JSON.parse(text));
			assert.equal(typeof error, 'string', 'the tool message is an error');
			assert.equal(more.length, 0, 'one error');
			assert.match(error, /USERNAME_OR_PASSWORD_INCORRECT/, 'it names Vault\'s error type');
			assert.match(error, /password/i, 'it says what is wrong in words');
			assert.doesNotMatch(error, /\[object Object\]|undefined/);
			const answer = nodeItems(result.run, AGENT_NODE)[0]?.json?.output;
			assert.ok(typeof answer === 'string' && answer.includes('USERNAME_OR_PASSWORD_INCORRECT'), 'the agent could tell the user what went wrong');
			assertNoSecret([text, answer, ...chats.map((chat) => JSON.stringify(chat.body)), result.stdout]);
		});

		it('VQL as a tool: the model writes the query ($fromAI), Vault\'s records reach the model, the answer names the documents', async (t) => {
			const inReview = await queryDocuments(ctx, MODEL_CHOOSES.vql);
			assert.ok(inReview.length >= 1, 'test data: a document in review');
			const baseline = await ctx.simulator.stats();
			const chatsBefore = local.stub.chatRequests().length;

			const result = await ctx.cli.execute(IDS.vqlWorkflow);
			t.diagnostic(`n8n execute (AI agent → VQL tool): ${seconds(result.ms)}`);
			assertRunSucceeded(result, 'AI agent with the VQL tool');

			const chats = local.stub.chatRequests().slice(chatsBefore);
			assert.equal(chats.length, 2, 'one model call that calls the tool, one after its result');
			const tool = (chats[0].body.tools ?? []).find((candidate) => candidate.function?.name === VQL_TOOL_NAME);
			assert.ok(tool, `the VQL tool is offered as ${VQL_TOOL_NAME}`);
			t.diagnostic(`tool description: ${tool.function.description}`);
			assert.match(tool.function.description, /VQL query.*Veeva Vault/);
			assert.deepEqual(Object.keys(tool.function.parameters.properties), [VQL_KEY], 'the model is asked for the query only');
			assert.equal(tool.function.parameters.properties[VQL_KEY].type, 'string');
			assert.match(tool.function.parameters.properties[VQL_KEY].description ?? '', /SELECT/, 'the description tells the model how a query looks');
			assert.deepEqual(JSON.parse(chats[0].answer.toolCall.arguments), { [VQL_KEY]: MODEL_CHOOSES.vql });

			const requests = await ctx.simulator.requestsSince(baseline);
			assert.equal(countRoute(requests, 'query'), 1, 'the model\'s query reached Vault once');
			const toolMessage = chats[1].body.messages.find((message) => message.role === 'tool');
			const returned = contentText(toolMessage.content);
			for (const document of inReview) assert.ok(returned.includes(document.name__v), `${document.name__v} reaches the model`);
			const answer = nodeItems(result.run, AGENT_NODE)[0]?.json?.output;
			for (const document of inReview) assert.ok(answer.includes(document.name__v), `the answer names ${document.name__v}`);
			assertNoSecret([answer, ...chats.map((chat) => JSON.stringify(chat.body))]);
		});

		it('with the OpenAI Chat Model\'s default Responses API too: the tool is offered, its result reaches the model, the answer names the stale sessions', async (t) => {
			const listing = await ctx.simulator.listUploadSessions(SEED_ADMIN_TOKEN);
			const now = Date.now();
			const expectedStale = listing.filter((session) => session.uploaded < session.size && Date.parse(session.last_uploaded_date) < now - MODEL_CHOOSES.idleHours * HOUR);
			const chatsBefore = local.stub.chatRequests().length;

			const result = await ctx.cli.execute(IDS.responsesWorkflow);
			t.diagnostic(`n8n execute (AI agent, Responses API): ${seconds(result.ms)}`);
			assertRunSucceeded(result, 'AI agent with the Responses API');

			const calls = local.stub.chatRequests().slice(chatsBefore);
			assert.deepEqual(calls.map((call) => `${call.method} ${call.path}`), ['POST /v1/responses', 'POST /v1/responses'], 'the default OpenAI Chat Model calls the Responses API');
			const tool = (calls[0].body.tools ?? []).find((candidate) => candidate.name === TOOL_NAME);
			assert.ok(tool, 'the Vault tool is offered');
			assert.match(tool.description, /upload sessions.*Veeva Vault/i);
			assert.deepEqual(Object.keys(tool.parameters.properties).sort(), [local.keys.idle, local.keys.limit].sort());
			const output = calls[1].body.input.find((item) => item.type === 'function_call_output');
			assert.ok(output, 'the second call carries the tool\'s output');
			assert.equal(output.call_id, calls[0].answer.toolCall.id);
			const sessions = findSessions(JSON.parse(contentText(output.output)));
			assert.deepEqual(sessions.map((session) => session.id).sort(), expectedStale.map((session) => session.id).sort(), 'exactly the stale sessions reach the model');
			const answer = nodeItems(result.run, AGENT_NODE)[0]?.json?.output;
			assert.equal(typeof answer, 'string', 'the agent node outputs the answer');
			for (const session of listing) assert.equal(answer.includes(session.path), expectedStale.includes(session), `${session.path} ${expectedStale.includes(session) ? 'is' : 'is not'} named`);
		});
	});
}

/** What Vault answers `vql` (the simulator, asked with the admin's token). */
async function queryDocuments(ctx, vql) {
	const response = await fetch(`${ctx.simulator.url}/api/v25.2/query`, {
		method: 'POST',
		headers: { Authorization: SEED_ADMIN_TOKEN, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'X-VaultAPI-ClientID': 'e2e-suite' },
		body: new URLSearchParams({ q: vql }),
	});
	const body = await response.json();
	assert.equal(body.responseStatus, 'SUCCESS', JSON.stringify(body));
	return body.data;
}

/**
 * Manual Trigger → AI Agent with the OpenAI Chat Model (Chat Completions) and the Veeva Vault tool
 * VQL → Run Query, whose query the model writes: the user clicked "Let the model define this
 * parameter" and added a description.
 */
function vqlAgentWorkflow({ id, vaultCredential: credential, n8nVersion }) {
	const workflow = agentWorkflow({ id, name: 'E2E: AI agent queries documents with VQL', keys: {}, vaultCredential: credential, n8nVersion });
	const agent = workflow.nodes.find((node) => node.name === AGENT_NODE);
	agent.parameters.text = 'Which documents in our Veeva Vault are in review? Give their names.';
	const tool = workflow.nodes.find((node) => node.name === TOOL_NODE);
	tool.name = VQL_TOOL_NODE;
	tool.parameters = {
		resource: 'vql',
		operation: 'query',
		query: `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${VQL_KEY}', \`A VQL query, e.g. SELECT id, name__v, status__v FROM documents WHERE status__v = 'Draft'. Text in single quotes.\`, 'string') }}`,
		returnAll: false,
		limit: 20,
		options: {},
	};
	workflow.connections = {
		Start: workflow.connections.Start,
		'OpenAI Chat Model': workflow.connections['OpenAI Chat Model'],
		[VQL_TOOL_NODE]: workflow.connections[TOOL_NODE],
	};
	return workflow;
}

/** The key n8n 2.40's editor gives $fromAI for a top-level or collection parameter: its display name, _ for anything but letters, digits and -. */
function editorFromAiKey(displayName) {
	return displayName.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 63);
}

/** The expression n8n 2.40's editor writes for "Let the model define this parameter" (no description). */
function editorFromAi(key) {
	return `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`\`, 'number') }}`;
}

/** The upload sessions in a tool result, whatever n8n wraps them in (arrays, {response: …}). */
function findSessions(value) {
	if (Array.isArray(value)) return value.flatMap(findSessions);
	if (value && typeof value === 'object') {
		if (typeof value.id === 'string' && typeof value.path === 'string' && 'uploaded' in value) return [value];
		return Object.values(value).flatMap(findSessions);
	}
	return [];
}

/** The `error` texts in a tool result, whatever n8n wraps them in. */
function findErrors(value) {
	if (Array.isArray(value)) return value.flatMap(findErrors);
	if (value && typeof value === 'object') return typeof value.error === 'string' ? [value.error] : Object.values(value).flatMap(findErrors);
	return [];
}

function assertNoSecret(texts) {
	const secrets = { 'Vault password': SEED_ADMIN.password, 'wrong Vault password': WRONG_PASSWORD, 'OpenAI API key': OPENAI_KEY, 'access token': SEED_ADMIN_TOKEN };
	for (const text of texts) {
		for (const [name, secret] of Object.entries(secrets)) assert.ok(!String(text).includes(secret), `the ${name} appears in what the model or the user sees`);
	}
}

/**
 * Manual Trigger → AI Agent, with an OpenAI Chat Model (Chat Completions API, or with `responsesApi`
 * its default Responses API) and the Veeva Vault
 * tool: Get Many upload sessions, incomplete only, with computed fields; the idle threshold and
 * the limit are left to the model with $fromAI.
 */
function agentWorkflow({ id, name, keys, vaultCredential: credential, responsesApi = false, n8nVersion }) {
	return {
		id,
		name,
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-agent`,
				name: AGENT_NODE,
				type: '@n8n/n8n-nodes-langchain.agent',
				// The version the editor adds: 3.1 in n8n 2.x; n8n 1.123 has up to 3.
				typeVersion: Number(n8nVersion.split('.')[0]) >= 2 ? 3.1 : 3,
				position: [240, 0],
				parameters: {
					promptType: 'define',
					text: 'Which upload sessions in our Veeva Vault are stale, that is incomplete with no upload for more than 3 hours? Give their paths.',
					options: {},
				},
			},
			{
				id: `${id}-model`,
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [160, 240],
				// "Use Responses API" is on by default in version 1.3.
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, ...(responsesApi ? {} : { responsesApiEnabled: false }), options: {} },
				credentials: { openAiApi: { id: IDS.openAi, name: 'OpenAI (local stand-in)' } },
			},
			{
				id: `${id}-tool`,
				name: TOOL_NODE,
				type: TOOL_TYPE,
				typeVersion: 1,
				position: [400, 240],
				parameters: {
					resource: 'uploadSession',
					operation: 'getAll',
					returnAll: false,
					// As n8n's editor writes them when the user lets the model define the parameter.
					limit: editorFromAi(keys.limit),
					filters: {
						idleForMoreThanHours: editorFromAi(keys.idle),
						incompleteOnly: true,
					},
					options: { computedFields: true },
				},
				credentials: { veevaVaultApi: credential },
			},
		],
		connections: {
			Start: { main: [[{ node: AGENT_NODE, type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: AGENT_NODE, type: 'ai_languageModel', index: 0 }]] },
			[TOOL_NODE]: { ai_tool: [[{ node: AGENT_NODE, type: 'ai_tool', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}
