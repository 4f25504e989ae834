// A local stand-in for OpenAI's Chat Completions API (POST /v1/chat/completions) and Responses API
// (POST /v1/responses, what n8n's OpenAI Chat Model 1.3 calls by default), for the AI Agent
// end-to-end test: the OpenAI Chat Model node reaches it through an OpenAI credential whose base
// URL points here. Both without streaming (n8n streams only for a chat that asks for it).
//
// It plays a model that uses one tool per conversation: the first call of a conversation (no tool
// result yet) is answered with a call of the tool that `pickTool` finds in the request's `tools`,
// with arguments filled for every property of the tool's JSON schema by `chooseArgument`; the
// call after the tool answered gets a final answer that quotes the tool's result word for word.
// Every request is recorded (method, path, body, whether an API key was sent) for the test to
// check what n8n offered the model and what reached it.
import { createServer } from 'node:http';

import { trackServer } from '../../tools/processes.mjs';

/**
 * `pickTool(tools)` gets the request's `tools` (OpenAI's `{type: 'function', function: {name,
 * description, parameters}}`) and returns the one to call, or undefined: the stub then answers
 * with text saying no tool fits. `chooseArgument(name, schema)` returns the value for one property
 * of the tool's parameters.
 */
export async function startOpenAiStub({ apiKey, pickTool, chooseArgument, model = 'gpt-4o-mini' }) {
	const requests = [];
	let callCounter = 0;
	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body = null;
			try {
				body = text ? JSON.parse(text) : null;
			} catch {
				body = null;
			}
			const path = new URL(req.url, 'http://stub').pathname;
			const record = { method: req.method, path, body, authorized: req.headers.authorization === `Bearer ${apiKey}` };
			requests.push(record);
			const send = (status, json) => {
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (!record.authorized) return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
			if (req.method === 'GET' && path === '/v1/models') {
				return send(200, { object: 'list', data: [{ id: model, object: 'model', created: 1_700_000_000, owned_by: 'stub' }] });
			}
			if (req.method === 'POST' && path === '/v1/responses' && Array.isArray(body?.input)) {
				if (body.stream) return send(400, { error: { message: 'The stub does not stream the Responses API', type: 'invalid_request_error' } });
				// Responses API: tools are {type, name, description, parameters}; tool results are
				// input items of type function_call_output.
				const tools = (body.tools ?? []).filter((tool) => tool.type === 'function').map(({ name, description, parameters }) => ({ type: 'function', function: { name, description, parameters } }));
				const results = body.input.filter((item) => item.type === 'function_call_output').map((item) => contentText(item.output));
				const reply = answer(tools, results, ++callCounter);
				record.answer = reply;
				return send(200, responsesApiAnswer(reply, body.model ?? model, callCounter));
			}
			if (req.method !== 'POST' || path !== '/v1/chat/completions' || !Array.isArray(body?.messages)) {
				return send(404, { error: { message: `The stub serves GET /v1/models, POST /v1/chat/completions and /v1/responses, not ${req.method} ${path}`, type: 'invalid_request_error' } });
			}
			const results = body.messages.filter((message) => message.role === 'tool').map((message) => contentText(message.content));
			const reply = answer(body.tools ?? [], results, ++callCounter);
			record.answer = reply;
			const message = reply.toolCall
				? { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: reply.toolCall.id, type: 'function', function: { name: reply.toolCall.name, arguments: reply.toolCall.arguments } }] }
				: { role: 'assistant', content: reply.text, refusal: null };
			if (body.stream) return stream(res, body.model ?? model, message);
			send(200, {
				id: `chatcmpl-stub-${callCounter}`,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: body.model ?? model,
				choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop', logprobs: null }],
				usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
			});
		});
	});

	/**
	 * The model's turn, whatever the API: `{toolCall: {id, name, arguments}}` first (arguments as
	 * JSON text), then, once tool results are in the conversation, `{text}` quoting them.
	 */
	function answer(tools, toolResults, callNumber) {
		if (toolResults.length > 0) return { text: `Here is what the tool returned:\n${toolResults.join('\n')}` };
		const tool = pickTool(tools);
		if (!tool) return { text: 'None of the tools I was given can answer this.' };
		const properties = tool.function.parameters?.properties ?? {};
		const args = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, chooseArgument(name, schema)]));
		return { toolCall: { id: `call_stub_${callNumber}`, name: tool.function.name, arguments: JSON.stringify(args) } };
	}

	await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
	const untrack = trackServer(server);
	return {
		/** The base URL for the OpenAI credential's "Base URL" field. */
		baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		/** The recorded model calls (either API), each with the stub's `answer`. */
		chatRequests: () => requests.filter((request) => request.answer),
		async close() {
			untrack();
			server.closeAllConnections?.();
			await new Promise((ok) => server.close(ok));
		},
	};
}

/** A message's content as text (a string, or OpenAI's array of content parts). */
export function contentText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : (part?.text ?? ''))).join('');
	return '';
}

/** A Responses API answer: one output item, a function call or a message. */
function responsesApiAnswer(reply, model, callNumber) {
	const output = reply.toolCall
		? [{ type: 'function_call', id: `fc_stub_${callNumber}`, call_id: reply.toolCall.id, name: reply.toolCall.name, arguments: reply.toolCall.arguments, status: 'completed' }]
		: [{ type: 'message', id: `msg_stub_${callNumber}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: reply.text, annotations: [] }] }];
	return {
		id: `resp_stub_${callNumber}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		model,
		status: 'completed',
		error: null,
		incomplete_details: null,
		output,
		usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
	};
}

/** Server-sent events as OpenAI streams them: the message in one delta, then its finish reason. */
function stream(res, model, message) {
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
	const base = { id: `chatcmpl-stub-stream`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
	const delta = message.tool_calls
		? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
		: { role: 'assistant', content: message.content };
	const events = [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }] },
	];
	for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
	res.end('data: [DONE]\n\n');
}
