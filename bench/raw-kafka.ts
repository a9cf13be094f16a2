import { kafkaBrokers, waitFor } from '@onewindow/testing';
import { Kafka, logLevel } from 'kafkajs';
import { percentile } from './report';

export interface RawRoundTrip {
  seconds: number;
  producerPerSec: number;
  /** Messages consumed per second, from the first send to the last message consumed. */
  e2ePerSec: number;
  lagP50: number;
  lagP99: number;
}

/**
 * The ceiling the messaging benchmarks print beside their figures: `n` messages sent with a bare
 * kafkajs producer (`acks: -1`, in batches) and read by a bare consumer that writes nothing, on the
 * same broker, in the same run. Lag is consume time minus the message's timestamp.
 */
export async function rawRoundTrip(
  topic: string,
  n: number,
  o: { batch: number; payload: (i: number) => { key: string; value: string } },
): Promise<RawRoundTrip> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `raw-${topic}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const lags: number[] = [];
  let last = 0;
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => {
      last = Date.now();
      lags.push(last - Number(message.timestamp));
    },
  });
  const t0 = Date.now();
  for (let i = 0; i < n; i += o.batch) {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: Math.min(o.batch, n - i) }, (_, j) => o.payload(i + j)),
    });
  }
  const produced = Date.now();
  await waitFor(async () => lags.length >= n, 300_000, 20, 'raw consumption');
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return {
    seconds: (last - t0) / 1000,
    producerPerSec: n / ((produced - t0) / 1000),
    e2ePerSec: n / ((last - t0) / 1000),
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
  };
}
