// An OpenAI Agents SDK agent with one function tool, run against Junction's Responses API as a user would.
// Reads JUNCTION_BASE_URL (…/v1), JUNCTION_KEY, JUNCTION_MODEL and JUNCTION_STREAM (true: stream the run); prints
// the tool's calls and the final output, and exits non-zero when the tool was not called once for Paris or the final
// output does not use its result. RealClientsTest runs it.
import OpenAI from 'openai';
import { Agent, run, setDefaultOpenAIClient, setTracingDisabled, tool } from '@openai/agents';
import { z } from 'zod';

const required = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
};

setTracingDisabled(true); // traces would go to OpenAI's servers
setDefaultOpenAIClient(new OpenAI({ baseURL: required('JUNCTION_BASE_URL'), apiKey: required('JUNCTION_KEY'),
  maxRetries: 0, timeout: 60_000 }));

const calls = [];
const getWeather = tool({
  name: 'get_weather',
  description: 'The current weather in a city',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    calls.push(city);
    return `It is 18 degrees and sunny in ${city}.`;
  },
});

const agent = new Agent({
  name: 'Weather assistant',
  instructions: 'Answer weather questions with the get_weather tool.',
  model: required('JUNCTION_MODEL'),
  tools: [getWeather],
});

const stream = process.env.JUNCTION_STREAM === 'true';
const result = await run(agent, 'What is the weather in Paris?', { stream });
if (stream) {
  for await (const event of result) {
    if (event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta') {
      process.stdout.write(`delta: ${JSON.stringify(event.data.delta)}\n`);
    }
  }
  await result.completed;
}
console.log(`response ids: ${JSON.stringify(result.rawResponses.map((r) => r.responseId))}`); // resp_…: Responses API
console.log(`tool calls: ${JSON.stringify(calls)}`);
console.log(`final output: ${result.finalOutput}`);
if (calls.length !== 1 || calls[0] !== 'Paris') {
  console.error('the get_weather tool was not called once for Paris');
  process.exit(1);
}
if (!String(result.finalOutput).includes('18 degrees')) {
  console.error('the final output does not use the tool result');
  process.exit(1);
}
