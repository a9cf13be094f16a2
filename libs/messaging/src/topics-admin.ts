import type { Kafka } from 'kafkajs';

/**
 * Creates the topics that do not exist yet and waits for their leaders. A broker that has just
 * started can answer "does not host this topic-partition" while the new topic's metadata spreads;
 * kafkajs does not retry that, so this does, a bounded number of times.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  numPartitions?: number,
  attempts = 10,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = [...new Set(topics)].filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            ...(numPartitions ? { numPartitions, replicationFactor: 1 } : {}),
          })),
        });
      }
      return;
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
