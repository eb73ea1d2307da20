// The ceiling for webhook ingest: a bare fastify route that reads the body, parses the JSON and answers 200.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 3 * 1024 * 1024 });
app.post('/webhook', (request, reply) => {
  JSON.parse(JSON.stringify(request.body));
  return reply.code(200).send({ status: 'ok' });
});
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(address);
