// A local stand-in for OpenAI's Chat Completions API, for the AI Agent end-to-end test: n8n's
// OpenAI Chat Model node reaches it through an OpenAI credential whose base URL points here.
//
// It plays a model that uses one tool per conversation: the first call of a conversation (no tool
// message yet) is answered with a call of the tool that `pickTool` finds in the request's `tools`,
// with arguments filled for every property of the tool's JSON schema by `chooseArgument`; the
// call after the tool answered gets a final answer that quotes the tool message word for word.
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
			if (req.method !== 'POST' || path !== '/v1/chat/completions' || !Array.isArray(body?.messages)) {
				return send(404, { error: { message: `The stub serves GET /v1/models and POST /v1/chat/completions, not ${req.method} ${path}`, type: 'invalid_request_error' } });
			}
			const message = answer(body, ++callCounter);
			record.answer = message;
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

	/** The assistant message for a conversation: a tool call first, then the final answer. */
	function answer(body, callNumber) {
		const toolMessages = body.messages.filter((message) => message.role === 'tool');
		if (toolMessages.length > 0) {
			const quoted = toolMessages.map((message) => contentText(message.content)).join('\n');
			return { role: 'assistant', content: `Here is what the tool returned:\n${quoted}`, refusal: null };
		}
		const tool = pickTool(body.tools ?? []);
		if (!tool) return { role: 'assistant', content: 'None of the tools I was given can answer this.', refusal: null };
		const properties = tool.function.parameters?.properties ?? {};
		const args = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, chooseArgument(name, schema)]));
		return {
			role: 'assistant',
			content: null,
			refusal: null,
			tool_calls: [{ id: `call_stub_${callNumber}`, type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(args) } }],
		};
	}

	await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
	const untrack = trackServer(server);
	return {
		/** The base URL for the OpenAI credential's "Base URL" field. */
		baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		/** The recorded chat completion requests only. */
		chatRequests: () => requests.filter((request) => request.path === '/v1/chat/completions'),
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
