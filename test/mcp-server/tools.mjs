// The tools each mode of server.ts lists.

const object = (properties, required = []) => ({ type: 'object', properties, required });

const weatherV1 = [
  {
    name: 'get_weather',
    title: 'Weather',
    description: 'Current weather for a city.',
    inputSchema: object({ city: { type: 'string', description: 'City name' }, unit: { type: 'string', enum: ['c', 'f'], description: 'Temperature unit' } }, ['city']),
    annotations: { readOnlyHint: true },
  },
  {
    name: 'search_places',
    description: 'Finds places by name.',
    inputSchema: object({ query: { type: 'string', description: 'What to look for' } }, ['query']),
  },
  {
    name: 'get_time',
    description: 'Local time in a city.',
    inputSchema: object({ city: { type: 'string', description: 'City name' } }, ['city']),
  },
];

// v2: get_weather's unit values renamed and a required country added (breaking), search_places
// removed (breaking), get_time only re-described (not breaking), book_table new.
const weatherV2 = [
  {
    name: 'get_weather',
    description: 'Current weather for a city.',
    inputSchema: object({
      city: { type: 'string', description: 'City name' },
      country: { type: 'string', description: 'ISO country code' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'], description: 'Temperature unit' },
    }, ['city', 'country']),
  },
  {
    name: 'get_time',
    description: 'Local time in a city, as HH:MM.',
    inputSchema: object({ city: { type: 'string', description: 'City name' } }, ['city']),
  },
  {
    name: 'book_table',
    description: 'Books a restaurant table.',
    inputSchema: object({ place: { type: 'string', description: 'Restaurant' }, people: { type: 'integer', description: 'Party size' } }, ['place', 'people']),
  },
];

const paged = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((name) => ({
  name,
  description: `Tool ${name}.`,
  inputSchema: object({ x: { type: 'string', description: 'x' } }),
}));

const oddNames = ['weather.get', 'files/read', 'über tool', 'x'.repeat(80), 'get weather', 'get_weather'].map((name) => ({
  name,
  description: `Tool named ${name}.`,
  inputSchema: object({}),
}));

const hugeProperties = {};
for (let i = 0; i < 3000; i++) hugeProperties[`field_${i}`] = { type: 'string', description: `Field ${i}` };
const huge = [{ name: 'huge_form', description: 'A form with 3,000 fields.', inputSchema: object(hugeProperties, ['field_0']) }];

export const TOOLS = { 'weather-v1': weatherV1, 'weather-v2': weatherV2, paged, 'odd-names': oddNames, huge };
