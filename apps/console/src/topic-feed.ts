import type { TopicFollower } from '@eap/kafka-io';
import type { FeedState } from './console-state.js';

/**
 * Keeps a follower running: started again `retryMs` after it fails to start (topic not there yet,
 * Kafka down) or crashes, reporting each state. Resolves `stop` once it is stopped.
 */
export const superviseFeed = ({
  start,
  onState,
  retryMs = 5_000,
}: {
  start: (onCrash: (error: Error) => void) => Promise<TopicFollower>;
  onState: (state: FeedState) => void;
  retryMs?: number;
}): { stop(): Promise<void> } => {
  let follower: TopicFollower | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = (error: Error) => {
    onState({ kind: 'retrying', error: error.message.split('\n')[0] ?? String(error), at: Date.now() });
    if (!stopped) timer = setTimeout(() => void attempt(), retryMs).unref();
  };
  const attempt = async () => {
    if (stopped) return;
    onState({ kind: 'starting' });
    try {
      const started = await start((error) => {
        void started.stop().catch(() => undefined);
        follower = undefined;
        retry(error);
      });
      if (stopped) return void (await started.stop().catch(() => undefined));
      follower = started;
      onState({ kind: 'following', since: Date.now() });
    } catch (e) {
      retry(e as Error);
    }
  };
  void attempt();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await follower?.stop().catch(() => undefined);
    },
  };
};
